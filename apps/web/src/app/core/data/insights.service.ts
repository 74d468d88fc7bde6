import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  type CreateInsightRequest,
  type GraphView,
  type Insight,
  INSIGHT_LIMITS,
  type InsightListQuery,
  type Page,
  type RelationshipFromInsight,
  type UpdateInsightRequest,
} from '@insight/contracts';
import { Observable, Subject } from 'rxjs';
import { tap } from 'rxjs/operators';
import { API, queryParams } from '../api';

/** Links per page on an insight's page: the most the api gives at once. */
const RELATIONSHIPS_PAGE = INSIGHT_LIMITS.pageSizeMax;

/** The caller's insights, their relationships and their neighbourhood. */
@Injectable({ providedIn: 'root' })
export class InsightsService {
  private readonly http = inject(HttpClient);
  private readonly createdSubject = new Subject<Insight>();

  /** Every insight this client captured, so open lists can show it at once. */
  readonly created$ = this.createdSubject.asObservable();

  list(query: InsightListQuery): Observable<Page<Insight>> {
    return this.http.get<Page<Insight>>(`${API}/insights`, { params: queryParams(query) });
  }

  get(id: string): Observable<Insight> {
    return this.http.get<Insight>(`${API}/insights/${encodeURIComponent(id)}`);
  }

  create(request: CreateInsightRequest): Observable<Insight> {
    return this.http
      .post<Insight>(`${API}/insights`, request)
      .pipe(tap((insight) => this.createdSubject.next(insight)));
  }

  /** With the version the user saw: a change by someone else in between answers 412. */
  update(insight: Pick<Insight, 'id' | 'version'>, changes: UpdateInsightRequest): Observable<Insight> {
    return this.http.patch<Insight>(`${API}/insights/${encodeURIComponent(insight.id)}`, changes, {
      headers: { 'If-Match': `"${insight.version}"` },
    });
  }

  trash(id: string): Observable<void> {
    return this.http.delete<void>(`${API}/insights/${encodeURIComponent(id)}`);
  }

  restore(id: string): Observable<Insight> {
    return this.http.post<Insight>(`${API}/insights/${encodeURIComponent(id)}/restore`, null);
  }

  /** A page of an insight's links, oldest first; pass the previous page's `nextCursor` for the next. */
  relationships(insightId: string, cursor?: string): Observable<Page<RelationshipFromInsight>> {
    return this.http.get<Page<RelationshipFromInsight>>(`${API}/relationships`, {
      params: { insightId, limit: RELATIONSHIPS_PAGE, ...(cursor ? { cursor } : {}) },
    });
  }

  /** The insight and its direct neighbours, with titles: one call instead of one per link. */
  neighborhood(id: string, depth = 1): Observable<GraphView> {
    return this.http.get<GraphView>(`${API}/graph/neighborhood/${encodeURIComponent(id)}`, {
      params: { depth },
    });
  }
}
