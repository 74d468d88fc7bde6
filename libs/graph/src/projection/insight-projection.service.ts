import { Injectable } from '@nestjs/common';
import { int } from 'neo4j-driver';
import { GraphDatabase, groupedCalls } from '@insight/platform';
import type { CategoryGraphDocument, InsightGraphDocument } from './insight-graph-document';
import type { RelationshipGraphDocument } from './relationship-graph-document';
import { ALL_EDGE_TYPES, edgeTypeFor } from './relationship-edge-types';

export type ProjectionOutcome = 'applied' | 'stale';

/** Like ProjectionOutcome; `missing` when an end of the edge is not in the graph (yet). */
export type EdgeProjectionOutcome = ProjectionOutcome | 'missing';

/** Rows deleted per transaction when removing many nodes, so no transaction grows unbounded. */
const DELETE_CHUNK = 2000;

const TYPED_EDGES = ALL_EDGE_TYPES.join('|');

/** The node labels owned by a user (besides the User node itself), from this fixed list only. */
const USER_OWNED_LABELS = ['Insight', 'Tag', 'Category', 'Keyword', 'Cluster'] as const;

function insightRow(doc: InsightGraphDocument) {
  return {
    id: doc.id,
    userId: doc.userId,
    title: doc.title,
    content: doc.content,
    createdAt: doc.createdAt.toISOString(),
    favorite: doc.favorite,
    categoryId: doc.categoryId,
    deleted: doc.deletedAt !== null,
    version: doc.version,
    analysisStamp: doc.analysisStamp ?? 0,
    // Sorted, so every sync takes the locks of shared tag and keyword nodes in one order.
    tags: [...doc.tags].sort(),
    tagText: doc.tags.join(' '),
    keywords: [...doc.keywords].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)),
    keywordText: doc.keywords.map((k) => k.term).join(' '),
  };
}

function relationshipRow(doc: RelationshipGraphDocument) {
  return {
    id: doc.id,
    userId: doc.userId,
    sourceId: doc.sourceId,
    targetId: doc.targetId,
    strength: doc.strength,
    note: doc.note,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt.toISOString(),
    version: doc.version,
  };
}

/**
 * Writes insights into the graph projection. Every write is idempotent (MERGE) and
 * version-guarded: a document older than what the graph holds is skipped, so replays,
 * retries and out-of-order jobs never move the projection backwards. The batch forms take
 * one UNWIND per call (rebuilds send ~1000 documents at a time).
 */
@Injectable()
export class InsightProjectionService {
  // One document at a time is what sync and analysis jobs ask for; concurrent asks share a
  // transaction (see groupedCalls).
  private readonly upsertInsightGrouped = groupedCalls<InsightGraphDocument, ProjectionOutcome>((docs) =>
    this.upsertEach(docs),
  );
  private readonly upsertCategoryGrouped = groupedCalls<CategoryGraphDocument, void>(async (docs) => {
    await this.upsertCategories([...docs]);
    return docs.map(() => undefined);
  });

  constructor(private readonly neo4j: GraphDatabase) {}

  upsertInsight(doc: InsightGraphDocument): Promise<ProjectionOutcome> {
    return this.upsertInsightGrouped(doc);
  }

  /**
   * The outcome of each document, in order. The rows of one UNWIND report by id, so a document
   * whose insight is already in the round waits for the next one (two syncs of one insight).
   */
  private async upsertEach(docs: readonly InsightGraphDocument[]): Promise<ProjectionOutcome[]> {
    const outcomes: ProjectionOutcome[] = docs.map(() => 'stale');
    let left = docs.map((_, index) => index);
    while (left.length > 0) {
      const seen = new Set<string>();
      const round = left.filter((index) => !seen.has(docs[index].id) && seen.add(docs[index].id));
      left = left.filter((index) => !round.includes(index));
      const applied = await this.upsertInsights(round.map((index) => docs[index]));
      for (const index of round) outcomes[index] = applied.get(docs[index].id) ?? 'stale';
    }
    return outcomes;
  }

