import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AcceptedSuggestion, Page, RelationshipSuggestion, RelationshipType } from '@insight/contracts';
import { Observable } from 'rxjs';
import { API } from '../api';

/** The worker's related-insight suggestions of one insight: accept (as a chosen type) or reject. */
@Injectable({ providedIn: 'root' })
export class SuggestionsService {
  private readonly http = inject(HttpClient);

  list(insightId: string): Observable<Page<RelationshipSuggestion>> {
    return this.http.get<Page<RelationshipSuggestion>>(
      `${API}/insights/${encodeURIComponent(insightId)}/suggestions`,
      { params: { limit: 20 } },
    );
  }

  /** Links the pair as `type`, read from the insight whose list showed the suggestion. */
  accept(suggestion: RelationshipSuggestion, type: RelationshipType): Observable<AcceptedSuggestion> {
    return this.http.post<AcceptedSuggestion>(
      `${API}/suggestions/${encodeURIComponent(suggestion.id)}/accept`,
      { type, insightId: suggestion.insightId },
    );
  }

  reject(id: string): Observable<RelationshipSuggestion> {
    return this.http.post<RelationshipSuggestion>(
      `${API}/suggestions/${encodeURIComponent(id)}/reject`,
      null,
    );
  }
}
