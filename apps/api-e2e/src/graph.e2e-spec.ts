import { type Connection, Types } from 'mongoose';
import type {
  Category,
  GraphPage,
  GraphPaths,
  GraphStats,
  GraphView,
  Insight,
  JobAccepted,
  JobStatus,
  Relationship,
  SearchResults,
} from '@insight/contracts';
import { E2E_GRAPH } from './support/apps';
import { openDatabase } from './support/database';
import { createRelationship, edgesProjected, eventually, projected } from './support/graph';
import { callAs, createCategory, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createAdmin, createUser, type TestUser } from './support/users';

jest.setTimeout(90_000);

describe('knowledge graph', () => {
  let db: Connection;
  let alice: TestUser;
  let bob: TestUser;
  let category: Category;
  const ins: Record<string, Insight> = {};
  const rel: Record<string, Relationship> = {};
  const idsOf = (nodes: { id: string }[]) => nodes.map((node) => node.id).sort();
  const named = (...names: string[]) => names.map((name) => ins[name].id).sort();

  const get = async <T>(user: TestUser, path: string): Promise<T> => jsonOf<T>(await callAs(user, path), 200);

  beforeAll(async () => {
    db = await openDatabase();
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    category = await createCategory(alice, { name: 'Systems', colour: '#2563eb', icon: 'hub' });
    // a → b (supports), c – b (related), c → d (causes), a – e (contradicts); f alone; t trashed, linked to a
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 't']) {
      ins[name] = await createInsight(alice, {
        title: `Graph ${name.toUpperCase()}`,
        tags: 'abcde'.includes(name) ? ['mesh', ...('ab'.includes(name) ? ['hub'] : [])] : [],
        ...(name === 'a' ? { categoryId: category.id } : {}),
      });
    }
    rel['ab'] = await createRelationship(alice, {
      sourceId: ins['a'].id,
      targetId: ins['b'].id,
      type: 'supports',
    });
    rel['cb'] = await createRelationship(alice, {
      sourceId: ins['c'].id,
      targetId: ins['b'].id,
      type: 'related',
    });
    rel['dc'] = await createRelationship(alice, {
      sourceId: ins['d'].id,
      targetId: ins['c'].id,
      type: 'caused_by',
    });
    rel['ae'] = await createRelationship(alice, {
      sourceId: ins['a'].id,
      targetId: ins['e'].id,
      type: 'contradicts',
    });
    rel['ta'] = await createRelationship(alice, {
      sourceId: ins['t'].id,
      targetId: ins['a'].id,
      type: 'related',
    });
    expect((await callAs(alice, `/insights/${ins['t'].id}`, { method: 'DELETE' })).status).toBe(204);
    ins['bob'] = await createInsight(bob, { title: 'Bob private graph node' });
    await projected(
      alice,
      Object.values(ins).filter((insight) => insight !== ins['bob']),
    );
    await projected(bob, [ins['bob']]);
    await edgesProjected(alice, [rel['ab'], rel['cb'], rel['dc'], rel['ae']]);
  });

  afterAll(() => db.close());

  describe('neighbourhood', () => {
    it('answers the insights and edges around one insight, one or two hops out, without the trash', async () => {
      const one = await get<GraphView>(alice, `/graph/neighborhood/${ins['a'].id}`);
      expect(idsOf(one.nodes)).toEqual(named('a', 'b', 'e'));
      expect(one.edges.map((edge) => edge.type).sort()).toEqual(['contradicts', 'supports']);
      expect(one.truncated).toBe(false);
      expect(one.nodes.find((node) => node.id === ins['a'].id)).toMatchObject({
        title: 'Graph A',
        categoryId: category.id,
        categoryColor: '#2563eb',
        degree: 2,
      });
      const two = await get<GraphView>(alice, `/graph/neighborhood/${ins['a'].id}?depth=2`);
      expect(idsOf(two.nodes)).toEqual(named('a', 'b', 'c', 'e'));
      // `d caused_by c` is stored as `c causes d`
      const three = await get<GraphView>(alice, `/graph/neighborhood/${ins['c'].id}`);
      expect(three.edges).toContainEqual(
        expect.objectContaining({ source: ins['c'].id, target: ins['d'].id, type: 'causes' }),
      );
    });

    it('follows only the requested types; an inverse name follows its stored type', async () => {
      const view = await get<GraphView>(
        alice,
        `/graph/neighborhood/${ins['b'].id}?depth=3&types=supported_by,related`,
      );
      expect(idsOf(view.nodes)).toEqual(named('a', 'b', 'c'));
      const repeated = await get<GraphView>(
        alice,
        `/graph/neighborhood/${ins['b'].id}?depth=3&types=supports&types=related`,
      );
      expect(idsOf(repeated.nodes)).toEqual(named('a', 'b', 'c'));
    });

    it('caps the answer at limit and says it was cut', async () => {
      const view = await get<GraphView>(alice, `/graph/neighborhood/${ins['a'].id}?depth=3&limit=2`);
      expect(view.nodes).toHaveLength(2);
      expect(view.truncated).toBe(true);
    });

    it("answers 404 for another user's insight, a trashed one and an id that is not one", async () => {
      for (const [user, id] of [
        [bob, ins['a'].id],
        [alice, ins['bob'].id],
        [alice, ins['t'].id],
        [alice, 'not-an-id'],
      ] as const) {
        const response = await callAs(user, `/graph/neighborhood/${id}`);
        expect(response.status).toBe(404);
        expect(JSON.stringify(await problemOf(response))).not.toContain('Graph A');
      }
    });

    it.each([
      ['depth=4', 'depth'],
      ['depth=0', 'depth'],
      ['limit=2001', 'limit'],
      ['limit=abc', 'limit'],
      ['types=friends', 'types'],
    ])('refuses %s with a field error', async (query, field) => {
      const response = await callAs(alice, `/graph/neighborhood/${ins['a'].id}?${query}`);
      expect(response.status).toBe(400);
      expect(Object.keys((await problemOf(response)).errors ?? {})).toEqual([field]);
    });

    it('shows an insight created a moment ago on its own rather than answering 404', async () => {
      const fresh = await createInsight(alice, { title: 'Just now' });
      const view = await get<GraphView>(alice, `/graph/neighborhood/${fresh.id}`);
      expect(view.nodes.map((node) => node.id)).toEqual([fresh.id]);
    });
  });

  describe('paths', () => {
    it('finds the shortest path with the type of every edge', async () => {
      const { paths } = await get<GraphPaths>(alice, `/graph/path?from=${ins['e'].id}&to=${ins['d'].id}`);
      expect(paths).toHaveLength(1);
      expect(paths[0].nodes.map((node) => node.title)).toEqual([
        'Graph E',
        'Graph A',
        'Graph B',
        'Graph C',
        'Graph D',
      ]);
      expect(paths[0].edges.map((edge) => edge.type)).toEqual([
        'contradicts',
        'supports',
        'related',
        'causes',
      ]);
    });

    it('answers no path when none is short enough, 404 for insights that are not yours, 400 without `to`', async () => {
      expect(
        await get<GraphPaths>(alice, `/graph/path?from=${ins['e'].id}&to=${ins['d'].id}&maxDepth=2`),
      ).toEqual({ paths: [] });
      expect(await get<GraphPaths>(alice, `/graph/path?from=${ins['f'].id}&to=${ins['a'].id}`)).toEqual({
        paths: [],
      });
      expect((await callAs(bob, `/graph/path?from=${ins['a'].id}&to=${ins['b'].id}`)).status).toBe(404);
      expect((await callAs(alice, `/graph/path?from=${ins['a'].id}&to=${ins['t'].id}`)).status).toBe(404);
      const missing = await callAs(alice, `/graph/path?from=${ins['a'].id}`);
      expect(missing.status).toBe(400);
      expect((await problemOf(missing)).errors).toHaveProperty('to');
    });
  });

  describe('the whole graph', () => {
    it('pages through every insight of yours outside the trash exactly once, with the edges they start', async () => {
      const seen: string[] = [];
      const edges: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: GraphPage = await get<GraphPage>(
          alice,
          `/graph?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.nodes.map((node) => node.id));
        edges.push(...page.edges.map((edge) => edge.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(named('a', 'b', 'c', 'd', 'e', 'f')));
      expect(seen).not.toContain(ins['t'].id);
      expect(seen).not.toContain(ins['bob'].id);
      expect(edges.sort()).toEqual([rel['ab'].id, rel['ae'].id, rel['cb'].id, rel['dc'].id].sort());
    });

    it("never shows another user's graph, and refuses a foreign cursor", async () => {
      const page = await get<GraphPage>(bob, '/graph');
      expect(page.nodes.map((node) => node.id)).toEqual([ins['bob'].id]);
      const response = await callAs(alice, '/graph?cursor=bm90LWEtY3Vyc29y');
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toHaveProperty('cursor');
    });

    it('counts the graph: most connected, orphans and relationships by type', async () => {
      const stats = await get<GraphStats>(alice, '/graph/stats');
      expect(stats.relationships).toBe(4);
      // a, b and c have two links each (t's is in the trash); ties are ordered by id
      expect(stats.mostConnected.slice(0, 3)).toEqual(
        named('a', 'b', 'c').map((id) => expect.objectContaining({ id, degree: 2 })),
      );
      expect(stats.orphans.items.map((item) => item.id)).toContain(ins['f'].id);
      expect(stats.relationshipsByType).toMatchObject({ supports: 1, related: 1, causes: 1, contradicts: 1 });
      expect((await get<GraphStats>(bob, '/graph/stats')).insights).toBe(1);
    });

    it('lists the clusters the worker computed: a, b, c, d and e linked, f alone, t in the trash', async () => {
      const bound = (E2E_GRAPH.clustersSeconds * 2 + 10) * 1000;
      const stats = await eventually(async () => {
        const current = await get<GraphStats>(alice, '/graph/stats');
        return current.clusters.items[0]?.size === 5 ? current : null;
      }, bound);
      expect(stats.clusters).toEqual({
        computedAt: expect.any(String),
        count: 1,
        clustered: 5,
        items: [
          {
            id: named('a', 'b', 'c', 'd', 'e')[0],
            size: 5,
            topTags: [
              { name: 'mesh', count: 5 },
              { name: 'hub', count: 2 },
            ],
          },
        ],
      });
      expect((await get<GraphStats>(bob, '/graph/stats')).clusters).toMatchObject({ count: 0, items: [] });
    });
  });

  describe('sync', () => {
    it('reflects a changed, then deleted relationship', async () => {
      const changed = await jsonOf<Relationship>(
        await callAs(alice, `/relationships/${rel['ae'].id}`, { method: 'PATCH', body: { strength: 0.9 } }),
        200,
      );
      await edgesProjected(alice, [changed]);
      expect((await callAs(alice, `/relationships/${rel['ae'].id}`, { method: 'DELETE' })).status).toBe(204);
      await eventually(async () => {
        const view = await get<GraphView>(alice, `/graph/neighborhood/${ins['a'].id}`);
        return !view.edges.some((edge) => edge.id === rel['ae'].id);
      });
    });

    it('shows a new category colour and finds the insight by the new category name', async () => {
      await jsonOf<Category>(
        await callAs(alice, `/categories/${category.id}`, {
          method: 'PATCH',
          body: { name: 'Distributed', colour: '#16a34a' },
        }),
        200,
      );
      await eventually(async () => {
        const view = await get<GraphView>(alice, `/graph/neighborhood/${ins['a'].id}`);
        return view.nodes.find((node) => node.id === ins['a'].id)?.categoryColor === '#16a34a';
      });
      const found = await get<SearchResults>(alice, '/search?q=category:distributed');
      expect(found.items.map((item) => item.insight.id)).toEqual([ins['a'].id]);
    });

    it('reconciles a write whose sync job was lost, and sweeps away what MongoDB no longer has', async () => {
      const lost = await createInsight(alice, { title: 'Before the lost job' });
      const gone = await createInsight(alice, { title: 'Purged behind the API' });
      await projected(alice, [lost, gone]);
      // As if Redis had been down: the write is committed, no job was enqueued.
      await db.collection('insights').updateOne(
        { _id: new Types.ObjectId(lost.id) },
        {
          $set: { title: 'After the lost job', graphPendingSince: new Date(Date.now() - 60_000) },
          $inc: { version: 1 },
        },
      );
      // As if a purge's job was lost.
      await db.collection('insights').deleteOne({ _id: new Types.ObjectId(gone.id) });
      const bound =
        (E2E_GRAPH.reconcileSeconds + E2E_GRAPH.thresholdSeconds + E2E_GRAPH.sweepSeconds) * 1000 + 20_000;
      await eventually(async () => {
        const search = await get<SearchResults>(alice, '/search?q=after lost job');
        return search.items.some((item) => item.insight.id === lost.id && item.insight.graphVersion === 2);
      }, bound);
      await eventually(async () => {
        const view = await callAs(alice, `/graph/path?from=${gone.id}&to=${lost.id}`);
        return view.status === 404;
      }, bound);
      const all = await get<GraphPage>(alice, '/graph?limit=2000');
      expect(all.nodes.map((node) => node.id)).not.toContain(gone.id);
    });

    it('stores Cypher typed into titles and tags as text', async () => {
      const hostile = await createInsight(alice, {
        title: "x'}) MATCH (n) DETACH DELETE n //",
        tags: ['`) DETACH DELETE n //'],
      });
      await projected(alice, [hostile]);
      const view = await get<GraphView>(alice, `/graph/neighborhood/${hostile.id}`);
      expect(view.nodes[0].title).toBe("x'}) MATCH (n) DETACH DELETE n //");
      expect((await get<GraphStats>(alice, '/graph/stats')).insights).toBeGreaterThanOrEqual(8);
    });
  });

  describe('Cypher injection', () => {
    const evil = "x'}) MATCH (n) DETACH DELETE n //";

    it('stores Cypher in category names, content and relationship notes as text', async () => {
      const hostileCategory = await createCategory(alice, {
        name: `${evil} c`,
        colour: '#dc2626',
        icon: 'bug',
      });
      const [one, two] = await Promise.all(
        [1, 2].map((n) =>
          createInsight(alice, { title: `Hostile ${n}`, content: evil, categoryId: hostileCategory.id }),
        ),
      );
      const link = await createRelationship(alice, {
        sourceId: one.id,
        targetId: two.id,
        type: 'supports',
        note: evil,
      });
      await projected(alice, [one, two]);
      await edgesProjected(alice, [link]);
      const found = await get<SearchResults>(
        alice,
        `/search?q=${encodeURIComponent(`category:"${evil} c"`)}`,
      );
      expect(found.items.map((item) => item.insight.id).sort()).toEqual([one.id, two.id].sort());
      const view = await get<GraphView>(alice, `/graph/neighborhood/${one.id}`);
      expect(view.nodes.find((node) => node.id === one.id)?.categoryColor).toBe('#dc2626');
      // Nothing else was touched: Bob's graph is whole.
      expect((await get<GraphStats>(bob, '/graph/stats')).insights).toBe(1);
    });

    it('refuses Cypher in types, ids and path parameters without touching the graph', async () => {
      const types = await callAs(
        alice,
        `/graph/neighborhood/${ins['a'].id}?types=${encodeURIComponent('supports]-() DETACH DELETE n //')}`,
      );
      expect(types.status).toBe(400);
      expect((await problemOf(types)).errors).toHaveProperty('types');
      const relationshipType = await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: ins['a'].id, targetId: ins['f'].id, type: 'SUPPORTS|OWNS' },
      });
      expect(relationshipType.status).toBe(400);
      await problemOf(relationshipType);
      for (const path of [
        `/graph/neighborhood/${encodeURIComponent(evil)}`,
        `/graph/path?from=${encodeURIComponent(evil)}&to=${ins['b'].id}`,
      ]) {
        const response = await callAs(alice, path);
        expect([400, 404]).toContain(response.status);
        await problemOf(response);
      }
      const view = await get<GraphView>(alice, `/graph/neighborhood/${ins['b'].id}`);
      expect(idsOf(view.nodes)).toEqual(named('a', 'b', 'c'));
      expect((await get<GraphStats>(bob, '/graph/stats')).insights).toBe(1);
    });
  });

  describe('rebuild', () => {
    it('is for admins only: anyone else gets 404', async () => {
      const response = await callAs(alice, '/admin/graph/rebuild', { method: 'POST' });
      expect(response.status).toBe(404);
      await problemOf(response);
    });

    it('wipes and replays the projection in the worker, with progress, ending equal to MongoDB', async () => {
      const admin = await createAdmin(db);
      const response = await callAs(admin, '/admin/graph/rebuild', { method: 'POST' });
      const accepted = await jsonOf<JobAccepted>(response, 202);
      expect(response.headers.get('location')).toBe(accepted.statusUrl);
      expect(accepted.jobId).toMatch(/^graph-maintenance\.rebuild-/);
      const done = await eventually(async () => {
        const status = await jsonOf<JobStatus>(
          await callAs(admin, accepted.statusUrl.replace('/api/v1', '')),
          200,
        );
        return status.state === 'completed' || status.state === 'failed' ? status : null;
      }, 60_000);
      expect(done).toMatchObject({ state: 'completed', progress: 100 });
      expect(done.result).toMatchObject({ insights: expect.any(Number), relationships: expect.any(Number) });
      const view = await get<GraphView>(alice, `/graph/neighborhood/${ins['b'].id}`);
      expect(idsOf(view.nodes)).toEqual(named('a', 'b', 'c'));
      expect(view.nodes.find((node) => node.id === ins['a'].id)?.categoryColor).toBe('#16a34a');
    });

    it('ends with the projection equal to MongoDB when writes continue during a rebuild', async () => {
      const admin = await createAdmin(db);
      const carol = await createUser();
      const seed: Insight[] = [];
      for (let i = 0; i < 30; i++) seed.push(await createInsight(carol, { title: `Seed ${i}` }));
      await projected(carol, seed);
      const rebuild = await jsonOf<JobAccepted>(
        await callAs(admin, '/admin/graph/rebuild', { method: 'POST' }),
        202,
      );
      const expected = new Map(seed.map((insight) => [insight.id, insight.title]));
      for (let i = 0; i < 10; i++) {
        const added = await createInsight(carol, { title: `During ${i}` });
        expected.set(added.id, added.title);
        const edited = await jsonOf<Insight>(
          await callAs(carol, `/insights/${seed[i].id}`, { method: 'PATCH', body: { title: `Edited ${i}` } }),
          200,
        );
        expected.set(edited.id, edited.title);
        const doomed = seed[10 + i];
        expect((await callAs(carol, `/insights/${doomed.id}`, { method: 'DELETE' })).status).toBe(204);
        if (i % 2 === 0) {
          expect((await callAs(carol, `/trash/${doomed.id}`, { method: 'DELETE' })).status).toBe(204);
        }
        expected.delete(doomed.id);
      }
      await eventually(async () => {
        const status = await jsonOf<JobStatus>(
          await callAs(admin, rebuild.statusUrl.replace('/api/v1', '')),
          200,
        );
        return status.state === 'completed';
      }, 60_000);
      await eventually(
        async () => {
          const page = await get<GraphPage>(carol, '/graph?limit=2000');
          return (
            page.nodes.length === expected.size &&
            page.nodes.every((node) => expected.get(node.id) === node.title)
          );
        },
        30_000 + E2E_GRAPH.sweepSeconds * 1000,
      );
    });
  });
});
