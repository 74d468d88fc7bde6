import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Digest, Page, ReviewGrade, ReviewQueue, ReviewState } from '@insight/contracts';
import { map, Observable } from 'rxjs';
import { API } from '../api';

/** Resurfacing: today's due insights, grading them, and the weekly digests. */
@Injectable({ providedIn: 'root' })
export class ReviewService {
  private readonly http = inject(HttpClient);

  queue(): Observable<ReviewQueue> {
    return this.http.get<ReviewQueue>(`${API}/review`);
  }

  /** Records how well the user remembered it; answers the new schedule. */
  grade(insightId: string, grade: ReviewGrade): Observable<ReviewState> {
    return this.http.post<ReviewState>(`${API}/review/${encodeURIComponent(insightId)}`, { grade });
  }

  /** The newest weekly digest, or null before the first one was made. */
  latestDigest(): Observable<Digest | null> {
    return this.http
      .get<Page<Digest>>(`${API}/digests`, { params: { limit: 1 } })
      .pipe(map((page) => page.items[0] ?? null));
  }
}
