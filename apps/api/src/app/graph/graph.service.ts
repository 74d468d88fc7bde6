import { Injectable, NotFoundException } from '@nestjs/common';
import {
  GRAPH_LIMITS,
  type GraphPage,
  type GraphPaths,
  type GraphStats,
  type GraphView,
  type Insight,
} from '@insight/contracts';
import { GraphStatsService, GraphTraversalService } from '@insight/graph';
import { CategoriesRepository, InsightsRepository } from '@insight/insights';
import { ValidationProblem } from '@insight/platform';
import { insightNotFound } from '../common/insight-problems';
import { decodeGraphCursor, encodeGraphCursor } from './graph-cursor';
import type { GraphPageQueryDto, GraphPathQueryDto, NeighborhoodQueryDto } from './graph-query.dto';

/**
 * The caller's knowledge graph, read from the Neo4j projection. An insight that is the caller's
 * in MongoDB but not projected yet (its sync is a moment behind) is shown alone, never as 404.
 */
@Injectable()
export class GraphService {
  constructor(
    private readonly traversal: GraphTraversalService,
    private readonly stats: GraphStatsService,
    private readonly insights: InsightsRepository,
    private readonly categories: CategoriesRepository,
  ) {}

  async neighborhood(userId: string, insightId: string, query: NeighborhoodQueryDto): Promise<GraphView> {
    const view = await this.traversal.neighborhood(userId, insightId, query);
    if (view) return view;
    const insight = await this.insights.findOwned(userId, insightId);
    if (!insight) throw insightNotFound(insightId);
    return { nodes: [await this.unprojectedNode(userId, insight)], edges: [], truncated: false };
  }

  async paths(userId: string, query: GraphPathQueryDto): Promise<GraphPaths> {
    const maxDepth = query.maxDepth ?? GRAPH_LIMITS.pathMaxDepthDefault;
    const paths = await this.traversal.paths(userId, query.from, query.to, maxDepth);
    if (paths) return { paths };
    const found = await this.insights.findManyOwned(userId, [query.from, query.to]);
    const missing = [query.from, query.to].find((id) => !found.some((insight) => insight.id === id));
    if (missing) throw new NotFoundException(`You have no insight ${missing}.`);
    return { paths: [] }; // both exist but are not projected yet: no path known so far
  }

  async page(userId: string, query: GraphPageQueryDto): Promise<GraphPage> {
    const after = query.cursor === undefined ? undefined : decodeGraphCursor(query.cursor);
    if (after === null) {
      throw new ValidationProblem({ cursor: ['is not a cursor of this list; start again without it'] });
    }
    const page = await this.traversal.page(userId, {
      limit: query.limit ?? GRAPH_LIMITS.pageLimitDefault,
      after,
    });
    return { ...page, nextCursor: page.nextCursor ? encodeGraphCursor(page.nextCursor) : null };
  }

  statistics(userId: string): Promise<GraphStats> {
    return this.stats.stats(userId);
  }

  private async unprojectedNode(userId: string, insight: Insight): Promise<GraphView['nodes'][number]> {
    const category = insight.categoryId ? await this.categories.findOwned(userId, insight.categoryId) : null;
    return {
      id: insight.id,
      title: insight.title,
      categoryId: insight.categoryId,
      categoryColor: category?.colour ?? null,
      favorite: insight.favorite,
      degree: 0,
    };
  }
}
