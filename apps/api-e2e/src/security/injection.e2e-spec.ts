import { type Connection, Types } from 'mongoose';
import type { GraphStats, GraphView, Insight, SearchResults } from '@insight/contracts';
import { documentsOf, openDatabase } from '../support/database';
import { eventually } from '../support/graph';
import { callAs, createInsight, jsonOf, problemOf } from '../support/insights-client';
import { callFromNewAddress, createAdmin, createUser, TEST_PASSWORD, type TestUser } from '../support/users';

// The graph projection waits on the worker.
jest.setTimeout(90_000);

const CYPHER = "x'}) MATCH (n) DETACH DELETE n //";
const CYPHER_TAG = '`) detach delete n //';

/**
 * Query operators and query languages smuggled in as values: MongoDB operators in bodies and
 * query strings, Cypher and Lucene syntax in titles, tags, types and searches. Each is refused
 * as a field error or taken as plain text; none reaches another user's data.
 */
describe('injection', () => {
  let db: Connection;
  let alice: TestUser;
  let bob: TestUser;
  let bobsInsight: Insight;

  const everything = async () => {
    const all: Record<string, unknown[]> = {};
    for (const name of ['users', 'insights', 'categories', 'relationships', 'webhooks']) {
      all[name] = await documentsOf(db, name);
    }
    return all;
  };

  beforeAll(async () => {
    db = await openDatabase();
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    bobsInsight = await createInsight(bob, { title: 'Bob private cache notes', tags: ['bob-only'] });
  });

  afterAll(() => db.close());

  describe('MongoDB operators', () => {
    it('refuses an operator in place of a value in any body, naming the field, changing nothing', async () => {
      const admin = await createAdmin(db);
      const before = await everything();
      for (const [user, method, path, body, field] of [
        [alice, 'POST', '/insights', { title: { $gt: '' } }, 'title'],
        [alice, 'PATCH', `/insights/${bobsInsight.id}`, { title: 'x', tags: { $ne: null } }, 'tags'],
        [alice, 'POST', '/categories', { name: { $ne: null }, colour: '#000000', icon: 'x' }, 'name'],
        [
          alice,
          'POST',
          '/relationships',
          { sourceId: { $ne: null }, targetId: bobsInsight.id, type: 'related' },
          'sourceId',
        ],
        [alice, 'POST', '/webhooks', { url: { $gt: '' }, events: ['insight.created'] }, 'url'],
        [alice, 'PATCH', '/tags/bob-only', { name: { $regex: '.*' } }, 'name'],
        [alice, 'PATCH', '/users/me', { displayName: { $set: { role: 'admin' } } }, 'displayName'],
        [admin, 'POST', '/admin/ping', { message: { $gt: '' } }, 'message'],
      ] as const) {
        const response = await callAs(user, path, { method, body });
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(Object.keys((await problemOf(response)).errors ?? {})).toContain(field);
      }
      expect(await everything()).toEqual(before);
    });

    it('refuses an operator as the sign-in e-mail or password instead of matching any account', async () => {
      for (const body of [
        { email: { $gt: '' }, password: TEST_PASSWORD },
        { email: bob.user.email, password: { $ne: null } },
        { email: { $regex: '.*' }, password: { $ne: '' } },
      ]) {
        const response = await callFromNewAddress('/auth/login', { method: 'POST', body });
        expect(response.status).toBe(400);
        expect(await problemOf(response)).not.toHaveProperty('accessToken');
      }
    });

    it('refuses an operator in a query string, naming the parameter, and never widens a filter', async () => {
      for (const path of [
        '/insights?categoryId[$ne]=x',
        '/insights?tag[$gt]=',
        '/insights?favorite[$ne]=true',
        '/trash?cursor[$gt]=',
        '/relationships?insightId[$ne]=x',
        '/search?q[$ne]=x',
        `/graph/neighborhood/${bobsInsight.id}?types[$ne]=x`,
        '/digests?cursor[$gt]=',
        '/webhooks?cursor[$ne]=',
      ]) {
        const response = await callAs(alice, path);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        await problemOf(response);
      }
      // An operator written as a JSON string is only an id that is not one.
      for (const path of [
        `/relationships?insightId=${encodeURIComponent('{"$ne":null}')}`,
        `/insights/${encodeURIComponent('{"$gt":""}')}`,
        `/graph/path?from=${encodeURIComponent('{"$ne":null}')}&to=${bobsInsight.id}`,
      ]) {
        const response = await callAs(alice, path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(JSON.stringify(await problemOf(response))).not.toContain('Bob private');
      }
    });
  });

  describe('Cypher and Lucene', () => {
    let hostile: Insight;

    beforeAll(async () => {
      hostile = await createInsight(alice, { title: CYPHER, content: `${CYPHER} cache`, tags: [CYPHER_TAG] });
      await eventually(async () => {
        const view = await callAs(alice, `/graph/neighborhood/${hostile.id}`);
        return view.status === 200 ? ((await view.json()) as GraphView) : null;
      }, 60_000);
    });

    const searchFor = async (user: TestUser, q: string) =>
      jsonOf<SearchResults>(await callAs(user, `/search?q=${encodeURIComponent(q)}`), 200);

    it('stores Cypher in titles and tags as text and finds it as text', async () => {
      const view = await jsonOf<GraphView>(await callAs(alice, `/graph/neighborhood/${hostile.id}`), 200);
      expect(view.nodes.find((node) => node.id === hostile.id)?.title).toBe(CYPHER);
      const byTag = await eventually(async () => {
        const found = await searchFor(alice, `tag:"${CYPHER_TAG}"`);
        return found.items.length > 0 ? found : null;
      }, 60_000);
      expect(byTag.items.map((item) => item.insight.id)).toEqual([hostile.id]);
      expect((await jsonOf<GraphStats>(await callAs(bob, '/graph/stats'), 200)).insights).toBe(1);
    });

    it('takes Cypher and Lucene syntax in a search as words, never as a query, and stays within the caller', async () => {
      for (const q of [
        CYPHER,
        "') CALL db.index.fulltext.queryNodes('insight_search', '*') YIELD node RETURN node //",
        '*',
        '*:*',
        'title:*',
        'userId:*',
        `userId:${bob.user.id}`,
        'bob AND NOT nothing',
        'cache~ OR private^10',
        '"unbalanced',
        '(((((',
        '\\',
        '/.*/',
        'tag:bob-only',
        `type:${encodeURIComponent('supports]->() DETACH DELETE n')}`,
      ]) {
        const response = await callAs(alice, `/search?q=${encodeURIComponent(q)}`);
        expect({ q, ok: [200, 400].includes(response.status) }).toEqual({ q, ok: true });
        const text = await response.text();
        expect(text).not.toContain(bobsInsight.id);
        expect(text).not.toContain('Bob private');
      }
      // Bob's graph and search are whole.
      expect((await searchFor(bob, 'cache')).items.map((item) => item.insight.id)).toEqual([bobsInsight.id]);
    });

    it('refuses Cypher in relationship types and type filters with a field error', async () => {
      const other = await createInsight(alice, { title: 'Other end' });
      const created = await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: hostile.id, targetId: other.id, type: 'SUPPORTS|OWNS]->(m) DETACH DELETE m //' },
      });
      expect(created.status).toBe(400);
      expect((await problemOf(created)).errors).toHaveProperty('type');
      const filtered = await callAs(
        alice,
        `/graph/neighborhood/${hostile.id}?types=${encodeURIComponent('supports]-() DETACH DELETE n //')}`,
      );
      expect(filtered.status).toBe(400);
      expect((await problemOf(filtered)).errors).toHaveProperty('types');
      const stored = await documentsOf(db, 'relationships', { userId: new Types.ObjectId(alice.user.id) });
      expect(stored).toEqual([]);
    });
  });
});