  /** Projects many insights in one transaction; the outcome of each by id. */
  async upsertInsights(docs: InsightGraphDocument[]): Promise<Map<string, ProjectionOutcome>> {
    if (docs.length === 0) return new Map();
    const result = await this.neo4j.write(
      `UNWIND $docs AS d
       MERGE (u:User {id: d.userId})
       MERGE (i:Insight {id: d.id})
       // The node's write lock before its guard is read: two syncs of one insight (an edit's job
       // and its analysis) then judge freshness one after the other, never both on the old node.
       SET i.syncLock = true
       // Same version: a sync that read the insight before its analysis landed must not undo it.
       WITH u, i, d, coalesce(i.version, -1) < d.version
         OR (i.version = d.version AND coalesce(i.analysisStamp, 0) <= d.analysisStamp) AS fresh
       CALL {
         WITH u, i, d, fresh
         WITH u, i, d WHERE fresh
         SET i.userId = d.userId, i.title = d.title, i.content = d.content,
             i.createdAt = datetime(d.createdAt), i.favorite = d.favorite,
             i.categoryId = d.categoryId, i.deleted = d.deleted, i.version = d.version,
             i.tagText = d.tagText, i.keywordText = d.keywordText, i.analysisStamp = d.analysisStamp
         MERGE (u)-[:OWNS]->(i)
         // Only the edges no longer wanted go and only missing ones are made: an edge that stays
         // is not rewritten, so a sync whose tags did not change takes no lock on a tag node
         // that other insights share. Deletions, then creations, each go in one order (tags by
         // name, the category, keywords by term), so syncs that only add edges to shared nodes
         // (an analysis burst) do not deadlock.
         WITH u, i, d
         CALL {
           WITH i, d
           OPTIONAL MATCH (i)-[old:TAGGED]->(t:Tag) WHERE NOT t.name IN d.tags
           WITH old, t ORDER BY t.name
           DELETE old
         }
         CALL {
           WITH i, d
           OPTIONAL MATCH (i)-[old:IN_CATEGORY]->(c:Category) WHERE d.categoryId IS NULL OR c.id <> d.categoryId
           DELETE old
         }
         CALL {
           WITH i, d
           OPTIONAL MATCH (i)-[old:MENTIONS]->(k:Keyword) WHERE NOT k.term IN [keyword IN d.keywords | keyword.term]
           WITH old, k ORDER BY k.term
           DELETE old
         }
         FOREACH (name IN d.tags |
           MERGE (t:Tag {userId: d.userId, name: name})
           MERGE (i)-[:TAGGED]->(t))
         FOREACH (categoryId IN CASE WHEN d.categoryId IS NULL THEN [] ELSE [d.categoryId] END |
           MERGE (c:Category {id: categoryId}) ON CREATE SET c.userId = d.userId
           MERGE (i)-[:IN_CATEGORY]->(c))
         FOREACH (k IN d.keywords |
           MERGE (kw:Keyword {userId: d.userId, term: k.term})
           MERGE (i)-[m:MENTIONS]->(kw) SET m.weight = k.weight)
       }
       REMOVE i.syncLock
       RETURN d.id AS id, fresh`,
      { docs: docs.map(insightRow) },
    );
    return new Map(
      result.records.map((r) => [r.get('id') as string, r.get('fresh') ? 'applied' : 'stale'] as const),
    );
  }

  /** Removes a purged insight with every edge it had. */
  async removeInsight(id: string): Promise<void> {
    await this.removeInsights([id]);
  }

  async removeInsights(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.neo4j.write('MATCH (i:Insight) WHERE i.id IN $ids DETACH DELETE i', { ids });
  }

  upsertCategory(doc: CategoryGraphDocument): Promise<void> {
    return this.upsertCategoryGrouped(doc);
  }

  async upsertCategories(docs: CategoryGraphDocument[]): Promise<void> {
    if (docs.length === 0) return;
    // Written only when something changed: every insight sync in a category upserts it, and an
    // unconditional SET made those syncs queue on the one node's write lock (~20 ms each at 16
    // concurrent analyses of one user, against ~0.3 ms for the read).
    await this.neo4j.write(
      `UNWIND $docs AS d
       MERGE (c:Category {id: d.id})
       WITH c, d WHERE c.userId IS NULL OR c.name IS NULL OR c.userId <> d.userId OR c.name <> d.name
         OR coalesce(c.color, '') <> coalesce(d.color, '')
       SET c.userId = d.userId, c.name = d.name, c.color = d.color`,
      { docs: docs.map((doc) => ({ ...doc })) },
    );
  }

  async removeCategory(id: string): Promise<void> {
    await this.removeCategories([id]);
  }

  async removeCategories(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.neo4j.write('MATCH (c:Category) WHERE c.id IN $ids DETACH DELETE c', { ids });
  }

  /** Tags no insight of the user (or users) uses any more. */
  async removeOrphanTags(userIds: string | string[]): Promise<number> {
    const result = await this.neo4j.write(
      'MATCH (t:Tag) WHERE t.userId IN $userIds AND NOT (t)<-[:TAGGED]-() DELETE t RETURN count(t) AS removed',
      { userIds: Array.isArray(userIds) ? userIds : [userIds] },
    );
    return result.records[0].get('removed') as number;
  }

