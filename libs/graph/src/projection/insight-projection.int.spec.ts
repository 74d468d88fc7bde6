import { Test, type TestingModule } from '@nestjs/testing';
import { Neo4jService } from 'nest-neo4j';
import { AppConfigModule } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import { GraphSchemaService } from '../schema/graph-schema.service';
import type { InsightGraphDocument } from './insight-graph-document';
import { InsightProjectionService } from './insight-projection.service';

jest.setTimeout(60_000);

describe('InsightProjectionService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let neo4j: Neo4jService;
  let projection: InsightProjectionService;
  const userId = `it-user-${uniqueSuffix()}`;

  function doc(overrides: Partial<InsightGraphDocument> = {}): InsightGraphDocument {
    return {
      id: `${userId}-i1`,
      userId,
      title: 'Caching cuts latency',
      content: 'A warm cache answers fast.',
      tags: ['performance', 'cache'],
      categoryId: `${userId}-c1`,
      favorite: false,
      createdAt: new Date('2026-01-02T03:04:05.000Z'),
      deletedAt: null,
      keywords: [{ term: 'cache', weight: 0.9 }],
      version: 1,
      ...overrides,
    };
  }

  async function snapshot(id: string) {
    const result = await neo4j.read(
      `MATCH (u:User)-[:OWNS]->(i:Insight {id: $id})
       OPTIONAL MATCH (i)-[:TAGGED]->(t:Tag)
       OPTIONAL MATCH (i)-[:IN_CATEGORY]->(c:Category)
       OPTIONAL MATCH (i)-[m:MENTIONS]->(k:Keyword)
       RETURN u.id AS owner, i.title AS title, i.version AS version, i.deleted AS deleted,
              collect(DISTINCT t.name) AS tags, collect(DISTINCT c.id) AS categories,
              collect(DISTINCT k.term + ':' + toString(m.weight)) AS keywords`,
      { id },
    );
    const record = result.records[0];
    return record
      ? {
          owner: record.get('owner'),
          title: record.get('title'),
          version: record.get('version'),
          deleted: record.get('deleted'),
          tags: (record.get('tags') as string[]).sort(),
          categories: record.get('categories'),
          keywords: record.get('keywords'),
        }
      : null;
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
      providers: [InsightProjectionService],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(Neo4jService);
    projection = moduleRef.get(InsightProjectionService);
    await moduleRef.get(GraphSchemaService).whenApplied();
  });

  afterAll(async () => {
    await neo4j.write(
      'MATCH (n) WHERE n.userId = $userId OR n.id = $userId OR n.id STARTS WITH $userId DETACH DELETE n',
      { userId },
    );
    await moduleRef.close();
  });

  it('projects an insight with its owner, tags, category and keywords', async () => {
    expect(await projection.upsertInsight(doc())).toBe('applied');
    expect(await snapshot(doc().id)).toEqual({
      owner: userId,
      title: 'Caching cuts latency',
      version: 1,
      deleted: false,
      tags: ['cache', 'performance'],
      categories: [`${userId}-c1`],
      keywords: ['cache:0.9'],
    });
  });

  it('is idempotent: replaying the same version changes nothing', async () => {
    await projection.upsertInsight(doc());
    await projection.upsertInsight(doc());
    const counts = await neo4j.read(
      `MATCH (i:Insight {id: $id}) RETURN count { (i)-[:TAGGED]->() } AS tags, count { (:User)-[:OWNS]->(i) } AS owners`,
      { id: doc().id },
    );
    expect(counts.records[0].toObject()).toEqual({ tags: 2, owners: 1 });
  });

  it('replaces tags and category on a newer version and skips an older one', async () => {
    expect(await projection.upsertInsight(doc({ version: 3, tags: ['latency'], categoryId: null }))).toBe(
      'applied',
    );
    expect(await projection.upsertInsight(doc({ version: 2, title: 'stale' }))).toBe('stale');
    expect(await snapshot(doc().id)).toMatchObject({
      version: 3,
      title: 'Caching cuts latency',
      tags: ['latency'],
      categories: [],
    });
  });

  it('marks trashed insights and removes purged ones entirely', async () => {
    await projection.upsertInsight(doc({ version: 4, deletedAt: new Date() }));
    expect((await snapshot(doc().id))?.deleted).toBe(true);
    await projection.removeInsight(doc().id);
    expect(await snapshot(doc().id)).toBeNull();
    expect(await projection.removeOrphanTags(userId)).toBeGreaterThan(0);
  });

  it('stores hostile text as text', async () => {
    const title = "x'}) MATCH (n) DETACH DELETE n //";
    await projection.upsertInsight(doc({ id: `${userId}-i2`, title }));
    expect((await snapshot(`${userId}-i2`))?.title).toBe(title);
  });
});
