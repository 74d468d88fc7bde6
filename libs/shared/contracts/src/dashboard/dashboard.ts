import type { InsightStatus } from '../insights/insight';
import type { RelationshipType } from '../relationships/relationship-types';

export interface CountOf<K extends string = string> {
  key: K;
  count: number;
}

/** `GET /api/v1/stats`: the dashboard's figures, computed by the worker (hourly) and stored. */
export interface DashboardStats {
  /** ISO 8601: when the worker computed them. */
  generatedAt: string;
  totals: { insights: number; trashed: number; favorites: number; relationships: number };
  /** New insights per ISO week (weeks start on Monday, UTC), the last 12 weeks, oldest first. */
  insightsPerWeek: { weekStart: string; count: number }[];
  /** Insights per category (`categoryId` null: uncategorised), most first. */
  byCategory: { categoryId: string | null; name: string | null; count: number }[];
  topTags: CountOf[];
  /** Keywords the analysis found, by the number of insights mentioning them. */
  topKeywords: CountOf[];
  relationshipTypes: CountOf<RelationshipType>[];
  processingStatus: Record<InsightStatus, number>;
}

/** A link made during a digest's period. */
export interface DigestLink {
  relationshipId: string;
  type: RelationshipType;
  strength: number;
  source: { id: string; title: string };
  target: { id: string; title: string };
}

/** One weekly digest of one user (`GET /api/v1/digests`). */
export interface Digest {
  id: string;
  /** ISO 8601, inclusive. */
  periodStart: string;
  /** ISO 8601, exclusive. */
  periodEnd: string;
  createdAt: string;
  counts: { newInsights: number; newRelationships: number; dueForReview: number };
  /** The most frequent keywords of the period's new insights. */
  topKeywords: CountOf[];
  /** The period's strongest new links. */
  strongestLinks: DigestLink[];
  /** Insights due for review when the digest was made, most overdue first (at most 5). */
  due: { insightId: string; title: string; dueAt: string }[];
}