  /**
   * Projects a typed relationship as one edge between its insights. An edge whose type or
   * direction changed is moved: Neo4j cannot change a relationship's type in place.
   * @throws when an insight of the relationship is not projected yet
   */
  async upsertRelationship(doc: RelationshipGraphDocument): Promise<ProjectionOutcome> {
    const outcome = (await this.upsertRelationships([doc])).get(doc.id) ?? 'missing';
    if (outcome === 'missing') throw new Error(`insights of relationship ${doc.id} are not projected yet`);
    return outcome;
  }

  /** Projects many relationships, one UNWIND per edge type; `missing` where an end is not projected. */
  async upsertRelationships(docs: RelationshipGraphDocument[]): Promise<Map<string, EdgeProjectionOutcome>> {
    const byEdgeType = new Map<string, RelationshipGraphDocument[]>();
    for (const doc of docs) {
      const edgeType = edgeTypeFor(doc.type); // from the allow-list, never from input
      const group = byEdgeType.get(edgeType);
      if (group) group.push(doc);
      else byEdgeType.set(edgeType, [doc]);
    }
    const outcomes = new Map<string, EdgeProjectionOutcome>(docs.map((doc) => [doc.id, 'missing']));
    for (const [edgeType, group] of byEdgeType) {
      const result = await this.neo4j.write(
        `UNWIND $docs AS d
         MATCH (a:Insight {id: d.sourceId}), (b:Insight {id: d.targetId})
         WHERE a.userId = d.userId AND b.userId = d.userId
         // Both ends' write locks (in id order, so two syncs never wait on each other crosswise)
         // before the edge is read: two syncs of one relationship then judge freshness one after
         // the other, and a type change never leaves the older edge beside the newer one.
         WITH a, b, d, CASE WHEN a.id < b.id THEN [a, b] ELSE [b, a] END AS ends
         FOREACH (n IN ends | SET n.syncLock = true)
         WITH a, b, d, ends
         // Anchored on the endpoints, so no scan over all edges; undirected because a change of
         // type can flip the stored direction.
         OPTIONAL MATCH (a)-[existing {id: d.id}]-(b)
         WITH a, b, d, ends, existing, coalesce(existing.version, -1) <= d.version AS fresh
         CALL {
           WITH a, existing, fresh
           WITH a, existing
           WHERE fresh AND existing IS NOT NULL AND (type(existing) <> $edgeType OR startNode(existing) <> a)
           DELETE existing
         }
         CALL {
           WITH a, b, d, fresh
           WITH a, b, d WHERE fresh
           MERGE (a)-[r:${edgeType} {id: d.id}]->(b)
           SET r.userId = d.userId, r.strength = d.strength, r.note = d.note, r.createdBy = d.createdBy,
               r.createdAt = datetime(d.createdAt), r.version = d.version
         }
         FOREACH (n IN ends | REMOVE n.syncLock)
         RETURN DISTINCT d.id AS id, fresh`,
        { docs: group.map(relationshipRow), edgeType },
      );
      for (const record of result.records) {
        outcomes.set(record.get('id') as string, record.get('fresh') ? 'applied' : 'stale');
      }
    }
    return outcomes;
  }

  /** Removes the edge of a deleted relationship (found from its stored source, either direction). */
  async removeRelationship(id: string, sourceId: string): Promise<void> {
    await this.neo4j.write(`MATCH (:Insight {id: $sourceId})-[r:${TYPED_EDGES} {id: $id}]-() DELETE r`, {
      id,
      sourceId,
    });
  }

  /** Removes edges of one user by relationship id. */
  async removeRelationships(userId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.neo4j.write(
      `MATCH (:Insight {userId: $userId})-[r:${TYPED_EDGES}]->() WHERE r.id IN $ids DELETE r`,
      { userId, ids },
    );
  }

  /**
   * Deletes everything projected for these users (their insights with every edge, tags,
   * categories, keywords and the user nodes), a chunk per transaction. Returns the nodes deleted.
   */
  async wipeUsers(userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    let deleted = 0;
    for (const label of USER_OWNED_LABELS) {
      for (;;) {
        // `label` comes from the fixed list above, never from input.
        const result = await this.neo4j.write(
          `MATCH (n:${label}) WHERE n.userId IN $userIds
           WITH n LIMIT $chunk DETACH DELETE n RETURN count(*) AS deleted`,
          { userIds, chunk: int(DELETE_CHUNK) },
        );
        const count = result.records[0].get('deleted') as number;
        deleted += count;
        if (count < DELETE_CHUNK) break;
      }
    }
    const users = await this.neo4j.write(
      'MATCH (u:User) WHERE u.id IN $userIds DETACH DELETE u RETURN count(*) AS deleted',
      { userIds },
    );
    return deleted + (users.records[0].get('deleted') as number);
  }
}
