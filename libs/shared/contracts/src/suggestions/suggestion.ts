import type { RelationshipType } from '../relationships/relationship-types';
import type { Relationship } from '../relationships/relationship';

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected'] as const;
/** `open` until the user accepts (a relationship now exists) or rejects it (never suggested again). */
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** A related insight the worker proposes to link, with why. */
export interface RelationshipSuggestion {
  id: string;
  /** The insight whose list this is. */
  insightId: string;
  /** The insight proposed as related, as a short reference. */
  relatedInsight: { id: string; title: string };
  /** The proposed type, read from `insightId` to `relatedInsight` (`related` unless evidence says more). */
  type: RelationshipType;
  /** 0–1: a blend of shared keywords, shared tags, graph proximity and time proximity. */
  score: number;
  /** Human-readable reasons, Markdown (`shares keywords *cache*, *latency*; both tagged *performance*`). */
  reasons: string[];
  status: SuggestionStatus;
  createdAt: string;
}

/** `POST /api/v1/suggestions/:id/accept`: optionally another type than the one proposed. */
export interface AcceptSuggestionRequest {
  /** Read from `insightId` to the other insight of the pair. */
  type?: RelationshipType;
  /**
   * The insight whose list the suggestion was read in (one of the pair), so that `type` means
   * what that list showed; the insight whose analysis proposed the pair when absent.
   */
  insightId?: string;
}

/** What accepting a suggestion did. */
export interface AcceptedSuggestion {
  suggestion: RelationshipSuggestion;
  relationship: Relationship;
}
