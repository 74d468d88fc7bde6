import { Injectable } from '@nestjs/common';
import { int } from 'neo4j-driver';
import { Neo4jService } from 'nest-neo4j';
import { ALL_EDGE_TYPES } from '../projection/relationship-edge-types';

/** What the projection is made of, as the sweep compares it with MongoDB. */
export type ProjectedKind = 'insights' | 'relationships' | 'categories';

/** A projected node's (or edge's) id and its owner's. */
export interface ProjectedOwner {
  id: string;
  userId: string;
}

const TYPED_EDGES = ALL_EDGE_TYPES.join('|');

// Pages in id order through the unique-id indexes (edges by their source insight, which has one).
// One query per kind, from this fixed map only (labels and types are never interpolated from input).
const OWNERSHIP_PAGES: Record<ProjectedKind, string> = {
  insights: `MATCH (n:Insight) WHERE n.id > $after
             WITH n ORDER BY n.id LIMIT $pageSize
             RETURN n.id AS key, [{ id: n.id, userId: n.userId }] AS owners`,
  categories: `MATCH (n:Category) WHERE n.id > $after
               WITH n ORDER BY n.id LIMIT $pageSize
               RETURN n.id AS key, [{ id: n.id, userId: n.userId }] AS owners`,
  relationships: `MATCH (a:Insight) WHERE a.id > $after
                  WITH a ORDER BY a.id LIMIT $pageSize
                  RETURN a.id AS key, [(a)-[r:${TYPED_EDGES}]->() | { id: r.id, userId: a.userId }] AS owners`,
};

const IDS: Record<ProjectedKind, string> = {
  insights: 'MATCH (n:Insight {userId: $userId}) RETURN n.id AS id',
  categories: 'MATCH (n:Category {userId: $userId}) RETURN n.id AS id',
  relationships: `MATCH (:Insight {userId: $userId})-[r:${TYPED_EDGES}]->() RETURN r.id AS id`,
};

/**
 * Reads what the graph holds, for the comparison with MongoDB (the sweep): whose projection
 * exists, who owns every node and edge (paged), and the ids of one user's nodes or edges.
 */
@Injectable()
export class GraphInventoryService {
  constructor(private readonly neo4j: Neo4jService) {}

  /** Every user with anything projected. */
  async userIds(): Promise<string[]> {
    const result = await this.neo4j.read(
      `MATCH (u:User) RETURN u.id AS id
       UNION
       MATCH (c:Category) RETURN DISTINCT c.userId AS id`,
    );
    return result.records.map((r) => r.get('id') as string | null).filter((id): id is string => !!id);
  }

  /** Who owns every node (or edge) of the kind, a page at a time. */
  async *ownership(kind: ProjectedKind, pageSize: number): AsyncGenerator<ProjectedOwner[]> {
    let after = '';
    for (;;) {
      const result = await this.neo4j.read(OWNERSHIP_PAGES[kind], { after, pageSize: int(pageSize) });
      if (result.records.length === 0) return;
      after = result.records[result.records.length - 1].get('key') as string;
      yield result.records
        .flatMap((r) => r.get('owners') as ProjectedOwner[])
        .filter((owner) => typeof owner.id === 'string' && typeof owner.userId === 'string');
      if (result.records.length < pageSize) return;
    }
  }

  async idsOfUser(kind: ProjectedKind, userId: string): Promise<string[]> {
    const result = await this.neo4j.read(IDS[kind], { userId });
    return result.records.map((r) => r.get('id') as string);
  }
}
