import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import { GraphInventoryService } from '../maintenance/graph-inventory.service';
import type { InsightGraphDocument } from '../projection/insight-graph-document';
import { InsightProjectionService } from '../projection/insight-projection.service';
import type { RelationshipGraphDocument } from '../projection/relationship-graph-document';
import { GraphSchemaService } from '../schema/graph-schema.service';
import { GraphStatsService } from './graph-stats.service';

jest.setTimeout(60_000);

describe('GraphStatsService and GraphInventoryService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let projection: InsightProjectionService;
  const suffix = uniqueSuffix();
  const user = `it-stats-${suffix}`;
  const id = (name: string) => `${suffix}-${name}`;

  const insight = (name: string, extra: Partial<InsightGraphDocument> = {}): InsightGraphDocument => ({
    id: id(name),
    userId: user,
    title: name,
    content: '',
    tags: [],
    categoryId: null,
    favorite: false,
    createdAt: new Date(Date.UTC(2026, 0, name.charCodeAt(0) - 96)),
    deletedAt: null,
    keywords: [],
    version: 1,
    ...extra,
  });
  const edge = (
    from: string,
    to: string,
    type: RelationshipGraphDocument['type'],
  ): RelationshipGraphDocument => ({
    id: id(`${from}${to}`),
    userId: user,
    sourceId: id(from),
    targetId: id(to),
    type,
    strength: 0.5,
    note: null,
    createdBy: 'user',
    createdAt: new Date(),
    version: 1,
  });

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(GraphSchemaService).whenApplied();
    projection = moduleRef.get(InsightProjectionService);
    // hub a: b, c, d; c–d; e and f alone; t trashed but linked to a
    await projection.upsertInsights(['a', 'b', 'c', 'd', 'e', 'f'].map((name) => insight(name)));
    await projection.upsertInsight(insight('t', { deletedAt: new Date() }));
    await projection.upsertRelationships([
      edge('a', 'b', 'supports'),
      edge('a', 'c', 'related'),
      edge('d', 'a', 'causes'),
      edge('c', 'd', 'related'),
      edge('t', 'a', 'contradicts'),
    ]);
  });

  afterAll(async () => {
    await projection.wipeUsers([user]);
    await moduleRef.close();
  });

  it('counts insights and relationships outside the trash, most connected first, orphans newest first', async () => {
    const stats = await moduleRef.get(GraphStatsService).stats(user, 2);
    expect(stats).toMatchObject({
      insights: 6,
      relationships: 4,
      mostConnected: [
        { id: id('a'), title: 'a', degree: 3 },
        { id: id('c'), title: 'c', degree: 2 },
      ],
      orphans: { count: 2, items: [{ id: id('f') }, { id: id('e') }] },
    });
    expect(stats.relationshipsByType).toMatchObject({ related: 2, supports: 1, causes: 1, contradicts: 0 });
  });

  it("answers zeros for a user without a graph, never another user's numbers", async () => {
    const stats = await moduleRef.get(GraphStatsService).stats(`${user}-nobody`);
    expect(stats).toMatchObject({ insights: 0, relationships: 0, mostConnected: [], orphans: { count: 0 } });
  });

  it("lists one user's ids page by page, in bounded pages, and tells who has a projection", async () => {
    const inventory = moduleRef.get(GraphInventoryService);
    const all = async (kind: 'insights' | 'relationships', pageSize: number) => {
      const ids: string[] = [];
      for await (const page of inventory.idsOfUser(kind, user, pageSize)) {
        ids.push(...page);
      }
      return ids.sort();
    };
    const edges = ['ab', 'ac', 'cd', 'da', 'ta'].map(id).sort();
    const nodes = ['a', 'b', 'c', 'd', 'e', 'f', 't'].map(id).sort();
    expect(await all('relationships', 2)).toEqual(edges);
    expect(await all('insights', 3)).toEqual(nodes);
    expect(await all('insights', 100)).toEqual(nodes);
    const pages: number[] = [];
    for await (const page of inventory.idsOfUser('insights', user, 3)) pages.push(page.length);
    expect(pages).toEqual([3, 3, 1]);
    // Nobody else's ids, even with the same prefix.
    for await (const page of inventory.idsOfUser('insights', `${user}-nobody`, 3)) expect(page).toEqual([]);
    expect(await inventory.projectedUsers([user, `${user}-nobody`])).toEqual([user]);
    expect(await inventory.projectedUsers([])).toEqual([]);
  });
});
