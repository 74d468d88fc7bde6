import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import type { InsightGraphDocument } from '../projection/insight-graph-document';
import { InsightProjectionService } from '../projection/insight-projection.service';
import { GraphSchemaService } from '../schema/graph-schema.service';
import { TagUsageService } from './tag-usage.service';

jest.setTimeout(60_000);

describe('TagUsageService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  let projection: InsightProjectionService;
  let usage: TagUsageService;
  const alice = `it-tags-${uniqueSuffix()}`;
  const bob = `${alice}-bob`;

  const insight = (userId: string, n: number, tags: string[]): InsightGraphDocument => ({
    id: `${userId}-i${n}`,
    userId,
    title: `insight ${n}`,
    content: '',
    tags,
    categoryId: null,
    favorite: false,
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    deletedAt: null,
    keywords: [],
    version: 1,
  });

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
      providers: [InsightProjectionService, TagUsageService],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
    projection = moduleRef.get(InsightProjectionService);
    usage = moduleRef.get(TagUsageService);
    await moduleRef.get(GraphSchemaService).whenApplied();
  });

  afterAll(async () => {
    await neo4j.write(
      'MATCH (n) WHERE n.userId STARTS WITH $prefix OR n.id STARTS WITH $prefix DETACH DELETE n',
      {
        prefix: alice,
      },
    );
    await moduleRef.close();
  });

  it("counts the insights carrying each of the user's tags, most used first, and no one else's", async () => {
    await projection.upsertInsights([
      insight(alice, 1, ['cache', 'perf']),
      insight(alice, 2, ['perf']),
      insight(alice, 3, ['perf', 'db', 'cache']),
      insight(bob, 1, ['perf', 'secret']),
    ]);
    expect(await usage.ofUser(alice)).toEqual([
      { name: 'perf', count: 3 },
      { name: 'cache', count: 2 },
      { name: 'db', count: 1 },
    ]);
    // A tag no insight carries any more is not in the vocabulary.
    await projection.upsertInsight({ ...insight(alice, 3, ['perf']), version: 2 });
    expect(await usage.ofUser(alice)).toEqual([
      { name: 'perf', count: 3 },
      { name: 'cache', count: 1 },
    ]);
  });
});
