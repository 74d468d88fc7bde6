import type { Insight } from '../insights/insight';

export const SEARCH_LIMITS = { limitDefault: 20, limitMax: 50, queryMaxLength: 500 } as const;

/** `GET /api/v1/search` query parameters. */
export interface SearchRequest {
  /**
   * Words (the last one matches as a prefix while typing, one typo is forgiven), "exact phrases"
   * and filters: `tag:x category:y type:supports is:favorite before:2026-01-01 after:2025-06-01`.
   */
  q: string;
  /** 1–50, default 20. */
  limit?: number;
  /** `nextCursor` of the previous page of the same query. */
  cursor?: string;
}

/**
 * Where the query matched, as HTML: the text is escaped and every match is wrapped in
 * `<mark>…</mark>`, so it can be inserted as it is.
 */
export interface SearchHighlights {
  title: string;
  /** An excerpt of the content around the first match (its start when nothing matched there). */
  content: string;
}

export interface SearchResult {
  insight: Insight;
  /** Relevance (higher is better); 0 for filter-only queries, which list newest first. */
  score: number;
  highlights: SearchHighlights;
}

/** One page of results, best first. */
export interface SearchResults {
  items: SearchResult[];
  nextCursor: string | null;
}
