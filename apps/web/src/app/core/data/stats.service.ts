import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DashboardStats } from '@insight/contracts';
import { Observable } from 'rxjs';
import { API } from '../api';

/** The dashboard's figures (computed by the worker, hourly). */
@Injectable({ providedIn: 'root' })
export class StatsService {
  private readonly http = inject(HttpClient);

  stats(): Observable<DashboardStats> {
    return this.http.get<DashboardStats>(`${API}/stats`);
  }
}
