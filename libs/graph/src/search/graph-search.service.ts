import { Injectable } from '@nestjs/common';
import { int } from 'neo4j-driver';
import { GraphDatabase } from '@insight/platform';
import { edgeTypeFor } from '../projection/relationship-edge-types';
import { type ParsedSearchQuery, toOwnedLuceneQueries } from './search-query';

export interface SearchHit {
  id: string;
  /**
   * Lucene's relevance (BM25) among the hits of its tier (matches with a typo follow every exact
   * match, whatever their score); 0 for filter-only queries, which sort newest first.
   */
  score: number;
}

export const SEARCH_INDEX = 'insight_search_by_user';

/** Lucene's top hits read first: this many times the page and what precedes it, then 4× as many each round. */
const WINDOW_FACTOR = 2;
const WINDOW_GROWTH = 4;

/**
 * Finds the caller's insights: ranked by the full-text index when there is text, newest
 * first when there are only filters. Trash is excluded. Returns ids to hydrate from MongoDB.
 */
@Injectable()
export class GraphSearchService {
  constructor(private readonly neo4j: GraphDatabase) {}

  async search(
    userId: string,
    query: ParsedSearchQuery,
    page: { offset: number; limit: number },
  ): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
    const lucene = toOwnedLuceneQueries(query, userId);
    // `type:supported_by` finds the same edges as `type:supports`: direction is only a view.
    const edgeTypes = [...new Set(query.types.map((t) => edgeTypeFor(t)))];
    const filters = `n.userId = $userId AND n.deleted = false
      AND ($favorite IS NULL OR n.favorite = $favorite)
      AND ($after IS NULL OR n.createdAt >= datetime($after))
      AND ($before IS NULL OR n.createdAt < datetime($before))
      AND all(tag IN $tags WHERE EXISTS { (n)-[:TAGGED]->(:Tag {userId: $userId, name: tag}) })
      AND (size($categories) = 0 OR EXISTS { (n)-[:IN_CATEGORY]->(c:Category) WHERE toLower(c.name) IN $categories })
      AND (size($edgeTypes) = 0 OR EXISTS { (n)-[r]-(:Insight {deleted: false}) WHERE type(r) IN $edgeTypes })`;
    const params = {
      userId,
      index: SEARCH_INDEX,
      favorite: query.favorite ?? null,
      after: query.after?.toISOString() ?? null,
      before: query.before?.toISOString() ?? null,
      tags: query.tags,
      categories: query.categories.map((c) => c.toLowerCase()),
      edgeTypes,
      skip: int(page.offset),
      limit: int(page.limit + 1),
    };
    if (!lucene) {
      const result = await this.neo4j.read(
        `MATCH (n:Insight {userId: $userId})
         WHERE ${filters}
         RETURN n.id AS id, 0.0 AS score ORDER BY n.createdAt DESC, id SKIP $skip LIMIT $limit`,
        params,
      );
      const hits = result.records.map((r) => ({
        id: r.get('id') as string,
        score: r.get('score') as number,
      }));
      return { hits: hits.slice(0, page.limit), hasMore: hits.length > page.limit };
    }
    // Ranked, in one read: Lucene's best `window` hits of the exact words, checked against the
    // filters (trash, and what Lucene cannot tell exactly); then, only when they were all read and
    // too few passed, the typo-tolerant query's best, leaving out what the first found. When a
    // tier had more hits than the window but too few passed, a wider window is read.
    const wanted = page.offset + page.limit + 1;
    for (let window = wanted * WINDOW_FACTOR; ; window *= WINDOW_GROWTH) {
      const result = await this.neo4j.read(
        `CALL db.index.fulltext.queryNodes($index, $exact, {limit: $window}) YIELD node AS n, score
         WITH collect({id: n.id, score: score, keep: (${filters})}) AS exact
         WITH exact, [hit IN exact WHERE hit.keep | hit.id] AS found
         CALL (exact, found) {
           WITH * WHERE $typo IS NOT NULL AND size(exact) < $window AND size(found) < $wanted
           CALL db.index.fulltext.queryNodes($index, $typo, {limit: $window}) YIELD node AS n, score
           RETURN collect({id: n.id, score: score, keep: (${filters}) AND NOT n.id IN found}) AS typo
         }
         RETURN exact, typo`,
        { ...params, ...lucene, wanted: int(wanted), window: int(window) },
      );
      const exact = rankedTier(result.records[0].get('exact') as TierHit[]);
      const typo = rankedTier(result.records[0].get('typo') as TierHit[]);
      const ranked = [...exact.kept, ...typo.kept];
      const exactComplete = exact.kept.length >= wanted || exact.read < window;
      const typoComplete = ranked.length >= wanted || typo.read < window;
      if (!exactComplete || !typoComplete) continue;
      const hits = ranked.slice(page.offset, wanted);
      return { hits: hits.slice(0, page.limit), hasMore: hits.length > page.limit };
    }
  }
}

interface TierHit {
  id: string;
  score: number;
  keep: boolean;
}

/** One tier's hits that passed the filters, best first, and how many Lucene answered. */
function rankedTier(hits: TierHit[]): { kept: SearchHit[]; read: number } {
  const kept = hits
    .filter((hit) => hit.keep)
    .map(({ id, score }) => ({ id, score }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { kept, read: hits.length };
}
