import { Injectable } from '@nestjs/common';
import { GRAPH_LIMITS, type RelationshipType } from '@insight/contracts';
import { int } from 'neo4j-driver';
import { GraphDatabase } from '@insight/platform';
import { ALL_EDGE_TYPES, edgeTypeFor } from '../projection/relationship-edge-types';
import type { GraphEdgeView, GraphNodeView, GraphView } from './graph-views';

export const NEIGHBORHOOD_LIMITS = {
  depthMax: GRAPH_LIMITS.neighborhoodDepthMax,
  limitDefault: GRAPH_LIMITS.neighborhoodLimitDefault,
  limitMax: GRAPH_LIMITS.neighborhoodLimitMax,
} as const;

const NODE_FIELDS = `{ id: n.id, title: n.title, categoryId: n.categoryId, favorite: coalesce(n.favorite, false),
  categoryColor: head([(n)-[:IN_CATEGORY]->(c) | c.color]),
  degree: count { (n)-[:${ALL_EDGE_TYPES.join('|')}]-(:Insight {deleted: false}) } }`;

/** A typed edge `r` as the views show it (in its stored direction), read by toEdge. */
const EDGE_FIELDS = `{ id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r), strength: r.strength }`;

/**
 * Edge labels to follow, from the allow-list only (an inverse name follows its stored type:
 * direction is only a view); all typed edges when none are given.
 */
function edgePattern(types: RelationshipType[] | undefined): string {
  const chosen = types?.length ? [...new Set(types.map(edgeTypeFor))] : [];
  return (chosen.length ? chosen : ALL_EDGE_TYPES).join('|');
}

function toEdge(row: Record<string, unknown>): GraphEdgeView {
  return {
    id: row['id'] as string,
    source: row['source'] as string,
    target: row['target'] as string,
    type: (row['type'] as string).toLowerCase() as RelationshipType,
    strength: row['strength'] as number,
  };
}

/**
 * Reads the caller's graph: the neighbourhood of one insight, paths between two, and the
 * whole graph page by page. Every query is scoped by userId and skips trashed insights.
 */
@Injectable()
export class GraphTraversalService {
  constructor(private readonly neo4j: GraphDatabase) {}

  /** Null when the insight is not the caller's (or is in the trash). */
  async neighborhood(
    userId: string,
    insightId: string,
    options: { depth?: number; types?: RelationshipType[]; limit?: number } = {},
  ): Promise<GraphView | null> {
    const depth = Math.min(Math.max(Math.trunc(options.depth ?? 1), 1), NEIGHBORHOOD_LIMITS.depthMax);
    const limit = Math.min(
      Math.max(Math.trunc(options.limit ?? NEIGHBORHOOD_LIMITS.limitDefault), 1),
      NEIGHBORHOOD_LIMITS.limitMax,
    );
    const edges = edgePattern(options.types);
    // depth is an integer clamped above, so interpolating it is safe (Cypher takes no parameter there).
    // One read for the nodes and the edges among them: a second round trip cost as much again.
    const result = await this.neo4j.read(
      `MATCH (start:Insight {id: $insightId, userId: $userId, deleted: false})
       CALL {
         WITH start
         MATCH (start)-[:${edges}*1..${depth}]-(n:Insight {userId: $userId, deleted: false})
         WHERE n <> start
         RETURN DISTINCT n LIMIT $othersToFetch
       }
       WITH start, collect(n) AS others
       WITH size(others) > $limit - 1 AS truncated, [start] + others[0..$limit - 1] AS kept
       CALL {
         WITH kept
         UNWIND kept AS n
         RETURN collect(${NODE_FIELDS}) AS nodes
       }
       CALL {
         WITH kept
         UNWIND kept AS a
         MATCH (a)-[r:${edges}]->(b:Insight)
         WHERE b IN kept
         RETURN collect(${EDGE_FIELDS}) AS edges
       }
       RETURN nodes, edges, truncated`,
      // `limit` counts the start node, so fetching `limit` others tells whether the cap cut anything.
      { insightId, userId, limit: int(limit), othersToFetch: int(limit) },
    );
    if (result.records.length === 0) return null;
    const row = result.records[0];
    return {
      nodes: row.get('nodes') as GraphNodeView[],
      edges: (row.get('edges') as Record<string, unknown>[]).map(toEdge),
      truncated: row.get('truncated') as boolean,
    };
  }

