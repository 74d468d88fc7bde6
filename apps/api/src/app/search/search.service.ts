import { Injectable } from '@nestjs/common';
import { SEARCH_LIMITS, type SearchResults } from '@insight/contracts';
import {
  GraphSearchService,
  highlightExcerpt,
  highlightTitle,
  type ParsedSearchQuery,
  parseSearchQuery,
  SearchQueryError,
} from '@insight/graph';
import { InsightsRepository } from '@insight/insights';
import { ValidationProblem } from '@insight/platform';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import type { SearchQueryDto } from './search-query.dto';

/**
 * Ranked search: the query language is parsed here, Neo4j's full-text index ranks the caller's
 * insights, and the page is hydrated from MongoDB (the source of truth) in one query, keeping
 * the ranking. A hit whose insight was trashed or deleted since it was indexed is left out.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: GraphSearchService,
    private readonly insights: InsightsRepository,
  ) {}

  async find(userId: string, request: SearchQueryDto): Promise<SearchResults> {
    const query = this.parse(request.q);
    const offset = request.cursor === undefined ? 0 : decodeSearchCursor(request.cursor, request.q);
    if (offset === null) {
      throw new ValidationProblem({ cursor: ['is not a cursor of this query; start again without it'] });
    }
    const limit = request.limit ?? SEARCH_LIMITS.limitDefault;
    const { hits, hasMore } = await this.search.search(userId, query, { offset, limit });
    const insights = await this.insights.findManyOwned(
      userId,
      hits.map((hit) => hit.id),
    );
    const scores = new Map(hits.map((hit) => [hit.id, hit.score]));
    return {
      items: insights.map((insight) => ({
        insight,
        score: scores.get(insight.id) ?? 0,
        highlights: {
          title: highlightTitle(insight.title, query),
          content: highlightExcerpt(insight.content, query),
        },
      })),
      nextCursor: hasMore ? encodeSearchCursor(request.q, offset + limit) : null,
    };
  }

  private parse(q: string): ParsedSearchQuery {
    try {
      return parseSearchQuery(q);
    } catch (error) {
      if (error instanceof SearchQueryError) {
        throw new ValidationProblem(
          { q: [error.reason] },
          `The search query cannot be run: q ${error.reason}.`,
        );
      }
      throw error;
    }
  }
}
