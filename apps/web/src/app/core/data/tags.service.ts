import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { TagCount, TagDeleteResult, TagRenameResult } from '@insight/contracts';
import { Observable } from 'rxjs';
import { API } from '../api';

@Injectable({ providedIn: 'root' })
export class TagsService {
  private readonly http = inject(HttpClient);

  /** Most used first. */
  list(): Observable<TagCount[]> {
    return this.http.get<TagCount[]>(`${API}/tags`);
  }

  /** Renames; when `to` is already a tag the two merge. */
  rename(from: string, to: string): Observable<TagRenameResult> {
    return this.http.patch<TagRenameResult>(`${API}/tags/${encodeURIComponent(from)}`, { name: to });
  }

  delete(name: string): Observable<TagDeleteResult> {
    return this.http.delete<TagDeleteResult>(`${API}/tags/${encodeURIComponent(name)}`);
  }
}
