import { Injectable, Logger } from '@nestjs/common';
import type { GraphCluster, GraphClusters } from '@insight/contracts';
import { int } from 'neo4j-driver';
import { GraphDatabase } from '@insight/platform';
import { ALL_EDGE_TYPES } from '../projection/relationship-edge-types';
import { ConnectedComponents, topTags } from './connected-components';

const TYPED_EDGES = ALL_EDGE_TYPES.join('|');
/** clusterId writes per transaction. */
const WRITE_CHUNK = 5000;
/** Cluster summaries kept per user (largest first); the count covers all of them. */
export const STORED_CLUSTERS = 100;
const TOP_TAGS = 5;

/** What one computation did for one user. */
export interface UserClustersOutcome {
  /** `tooLarge` when the user has more insights than the bound and was left alone. */
  status: 'computed' | 'tooLarge';
  insights: number;
  clusters: number;
  /** Insights whose clusterId changed (set, moved or removed). */
  changed: number;
}

/**
 * Clusters of the graph: the connected components of each user's typed relationships among
 * insights outside the trash (two or more insights; orphans are not clusters).
 *
 * Computed in the worker, in memory, one user at a time, not in Cypher: Neo4j Community has no
 * GDS plugin, and components in plain Cypher need many rounds of label propagation writes over
 * every node. Here one streamed read per user (ids, tags and out-edges, mapped to integers) feeds
 * a union-find that is near-linear in edges, exact and deterministic (label propagation is
 * neither, and on sparse personal graphs finds about the same groups). Memory is bounded by the
 * caller's per-user insight limit. The result is stored as derived data: `clusterId` on each
 * Insight (written only where it changed) and a summary of the largest clusters as
 * (:Cluster {userId}) nodes plus totals on the User node, all of it rebuildable.
 */
@Injectable()
export class GraphClustersService {
  private readonly logger = new Logger(GraphClustersService.name);

  constructor(private readonly neo4j: GraphDatabase) {}

  async computeForUser(userId: string, maxInsights: number): Promise<UserClustersOutcome> {
    const counted = await this.neo4j.read(
      'MATCH (i:Insight {userId: $userId, deleted: false}) RETURN count(i) AS insights',
      { userId },
    );
    const insights = counted.records[0].get('insights') as number;
    if (insights > maxInsights) {
      this.logger.warn(`clusters of user ${userId} skipped: ${insights} insights > ${maxInsights}`);
      return { status: 'tooLarge', insights, clusters: 0, changed: 0 };
    }

    const index = new Map<string, number>();
    const ids: string[] = [];
    const numberOf = (id: string): number => {
      let n = index.get(id);
      if (n === undefined) {
        n = ids.length;
        index.set(id, n);
        ids.push(id);
      }
      return n;
    };
    const edges: number[] = [];
    const previous = new Map<number, string | null>();
    const tagsOf = new Map<number, string[]>();
    const session = this.neo4j.session('read');
    try {
      const rows = session.run(
        `MATCH (i:Insight {userId: $userId, deleted: false})
         RETURN i.id AS id, i.clusterId AS clusterId,
                [(i)-[:TAGGED]->(t:Tag) | t.name] AS tags,
                [(i)-[:${TYPED_EDGES}]->(b:Insight {deleted: false}) | b.id] AS out`,
        { userId },
      );
      for await (const row of rows) {
        const n = numberOf(row.get('id') as string);
        previous.set(n, (row.get('clusterId') as string | null) ?? null);
        const tags = row.get('tags') as string[];
        if (tags.length > 0) tagsOf.set(n, tags);
        for (const target of row.get('out') as string[]) edges.push(n, numberOf(target));
      }
    } finally {
      await session.close();
    }

    const components = new ConnectedComponents(ids.length);
    for (let e = 0; e < edges.length; e += 2) components.union(edges[e], edges[e + 1]);

    // Each cluster is named after its smallest insight id, so it keeps its id while that stays.
    const nameOf = new Map<number, string>();
    const tagCounts = new Map<number, Map<string, number>>();
    for (let n = 0; n < ids.length; n++) {
      if (components.sizeOf(n) < 2) continue;
      const root = components.find(n);
      const name = nameOf.get(root);
      if (name === undefined || ids[n] < name) nameOf.set(root, ids[n]);
      const tags = tagsOf.get(n);
      if (!tags) continue;
      const counts = tagCounts.get(root) ?? new Map<string, number>();
      for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      tagCounts.set(root, counts);
    }

    const changes: { id: string; clusterId: string | null }[] = [];
    let clustered = 0;
    for (let n = 0; n < ids.length; n++) {
      if (!previous.has(n)) continue; // an edge's end that is not one of this user's active insights
      const clusterId = components.sizeOf(n) < 2 ? null : (nameOf.get(components.find(n)) ?? null);
      if (clusterId) clustered++;
      if (clusterId !== previous.get(n)) changes.push({ id: ids[n], clusterId });
    }
    for (let start = 0; start < changes.length; start += WRITE_CHUNK) {
      await this.neo4j.write(
        `UNWIND $rows AS r
         MATCH (i:Insight {id: r.id}) WHERE i.userId = $userId
         SET i.clusterId = r.clusterId`,
        { rows: changes.slice(start, start + WRITE_CHUNK), userId },
      );
    }
    // Trashed insights belong to no cluster.
    await this.neo4j.write(
      `MATCH (i:Insight {userId: $userId, deleted: true}) WHERE i.clusterId IS NOT NULL
       REMOVE i.clusterId`,
      { userId },
    );

    const clusters: GraphCluster[] = [...nameOf].map(([root, id]) => ({
      id,
      size: components.sizeOf(root),
      topTags: topTags(tagCounts.get(root) ?? new Map(), TOP_TAGS),
    }));
    clusters.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
    await this.storeSummary(userId, clusters, clustered);
    return {
      status: 'computed',
      insights: previous.size,
      clusters: clusters.length,
      changed: changes.length,
    };
  }

