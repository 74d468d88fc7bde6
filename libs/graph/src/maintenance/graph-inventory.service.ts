import { Injectable } from '@nestjs/common';
import { int } from 'neo4j-driver';
import { GraphDatabase } from '@insight/platform';
import { ALL_EDGE_TYPES } from '../projection/relationship-edge-types';

/** What the projection is made of, as the sweep compares it with MongoDB. */
export type ProjectedKind = 'insights' | 'relationships' | 'categories';

const TYPED_EDGES = ALL_EDGE_TYPES.join('|');

// One user's ids, a page at a time in id order, through the (userId, id) indexes (edges by their
// source insight, which has one). One query per kind, from this fixed map only (labels and types
// are never interpolated from input).
const USER_PAGES: Record<ProjectedKind, string> = {
  insights: `MATCH (n:Insight) WHERE n.userId = $userId AND n.id > $after
             WITH n ORDER BY n.id LIMIT $pageSize
             RETURN n.id AS key, [n.id] AS ids`,
  categories: `MATCH (n:Category) WHERE n.userId = $userId AND n.id > $after
               WITH n ORDER BY n.id LIMIT $pageSize
               RETURN n.id AS key, [n.id] AS ids`,
  relationships: `MATCH (a:Insight) WHERE a.userId = $userId AND a.id > $after
                  WITH a ORDER BY a.id LIMIT $pageSize
                  RETURN a.id AS key, [(a)-[r:${TYPED_EDGES}]->() | r.id] AS ids`,
};

/**
 * Reads what the graph holds for the comparison with MongoDB (the sweep), always for given users
 * and through their indexes: a Neo4j may be shared by several installations, and nothing here
 * reads beyond the users asked about.
 */
@Injectable()
export class GraphInventoryService {
  constructor(private readonly neo4j: GraphDatabase) {}

  /** Which of these users have anything projected (index lookups, one query). */
  async projectedUsers(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const result = await this.neo4j.read(
      `UNWIND $userIds AS id
       WITH id WHERE EXISTS { MATCH (:User {id: id}) } OR EXISTS { MATCH (:Category {userId: id}) }
       RETURN id`,
      { userIds },
    );
    return result.records.map((r) => r.get('id') as string);
  }

  /** The ids of one user's nodes (or edges) of the kind, a bounded page at a time. */
  async *idsOfUser(kind: ProjectedKind, userId: string, pageSize: number): AsyncGenerator<string[]> {
    let after = '';
    for (;;) {
      const result = await this.neo4j.read(USER_PAGES[kind], { userId, after, pageSize: int(pageSize) });
      if (result.records.length === 0) return;
      after = result.records[result.records.length - 1].get('key') as string;
      yield result.records
        .flatMap((r) => r.get('ids') as (string | null)[])
        .filter((id): id is string => !!id);
      if (result.records.length < pageSize) return;
    }
  }
}
