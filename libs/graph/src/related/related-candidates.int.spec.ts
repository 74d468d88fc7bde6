import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import type { InsightGraphDocument } from '../projection/insight-graph-document';
import { InsightProjectionService } from '../projection/insight-projection.service';
import { GraphSchemaService } from '../schema/graph-schema.service';
import { RelatedCandidatesService } from './related-candidates.service';

jest.setTimeout(60_000);

describe('RelatedCandidatesService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  let projection: InsightProjectionService;
  let candidates: RelatedCandidatesService;
  const alice = `it-related-${uniqueSuffix()}`;
  const bob = `${alice}-bob`;

  const insight = (
    userId: string,
    n: number,
    terms: string[],
    tags: string[] = [],
    deletedAt: Date | null = null,
  ): InsightGraphDocument => ({
    id: `${userId}-i${n}`,
    userId,
    title: `insight ${n}`,
    content: '',
    tags,
    categoryId: null,
    favorite: false,
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    deletedAt,
    keywords: terms.map((term) => ({ term, weight: 0.5 })),
    version: 1,
    analysisStamp: 1,
  });

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
      providers: [InsightProjectionService, RelatedCandidatesService],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
    projection = moduleRef.get(InsightProjectionService);
    candidates = moduleRef.get(RelatedCandidatesService);
    await moduleRef.get(GraphSchemaService).whenApplied();
  });

  afterAll(async () => {
    await neo4j.write(
      'MATCH (n) WHERE n.userId STARTS WITH $prefix OR n.id STARTS WITH $prefix DETACH DELETE n',
      { prefix: alice },
    );
    await moduleRef.close();
  });

  it("ranks the owner's insights by shared keywords and tags, without the subject, the trash or anyone else's", async () => {
    await projection.upsertInsights([
      insight(alice, 0, ['cache', 'latency', 'redis'], ['perf']),
      insight(alice, 1, ['cache', 'latency'], ['perf']),
      insight(alice, 2, ['cache']),
      insight(alice, 3, [], ['perf']),
      insight(alice, 4, ['cache', 'latency', 'redis'], ['perf'], new Date()),
      insight(alice, 5, ['gardening']),
      insight(bob, 1, ['cache', 'latency', 'redis'], ['perf']),
    ]);
    // As if a projection bug had linked another user's insight to Alice's keyword: the owner
    // check still leaves it out.
    await neo4j.write(
      `MATCH (k:Keyword {userId: $alice, term: 'redis'}), (b:Insight {id: $bobInsight})
       MERGE (b)-[:MENTIONS {weight: 1.0}]->(k)`,
      { alice, bobInsight: `${bob}-i1` },
    );

    const found = await candidates.candidates({
      userId: alice,
      insightId: `${alice}-i0`,
      terms: ['cache', 'latency', 'redis'],
      tags: ['perf'],
      perTerm: 200,
      limit: 50,
    });
    expect(found).toEqual([
      { id: `${alice}-i1`, sharedKeywords: 2, sharedTags: 1 },
      { id: `${alice}-i2`, sharedKeywords: 1, sharedTags: 0 },
      { id: `${alice}-i3`, sharedKeywords: 0, sharedTags: 1 },
    ]);
  });

  it('reads at most `perTerm` insights behind each keyword and returns at most `limit`', async () => {
    const user = `${alice}-many`;
    await projection.upsertInsights(
      Array.from({ length: 30 }, (_, n) => insight(user, n, ['common', ...(n < 3 ? ['rare'] : [])])),
    );
    const found = await candidates.candidates({
      userId: user,
      insightId: `${user}-i0`,
      terms: ['common', 'rare'],
      tags: [],
      perTerm: 50,
      limit: 5,
    });
    expect(found).toHaveLength(5);
    // The two other insights sharing both keywords lead.
    expect(found.slice(0, 2)).toEqual([
      { id: `${user}-i1`, sharedKeywords: 2, sharedTags: 0 },
      { id: `${user}-i2`, sharedKeywords: 2, sharedTags: 0 },
    ]);
    const wide = await candidates.candidates({
      userId: user,
      insightId: `${user}-i0`,
      terms: ['common'],
      tags: [],
      perTerm: 10,
      limit: 50,
    });
    expect(wide).toHaveLength(10);
  });
});