  /** The user's clusters as last computed, the largest `limit` of them. */
  async clustersOf(userId: string, limit: number): Promise<GraphClusters> {
    const result = await this.neo4j.read(
      `OPTIONAL MATCH (u:User {id: $userId})
       CALL {
         MATCH (c:Cluster {userId: $userId})
         WITH c ORDER BY c.size DESC, c.id LIMIT $limit
         RETURN collect({ id: c.id, size: c.size, tagNames: c.tagNames, tagCounts: c.tagCounts }) AS items
       }
       RETURN toString(u.clustersComputedAt) AS computedAt, u.clusterCount AS count,
              u.clusteredInsights AS clustered, items`,
      { userId, limit: int(limit) },
    );
    const row = result.records[0];
    const computedAt = (row.get('computedAt') as string | null) ?? null;
    const items = row.get('items') as { id: string; size: number; tagNames: string[]; tagCounts: number[] }[];
    return {
      computedAt: computedAt ? new Date(computedAt).toISOString() : null,
      count: (row.get('count') as number | null) ?? 0,
      clustered: (row.get('clustered') as number | null) ?? 0,
      items: items.map((c) => ({
        id: c.id,
        size: c.size,
        topTags: c.tagNames.map((name, i) => ({ name, count: c.tagCounts[i] })),
      })),
    };
  }

  /** Replaces the user's summary in one transaction (the largest clusters and the totals). */
  private async storeSummary(userId: string, clusters: GraphCluster[], clustered: number): Promise<void> {
    await this.neo4j.write(
      `MERGE (u:User {id: $userId})
       SET u.clustersComputedAt = datetime(), u.clusterCount = $count, u.clusteredInsights = $clustered
       WITH u
       OPTIONAL MATCH (old:Cluster {userId: $userId})
       DETACH DELETE old
       WITH DISTINCT u
       UNWIND $clusters AS c
       CREATE (:Cluster {userId: $userId, id: c.id, size: c.size, tagNames: c.tagNames, tagCounts: c.tagCounts})`,
      {
        userId,
        count: int(clusters.length),
        clustered: int(clustered),
        clusters: clusters.slice(0, STORED_CLUSTERS).map((c) => ({
          id: c.id,
          size: int(c.size),
          tagNames: c.topTags.map((t) => t.name),
          tagCounts: c.topTags.map((t) => int(t.count)),
        })),
      },
    );
  }
}
