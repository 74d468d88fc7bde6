import { Injectable } from '@nestjs/common';
import { Neo4jService } from 'nest-neo4j';
import type { CategoryGraphDocument, InsightGraphDocument } from './insight-graph-document';

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
}
