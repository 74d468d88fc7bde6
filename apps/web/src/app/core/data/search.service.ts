import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateRelationshipRequest,
  Relationship,
  SearchRequest,
  SearchResults,
} from '@insight/contracts';
import { Observable } from 'rxjs';
import { API, queryParams } from '../api';

@Injectable({ providedIn: 'root' })
export class SearchService {
  private readonly http = inject(HttpClient);

  search(request: SearchRequest): Observable<SearchResults> {
    return this.http.get<SearchResults>(`${API}/search`, { params: queryParams(request) });
  }

  link(request: CreateRelationshipRequest): Observable<Relationship> {
    return this.http.post<Relationship>(`${API}/relationships`, request);
  }

  unlink(relationshipId: string): Observable<void> {
    return this.http.delete<void>(`${API}/relationships/${encodeURIComponent(relationshipId)}`);
  }
}
