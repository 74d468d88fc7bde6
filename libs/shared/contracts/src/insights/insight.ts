export const INSIGHT_SOURCE_TYPES = ['text', 'voice', 'import'] as const;
export type InsightSourceType = (typeof INSIGHT_SOURCE_TYPES)[number];

export const INSIGHT_STATUSES = ['pending', 'processed', 'failed'] as const;
/** `pending` until the worker's analysis ran for the current content. */
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];

/** Limits shared by the client's forms and the server's validation. */
export const INSIGHT_LIMITS = {
  titleMaxLength: 200,
  contentMaxLength: 100_000,
  summaryMaxLength: 2_000,
  tagsMaxCount: 50,
  tagMaxLength: 64,
  pageSizeMax: 100,
  pageSizeDefault: 20,
} as const;

/** Filled by the worker's analysis (keywords, language, sentiment, …); null until then. */
export type InsightAnalysis = Record<string, unknown>;

/** One keyword of an insight: `weight` is its TF-IDF weight (0–1) against the owner's insights. */
export interface InsightKeyword {
  term: string;
  weight: number;
  /** What matches across word forms ("cach" for cache, caching). */
  stem: string;
}

/** A tag the analysis proposes; nothing is applied without the user. */
export interface InsightTagSuggestion {
  name: string;
  /** True when the user already uses the tag elsewhere. */
  existing: boolean;
  score: number;
  reason: string;
}

/** What `analysis` holds once the worker has analysed an insight (narrow `InsightAnalysis` to it). */
export interface InsightTextAnalysis {
  /** The insight version the analysis is of. */
  insightVersion: number;
  /** ISO 639-1 code (`en`, `pt`, …) or `und`. */
  language: string;
  keywords: InsightKeyword[];
  /** −1..1, null for languages without a sentiment lexicon. */
  sentiment: number | null;
  wordCount: number;
  readingTimeMinutes: number;
  /** The extractive summary generated for a long text (also copied to `summary` when that was empty). */
  summary: string | null;
  tagSuggestions: InsightTagSuggestion[];
  /** Set when the analysis failed after its retries (`status: failed`). */
  error?: string;
  analysedAt: string;
}

/** One insight as the API shows it. */
export interface Insight {
  id: string;
  title: string;
  /** Markdown. */
  content: string;
  summary: string | null;
  /** Normalised: trimmed, lowercase, unique. */
  tags: string[];
  categoryId: string | null;
  sourceType: InsightSourceType;
  favorite: boolean;
  /** 0 (minor) to 1 (essential). */
  importance: number;
  status: InsightStatus;
  analysis: InsightAnalysis | null;
  /** Bumped by every change; sent as the ETag and expected back in `If-Match`. */
  version: number;
  /** The version the knowledge graph reflects; behind `version` while a sync is pending. */
  graphVersion: number;
  createdAt: string;
  updatedAt: string;
  /** Set while the insight is in the trash. */
  deletedAt: string | null;
}

/** `POST /api/v1/insights`. */
export interface CreateInsightRequest {
  title: string;
  content?: string;
  summary?: string | null;
  tags?: string[];
  categoryId?: string | null;
  sourceType?: InsightSourceType;
  favorite?: boolean;
  importance?: number;
}

/** `PATCH /api/v1/insights/:id`: any subset of the fields; send `If-Match: "<version>"` to refuse stale edits. */
export type UpdateInsightRequest = Partial<CreateInsightRequest>;

export const INSIGHT_SORT_FIELDS = ['createdAt', 'updatedAt'] as const;
export type InsightSortField = (typeof INSIGHT_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** `GET /api/v1/insights` query parameters. */
export interface InsightListQuery {
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** 1–100, default 20. */
  limit?: number;
  /** Insights carrying every one of these tags. */
  tag?: string[];
  categoryId?: string;
  favorite?: boolean;
  status?: InsightStatus;
  /** Inclusive lower bound on the sort field (ISO 8601). */
  from?: string;
  /** Inclusive upper bound on the sort field (ISO 8601). */
  to?: string;
  /** Default `createdAt`. */
  sort?: InsightSortField;
  /** Default `desc`. */
  order?: SortOrder;
}

/** `GET /api/v1/trash` query parameters: newest deletion first. */
export interface TrashListQuery {
  cursor?: string;
  limit?: number;
}

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
