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
    const tiers = toOwnedLuceneQueries(query, userId);
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
    if (tiers.length === 0) {
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
    // Ranked: each tier's matches after the previous tier's (exact words before typos); a tier
    // is read only when those before it could not fill the page.
    const wanted = page.offset + page.limit + 1;
    const ranked: SearchHit[] = [];
    for (const lucene of tiers) {
      const seen = ranked.map((hit) => hit.id);
      ranked.push(...(await this.rankedHits(lucene, filters, params, wanted - ranked.length, seen)));
      if (ranked.length >= wanted) break;
    }
    const hits = ranked.slice(page.offset, wanted);
    return { hits: hits.slice(0, page.limit), hasMore: hits.length > page.limit };
  }

  /**
   * At least `wanted` of one Lucene query's best hits that pass the filters and are not `seen`
   * (a previous tier's), best first, or all of them when fewer pass: Lucene's best `window` hits
   * are checked against the filters (trash, and what Lucene cannot tell exactly); when too few
   * pass and Lucene had more, a wider window is read.
   */
  private async rankedHits(
    lucene: string,
    filters: string,
    params: Record<string, unknown>,
    wanted: number,
    seen: string[],
  ): Promise<SearchHit[]> {
    for (let window = (wanted + seen.length) * WINDOW_FACTOR; ; window *= WINDOW_GROWTH) {
      const result = await this.neo4j.read(
        `CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $window}) YIELD node AS n, score
         RETURN n.id AS id, score, (${filters}) AND NOT n.id IN $seen AS keep`,
        { ...params, lucene, seen, window: int(window) },
      );
      const kept = result.records
        .filter((r) => r.get('keep') === true)
        .map((r) => ({ id: r.get('id') as string, score: r.get('score') as number }));
      if (kept.length < wanted && result.records.length === window) continue;
      return kept.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
  }
}
