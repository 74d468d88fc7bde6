import { Injectable } from '@nestjs/common';
import {
  GRAPH_LIMITS,
  type GraphStats,
  type GraphStatsInsight,
  type RelationshipType,
} from '@insight/contracts';
import { int } from 'neo4j-driver';
import { GraphDatabase } from '@insight/platform';
import { GraphClustersService } from '../clusters/graph-clusters.service';
import { ALL_EDGE_TYPES, EDGE_TYPE_BY_RELATIONSHIP } from '../projection/relationship-edge-types';

const TYPED_EDGES = ALL_EDGE_TYPES.join('|');
const ACTIVE_DEGREE = `count { (n)-[:${TYPED_EDGES}]-(:Insight {deleted: false}) }`;

/** The caller's graph in numbers; trashed insights and their edges do not count. */
@Injectable()
export class GraphStatsService {
  constructor(
    private readonly neo4j: GraphDatabase,
    private readonly clusters: GraphClustersService,
  ) {}

  async stats(userId: string, listSize: number = GRAPH_LIMITS.statsListSize): Promise<GraphStats> {
    const size = int(listSize);
    const [totals, mostConnected, orphans, byType, clusters] = await Promise.all([
      this.neo4j.read(
        `MATCH (n:Insight {userId: $userId, deleted: false})
         WITH ${ACTIVE_DEGREE} AS degree
         RETURN count(*) AS insights, count(CASE WHEN degree = 0 THEN 1 END) AS orphans`,
        { userId },
      ),
      this.neo4j.read(
        `MATCH (n:Insight {userId: $userId, deleted: false})
         WITH n, ${ACTIVE_DEGREE} AS degree WHERE degree > 0
         RETURN n.id AS id, n.title AS title, degree ORDER BY degree DESC, id LIMIT $size`,
        { userId, size },
      ),
      this.neo4j.read(
        `MATCH (n:Insight {userId: $userId, deleted: false})
         WHERE NOT EXISTS { (n)-[:${TYPED_EDGES}]-(:Insight {deleted: false}) }
         RETURN n.id AS id, n.title AS title, 0 AS degree ORDER BY n.createdAt DESC, id LIMIT $size`,
        { userId, size },
      ),
      this.neo4j.read(
        `MATCH (:Insight {userId: $userId, deleted: false})-[r:${TYPED_EDGES}]->(:Insight {deleted: false})
         RETURN type(r) AS edgeType, count(r) AS count`,
        { userId },
      ),
      this.clusters.clustersOf(userId, listSize),
    ]);
    const typeByEdge = new Map([...EDGE_TYPE_BY_RELATIONSHIP].map(([type, edge]) => [edge, type] as const));
    const relationshipsByType: Partial<Record<RelationshipType, number>> = Object.fromEntries(
      [...EDGE_TYPE_BY_RELATIONSHIP.keys()].map((type) => [type, 0]),
    );
    let relationships = 0;
    for (const record of byType.records) {
      const type = typeByEdge.get(record.get('edgeType') as string);
      const count = record.get('count') as number;
      if (!type) continue;
      relationshipsByType[type] = count;
      relationships += count;
    }
    const insight = (record: { toObject(): Record<string, unknown> }): GraphStatsInsight => {
      const row = record.toObject();
      return { id: row['id'] as string, title: row['title'] as string, degree: row['degree'] as number };
    };
    return {
      insights: totals.records[0].get('insights') as number,
      relationships,
      mostConnected: mostConnected.records.map(insight),
      orphans: { count: totals.records[0].get('orphans') as number, items: orphans.records.map(insight) },
      relationshipsByType,
      clusters,
    };
  }
}
