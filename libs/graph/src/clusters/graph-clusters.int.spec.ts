import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import type { InsightGraphDocument } from '../projection/insight-graph-document';
import { InsightProjectionService } from '../projection/insight-projection.service';
import type { RelationshipGraphDocument } from '../projection/relationship-graph-document';
import { GraphSchemaService } from '../schema/graph-schema.service';
import { GraphStatsService } from '../stats/graph-stats.service';
import { GraphClustersService } from './graph-clusters.service';

jest.setTimeout(60_000);

describe('GraphClustersService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let projection: InsightProjectionService;
  let clusters: GraphClustersService;
  let neo4j: GraphDatabase;
  const suffix = uniqueSuffix();
  const user = `it-clusters-${suffix}`;
  const other = `it-clusters-other-${suffix}`;
  const id = (name: string) => `${suffix}-${name}`;

  const insight = (name: string, tags: string[], extra: Partial<InsightGraphDocument> = {}) =>
    ({
      id: id(name),
      userId: user,
      title: name,
      content: '',
      tags,
      categoryId: null,
      favorite: false,
      createdAt: new Date(),
      deletedAt: null,
      keywords: [],
      version: 1,
      ...extra,
    }) satisfies InsightGraphDocument;
  const edge = (from: string, to: string, userId = user): RelationshipGraphDocument => ({
    id: id(`${from}${to}`),
    userId,
    sourceId: id(from),
    targetId: id(to),
    type: 'related',
    strength: 0.5,
    note: null,
    createdBy: 'user',
    createdAt: new Date(),
    version: 1,
  });

  async function clusterIds(): Promise<Record<string, string | null>> {
    const result = await neo4j.read(
      'MATCH (i:Insight) WHERE i.userId IN [$user, $other] RETURN i.id AS id, i.clusterId AS clusterId',
      { user, other },
    );
    return Object.fromEntries(
      result.records.map((r) => [(r.get('id') as string).slice(suffix.length + 1), r.get('clusterId')]),
    );
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(GraphSchemaService).whenApplied();
    projection = moduleRef.get(InsightProjectionService);
    clusters = moduleRef.get(GraphClustersService);
    neo4j = moduleRef.get(GraphDatabase);
    // {a, b, c, d} linked (d only through the trashed t, and through c), {e, f}, g alone; t trashed.
    await projection.upsertInsights([
      insight('a', ['ml', 'core']),
      insight('b', ['ml']),
      insight('c', ['ml', 'ops']),
      insight('d', ['ops']),
      insight('e', ['food']),
      insight('f', []),
      insight('g', ['ml']),
      insight('t', ['ml'], { deletedAt: new Date() }),
      insight('x', ['ml'], { userId: other }),
      insight('y', ['ml'], { userId: other }),
    ]);
    await projection.upsertRelationships([
      edge('a', 'b'),
      edge('c', 'b'),
      edge('c', 'd'),
      edge('t', 'g'),
      edge('f', 'e'),
      edge('x', 'y', other),
    ]);
  });

  afterAll(async () => {
    await projection.wipeUsers([user, other]);
    await moduleRef.close();
  });

  it('answers no clusters before the first computation', async () => {
    const stats = await moduleRef.get(GraphStatsService).stats(user);
    expect(stats.clusters).toEqual({ computedAt: null, count: 0, clustered: 0, items: [] });
  });

  it("finds the connected components outside the trash, with their size and top tags, and stores them on the user's insights only", async () => {
    const before = Date.now();
    const outcome = await clusters.computeForUser(user, 100);
    expect(outcome).toEqual({ status: 'computed', insights: 7, clusters: 2, changed: 6 });
    const stored = await clusterIds();
    expect(stored).toEqual({
      a: id('a'),
      b: id('a'),
      c: id('a'),
      d: id('a'),
      e: id('e'),
      f: id('e'),
      g: null, // its only link leads into the trash
      t: null,
      x: null, // another user's graph is not touched
      y: null,
    });
    const stats = await moduleRef.get(GraphStatsService).stats(user);
    expect(stats.clusters).toEqual({
      computedAt: expect.any(String),
      count: 2,
      clustered: 6,
      items: [
        {
          id: id('a'),
          size: 4,
          topTags: [
            { name: 'ml', count: 3 },
            { name: 'ops', count: 2 },
            { name: 'core', count: 1 },
          ],
        },
        { id: id('e'), size: 2, topTags: [{ name: 'food', count: 1 }] },
      ],
    });
    expect(new Date(stats.clusters.computedAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // the limit of listed items
    expect((await moduleRef.get(GraphStatsService).stats(user, 1)).clusters.items).toHaveLength(1);
  });

  it('follows changes on the next run: split clusters, restored links, and writes only what changed', async () => {
    // c–b goes away: {a, b} and {c, d}; t comes back from the trash: {t, g}
    await projection.removeRelationships(user, [id('cb')]);
    await projection.upsertInsight(insight('t', ['ml'], { version: 2 }));
    const outcome = await clusters.computeForUser(user, 100);
    expect(outcome).toMatchObject({ status: 'computed', insights: 8, clusters: 4 });
    const stored = await clusterIds();
    expect(stored).toMatchObject({
      a: id('a'),
      b: id('a'),
      c: id('c'),
      d: id('c'),
      e: id('e'),
      f: id('e'),
      g: id('g'),
      t: id('g'),
    });
    expect(outcome.changed).toBe(4); // c, d, g and t
    expect((await clusters.computeForUser(user, 100)).changed).toBe(0);
    const summary = await clusters.clustersOf(user, 10);
    expect(summary.items.map((c) => [c.id, c.size])).toEqual([
      [id('a'), 2],
      [id('c'), 2],
      [id('e'), 2],
      [id('g'), 2],
    ]);
  });

  it('leaves a user with more insights than the bound alone', async () => {
    const before = await clusters.clustersOf(user, 10);
    expect(await clusters.computeForUser(user, 3)).toEqual({
      status: 'tooLarge',
      insights: 8,
      clusters: 0,
      changed: 0,
    });
    expect(await clusters.clustersOf(user, 10)).toEqual(before);
  });
});