  /** Shortest paths (all of equal length) from one insight to another. */
  async paths(
    userId: string,
    fromId: string,
    toId: string,
    maxDepth = 6,
  ): Promise<{ nodes: GraphNodeView[]; edges: GraphEdgeView[] }[] | null> {
    const depth = Math.min(Math.max(Math.trunc(maxDepth), 1), 10);
    const ends = await this.neo4j.read(
      'MATCH (n:Insight {userId: $userId, deleted: false}) WHERE n.id IN [$fromId, $toId] RETURN count(n) AS found',
      { userId, fromId, toId },
    );
    if ((ends.records[0].get('found') as number) < (fromId === toId ? 1 : 2)) return null;
    if (fromId === toId) {
      // Shortest-path search refuses equal ends; the path from an insight to itself is the insight.
      const itself = await this.neo4j.read(`MATCH (n:Insight {id: $fromId}) RETURN ${NODE_FIELDS} AS node`, {
        fromId,
      });
      return [{ nodes: itself.records.map((r) => r.get('node') as GraphNodeView), edges: [] }];
    }
    const result = await this.neo4j.read(
      `MATCH (a:Insight {id: $fromId, userId: $userId}), (b:Insight {id: $toId, userId: $userId})
       MATCH p = allShortestPaths((a)-[:${ALL_EDGE_TYPES.join('|')}*..${depth}]-(b))
       WHERE all(x IN nodes(p) WHERE x.userId = $userId AND x.deleted = false)
       WITH p LIMIT 10
       RETURN [n IN nodes(p) | ${NODE_FIELDS}] AS nodes,
              [r IN relationships(p) | ${EDGE_FIELDS}] AS edges`,
      { userId, fromId, toId },
    );
    return result.records.map((r) => ({
      nodes: r.get('nodes') as GraphNodeView[],
      edges: (r.get('edges') as Record<string, unknown>[]).map(toEdge),
    }));
  }

  /** One page of the caller's whole graph, ordered by id; edges leave nodes of this page. */
  async page(
    userId: string,
    options: { limit: number; after?: string },
  ): Promise<GraphView & { nextCursor: string | null }> {
    const limit = Math.min(Math.max(Math.trunc(options.limit), 1), 5000);
    const result = await this.neo4j.read(
      `MATCH (n:Insight {userId: $userId, deleted: false})
       WHERE $after IS NULL OR n.id > $after
       WITH n ORDER BY n.id LIMIT $limitPlusOne
       RETURN ${NODE_FIELDS} AS node`,
      { userId, after: options.after ?? null, limitPlusOne: int(limit + 1) },
    );
    const all = result.records.map((r) => r.get('node') as GraphNodeView);
    const nodes = all.slice(0, limit);
    const edgesResult = await this.neo4j.read(
      `MATCH (a:Insight {userId: $userId, deleted: false})-[r:${ALL_EDGE_TYPES.join('|')}]->(b:Insight {deleted: false})
       WHERE a.id IN $ids
       RETURN ${EDGE_FIELDS} AS edge`,
      { userId, ids: nodes.map((n) => n.id) },
    );
    return {
      nodes,
      edges: edgesResult.records.map((r) => toEdge(r.get('edge') as Record<string, unknown>)),
      truncated: all.length > limit,
      nextCursor: all.length > limit ? nodes[nodes.length - 1].id : null,
    };
  }
}
