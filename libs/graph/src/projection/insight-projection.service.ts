import { Injectable } from '@nestjs/common';
import { Neo4jService } from 'nest-neo4j';
import type { CategoryGraphDocument, InsightGraphDocument } from './insight-graph-document';
import type { RelationshipGraphDocument } from './relationship-graph-document';
import { ALL_EDGE_TYPES, edgeTypeFor } from './relationship-edge-types';

export type ProjectionOutcome = 'applied' | 'stale';

/**
 * Writes insights into the graph projection. Every write is idempotent (MERGE) and
 * version-guarded: a document older than what the graph holds is skipped, so replays,
 * retries and out-of-order jobs never move the projection backwards.
 */
@Injectable()
export class InsightProjectionService {
  constructor(private readonly neo4j: Neo4jService) {}

  async upsertInsight(doc: InsightGraphDocument): Promise<ProjectionOutcome> {
    const result = await this.neo4j.write(
      `MERGE (u:User {id: $userId})
       MERGE (i:Insight {id: $id})
       WITH u, i, coalesce(i.version, -1) <= $version AS fresh
       CALL {
         WITH u, i, fresh
         WITH u, i WHERE fresh
         SET i.userId = $userId, i.title = $title, i.content = $content,
             i.createdAt = datetime($createdAt), i.favorite = $favorite,
             i.categoryId = $categoryId, i.deleted = $deleted, i.version = $version,
             i.tagText = $tagText, i.keywordText = $keywordText
         MERGE (u)-[:OWNS]->(i)
         WITH u, i
         OPTIONAL MATCH (i)-[old:TAGGED|IN_CATEGORY|MENTIONS]->()
         DELETE old
         WITH DISTINCT u, i
         FOREACH (name IN $tags |
           MERGE (t:Tag {userId: $userId, name: name})
           MERGE (i)-[:TAGGED]->(t))
         FOREACH (categoryId IN CASE WHEN $categoryId IS NULL THEN [] ELSE [$categoryId] END |
           MERGE (c:Category {id: categoryId}) ON CREATE SET c.userId = $userId
           MERGE (i)-[:IN_CATEGORY]->(c))
         FOREACH (k IN $keywords |
           MERGE (kw:Keyword {userId: $userId, term: k.term})
           MERGE (i)-[m:MENTIONS]->(kw) SET m.weight = k.weight)
       }
       RETURN fresh`,
      {
        id: doc.id,
        userId: doc.userId,
        title: doc.title,
        content: doc.content,
        createdAt: doc.createdAt.toISOString(),
        favorite: doc.favorite,
        categoryId: doc.categoryId,
        deleted: doc.deletedAt !== null,
        version: doc.version,
        tags: doc.tags,
        tagText: doc.tags.join(' '),
        keywords: doc.keywords,
        keywordText: doc.keywords.map((k) => k.term).join(' '),
      },
    );
    return result.records[0]?.get('fresh') ? 'applied' : 'stale';
  }

  /** Removes a purged insight with every edge it had. */
  async removeInsight(id: string): Promise<void> {
    await this.neo4j.write('MATCH (i:Insight {id: $id}) DETACH DELETE i', { id });
  }

  async upsertCategory(doc: CategoryGraphDocument): Promise<void> {
    await this.neo4j.write(
      'MERGE (c:Category {id: $id}) SET c.userId = $userId, c.name = $name, c.color = $color',
      { ...doc },
    );
  }

  async removeCategory(id: string): Promise<void> {
    await this.neo4j.write('MATCH (c:Category {id: $id}) DETACH DELETE c', { id });
  }

  /** Tags no insight uses any more. */
  async removeOrphanTags(userId: string): Promise<number> {
    const result = await this.neo4j.write(
      'MATCH (t:Tag {userId: $userId}) WHERE NOT (t)<-[:TAGGED]-() DELETE t RETURN count(t) AS removed',
      { userId },
    );
    return result.records[0].get('removed') as number;
  }

  /**
   * Projects a typed relationship as one edge between its insights. An edge whose type
   * changed is moved: Neo4j cannot change a relationship's type in place.
   */
  async upsertRelationship(doc: RelationshipGraphDocument): Promise<ProjectionOutcome> {
    const edgeType = edgeTypeFor(doc.type); // from the allow-list, never from input
    const result = await this.neo4j.write(
      `MATCH (a:Insight {id: $sourceId, userId: $userId}), (b:Insight {id: $targetId, userId: $userId})
       // Anchored on the endpoints (which never change), so no scan over all edges.
       OPTIONAL MATCH (a)-[existing {id: $id}]->(b)
       WITH a, b, existing, coalesce(existing.version, -1) <= $version AS fresh
       CALL {
         WITH a, b, existing, fresh
         WITH a, b, existing WHERE fresh AND existing IS NOT NULL AND type(existing) <> $edgeType
         DELETE existing
       }
       CALL {
         WITH a, b, fresh
         WITH a, b WHERE fresh
         MERGE (a)-[r:${edgeType} {id: $id}]->(b)
         SET r.userId = $userId, r.strength = $strength, r.note = $note, r.createdBy = $createdBy,
             r.createdAt = datetime($createdAt), r.version = $version
       }
       RETURN fresh`,
      {
        id: doc.id,
        userId: doc.userId,
        sourceId: doc.sourceId,
        targetId: doc.targetId,
        edgeType,
        strength: doc.strength,
        note: doc.note,
        createdBy: doc.createdBy,
        createdAt: doc.createdAt.toISOString(),
        version: doc.version,
      },
    );
    if (result.records.length === 0)
      throw new Error(`insights of relationship ${doc.id} are not projected yet`);
    return result.records[0].get('fresh') ? 'applied' : 'stale';
  }

  async removeRelationship(id: string, sourceId: string): Promise<void> {
    await this.neo4j.write(
      `MATCH (:Insight {id: $sourceId})-[r:${ALL_EDGE_TYPES.join('|')} {id: $id}]->() DELETE r`,
      {
        id,
        sourceId,
      },
    );
  }
}
