import { Test, type TestingModule } from '@nestjs/testing';
import neo4jDriver from 'neo4j-driver';
import { APP_CONFIG, type AppConfig, AppConfigModule, GraphDatabase, NEO4J_DRIVER } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import { GraphSchemaService } from '../schema/graph-schema.service';
import type { InsightGraphDocument } from './insight-graph-document';
import { InsightProjectionService } from './insight-projection.service';

jest.setTimeout(60_000);

describe('InsightProjectionService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
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
    })
      // The app's driver retries a transaction Neo4j aborted (a deadlock, say) for seconds; with
      // no retries here, a deadlock between concurrent syncs fails the test instead of hiding.
      .overrideProvider(NEO4J_DRIVER)
      .useFactory({
        inject: [APP_CONFIG],
        factory: (config: AppConfig) =>
          neo4jDriver.driver(
            config.NEO4J_URI,
            neo4jDriver.auth.basic(config.NEO4J_USERNAME, config.NEO4J_PASSWORD),
            { maxTransactionRetryTime: 0, disableLosslessIntegers: true },
          ),
      })
      .compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
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

  it('keeps the analysed version when an edit sync and its analysis sync run at once', async () => {
    // An edit's sync read the insight before its analysis landed (same version, no stamp); the
    // analysis's sync carries the new keywords. Whatever order they commit in, the analysis wins.
    // Each insight with its own tag, category and keywords: the race is on the insight's node, and
    // shared tag nodes would add lock contention between insights that this test is not about.
    const ids = Array.from({ length: 40 }, (_, n) => `${userId}-race${n}`);
    const own = (id: string, term: string) => ({
      id,
      tags: [id],
      categoryId: `${id}-c`,
      keywords: [{ term: `${id}-${term}`, weight: 0.5 }],
    });
    await projection.upsertInsights(ids.map((id) => doc({ ...own(id, 'first'), version: 1 })));
    await Promise.all(
      ids.flatMap((id) => [
        projection.upsertInsight(doc({ ...own(id, 'stale'), version: 2 })),
        projection.upsertInsight(doc({ ...own(id, 'analysed'), version: 2, analysisStamp: 7 })),
      ]),
    );
    const keywords = await Promise.all(ids.map(async (id) => (await snapshot(id))?.keywords));
    expect(keywords).toEqual(ids.map((id) => [`${id}-analysed:0.5`]));
  });

  it('analyses a burst of insights that share tags, a category and keywords, all at once', async () => {
    // A burst of new insights: each was synced as created (tags, category, no keywords yet); now
    // its analysis sync (adding keywords the others mention too, listed in other orders) races a
    // replayed sync of the created insight. Syncs that rewrote every edge locked the shared tag,
    // category and keyword nodes in no fixed order and deadlocked.
    const ids = Array.from({ length: 40 }, (_, n) => `${userId}-burst${n}`);
    const terms = ['latency', 'cache', 'memory', 'queue', 'index', 'shard'];
    const keywordsOf = (n: number) =>
      [...terms.slice(n % 3), ...terms.slice(0, n % 3)].slice(0, 4).map((term) => ({ term, weight: 0.5 }));
    const created = (n: number) =>
      doc({
        id: ids[n],
        tags: n % 2 === 0 ? ['ops', 'perf', 'db'] : ['db', 'perf', 'ops'],
        categoryId: `${userId}-burst-c`,
        keywords: [],
        version: 1,
      });
    await projection.upsertInsights(ids.map((_, n) => created(n)));
    await Promise.all(
      ids.flatMap((_, n) => [
        projection.upsertInsight(created(n)),
        projection.upsertInsight({ ...created(n), keywords: keywordsOf(n), analysisStamp: 7 }),
      ]),
    );
    const states = await Promise.all(ids.map((id) => snapshot(id)));
    expect(states.map((state) => [state?.tags, state?.categories, state?.keywords?.sort()])).toEqual(
      ids.map((_, n) => [
        ['db', 'ops', 'perf'],
        [`${userId}-burst-c`],
        keywordsOf(n)
          .map((k) => `${k.term}:0.5`)
          .sort(),
      ]),
    );
  });

  it('projects a batch in one call and reports each outcome', async () => {
    await projection.upsertInsight(doc({ id: `${userId}-b1`, version: 5 }));
    const outcomes = await projection.upsertInsights([
      doc({ id: `${userId}-b1`, version: 4, title: 'older' }),
      doc({ id: `${userId}-b2`, title: 'second', tags: ['x'] }),
      doc({ id: `${userId}-b3`, title: 'third', tags: ['x', 'y'] }),
    ]);
    expect(Object.fromEntries(outcomes)).toEqual({
      [`${userId}-b1`]: 'stale',
      [`${userId}-b2`]: 'applied',
      [`${userId}-b3`]: 'applied',
    });
    expect((await snapshot(`${userId}-b3`))?.tags).toEqual(['x', 'y']);
  });

  it('moves an edge whose type change flipped its stored direction, keeping one edge', async () => {
    const a = `${userId}-ea`;
    const b = `${userId}-eb`;
    await projection.upsertInsights([doc({ id: a }), doc({ id: b })]);
    const edge = {
      id: `${userId}-edge`,
      userId,
      sourceId: a,
      targetId: b,
      type: 'extends' as const,
      strength: 0.5,
      note: null,
      createdBy: 'user' as const,
      createdAt: new Date(),
      version: 1,
    };
    await projection.upsertRelationship(edge);
    // `a extended_by b` is stored as `b extends a`
    await projection.upsertRelationship({ ...edge, sourceId: b, targetId: a, version: 2 });
    const edges = await neo4j.read(
      'MATCH (s)-[r {id: $id}]->(t) RETURN s.id AS source, t.id AS target, type(r) AS type, r.version AS version',
      { id: edge.id },
    );
    expect(edges.records.map((r) => r.toObject())).toEqual([
      { source: b, target: a, type: 'EXTENDS', version: 2 },
    ]);
    await projection.removeRelationship(edge.id, a); // found from either end
    expect((await neo4j.read('MATCH ()-[r {id: $id}]->() RETURN r', { id: edge.id })).records).toHaveLength(
      0,
    );
  });

  it('keeps one edge of the newest version when two syncs of a relationship run at once', async () => {
    const a = `${userId}-ra`;
    const b = `${userId}-rb`;
    await projection.upsertInsights([doc({ id: a }), doc({ id: b })]);
    const ids = Array.from({ length: 20 }, (_, n) => `${userId}-redge${n}`);
    const edge = (id: string, version: number, type: 'related' | 'extends' | 'supports') => ({
      id,
      userId,
      sourceId: version === 2 ? b : a,
      targetId: version === 2 ? a : b,
      type,
      strength: 0.5,
      note: null,
      createdBy: 'user' as const,
      createdAt: new Date(),
      version,
    });
    await projection.upsertRelationships(ids.map((id) => edge(id, 1, 'related')));
    await Promise.all(
      ids.flatMap((id) => [
        projection.upsertRelationship(edge(id, 2, 'extends')),
        projection.upsertRelationship(edge(id, 3, 'supports')),
      ]),
    );
    const edges = await neo4j.read(
      'MATCH (s)-[r]->(t) WHERE r.id IN $ids RETURN r.id AS id, type(r) AS type, r.version AS version',
      { ids },
    );
    expect(edges.records.map((r) => r.toObject()).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [...ids].sort().map((id) => ({ id, type: 'SUPPORTS', version: 3 })),
    );
  });

  it('reports an edge whose insights are not projected as missing', async () => {
    const outcomes = await projection.upsertRelationships([
      {
        id: `${userId}-nowhere`,
        userId,
        sourceId: `${userId}-ghost1`,
        targetId: `${userId}-ghost2`,
        type: 'related',
        strength: 0.5,
        note: null,
        createdBy: 'user',
        createdAt: new Date(),
        version: 1,
      },
    ]);
    expect(outcomes.get(`${userId}-nowhere`)).toBe('missing');
  });

  it("wipes everything of the given users and nobody else's", async () => {
    const other = `${userId}-other`;
    await projection.upsertInsight(doc({ id: `${userId}-w1`, userId: other }));
    await projection.upsertCategory({ id: `${userId}-wc`, userId: other, name: 'Other', color: '#000000' });
    await projection.upsertInsight(doc({ id: `${userId}-keep` }));
    expect(await projection.wipeUsers([other])).toBeGreaterThanOrEqual(4); // insight, tags, category, user
    const left = await neo4j.read('MATCH (n) WHERE n.userId = $other OR n.id = $other RETURN count(n) AS n', {
      other,
    });
    expect(left.records[0].get('n')).toBe(0);
    expect(await snapshot(`${userId}-keep`)).not.toBeNull();
  });

  it('gives a category its name and colour and follows a rename or a new colour', async () => {
    const id = `${userId}-c1`;
    const category = async () => {
      const result = await neo4j.read(
        'MATCH (c:Category {id: $id}) RETURN c.userId AS userId, c.name AS name, c.color AS color',
        { id },
      );
      return result.records.map((r) => r.toObject());
    };
    // An insight's sync makes the node before the category's own sync names it.
    await projection.upsertInsight(doc({ id: `${userId}-cat` }));
    expect(await category()).toEqual([{ userId, name: null, color: null }]);
    await projection.upsertCategory({ id, userId, name: 'Ideas', color: '#336699' });
    expect(await category()).toEqual([{ userId, name: 'Ideas', color: '#336699' }]);
    await projection.upsertCategory({ id, userId, name: 'Ideas', color: '#336699' });
    expect(await category()).toEqual([{ userId, name: 'Ideas', color: '#336699' }]);
    await projection.upsertCategory({ id, userId, name: 'Research', color: '#336699' });
    expect(await category()).toEqual([{ userId, name: 'Research', color: '#336699' }]);
    await projection.upsertCategory({ id, userId, name: 'Research', color: '#ff0000' });
    expect(await category()).toEqual([{ userId, name: 'Research', color: '#ff0000' }]);
  });

  it('stores hostile text as text', async () => {
    const title = "x'}) MATCH (n) DETACH DELETE n //";
    await projection.upsertInsight(doc({ id: `${userId}-i2`, title }));
    expect((await snapshot(`${userId}-i2`))?.title).toBe(title);
  });
});
