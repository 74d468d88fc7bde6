import { type Connection, Types } from 'mongoose';
import type { Insight, JobStatus, Page } from '@insight/contracts';
import { API_URL } from './support/apps';
import { documentsOf, openDatabase } from './support/database';
import {
  callAs,
  createCategory,
  createInsight,
  getInsight,
  jsonOf,
  problemOf,
} from './support/insights-client';
import { createUser, type TestUser } from './support/users';

describe('insights', () => {
  let db: Connection;

  beforeAll(async () => {
    db = await openDatabase();
  });

  afterAll(() => db.close());

  const storedInsightsOf = (user: TestUser) =>
    documentsOf(db, 'insights', { userId: new Types.ObjectId(user.user.id) });

  describe('create and read', () => {
    let alice: TestUser;

    beforeAll(async () => {
      alice = await createUser();
    });

    it('creates an insight: 201 with Location and ETag, normalised tags, version 1, pending', async () => {
      const response = await callAs(alice, '/insights', {
        method: 'POST',
        body: {
          title: '  Caching  ',
          content: '# Cache\n\nInvalidate **carefully**.',
          tags: ['Perf', ' perf ', 'Web Dev'],
        },
      });
      const insight = await jsonOf<Insight>(response, 201);
      expect(response.headers.get('location')).toBe(`/api/v1/insights/${insight.id}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(insight).toMatchObject({
        title: 'Caching',
        content: '# Cache\n\nInvalidate **carefully**.',
        tags: ['perf', 'web dev'],
        version: 1,
        graphVersion: 0,
        status: 'pending',
        sourceType: 'text',
        favorite: false,
        importance: 0.5,
        categoryId: null,
        summary: null,
        analysis: null,
        deletedAt: null,
      });

      const read = await fetch(`${API_URL}${response.headers.get('location')}`, { headers: alice.headers });
      // The worker may have projected it meanwhile: graphVersion is the only field it changes.
      expect(await jsonOf<Insight>(read, 200)).toEqual({ ...insight, graphVersion: expect.any(Number) });
      expect(read.headers.get('etag')).toBe('"1"');
    });

    it('enqueues graph-sync and analysis jobs with deterministic ids', async () => {
      const insight = await createInsight(alice, { title: 'Queued' });
      for (const queue of ['graph-sync', 'analyze-insight']) {
        const response = await callAs(alice, `/jobs/${queue}.${insight.id}-v1`);
        const job = await jsonOf<JobStatus>(response, 200);
        expect(job).toMatchObject({ id: `${queue}.${insight.id}-v1`, queue });
      }
    });

    it('accepts one of your categories and refuses any other id with a field error', async () => {
      const category = await createCategory(alice, { name: 'Reading', colour: '#123456', icon: 'book' });
      const created = await createInsight(alice, { title: 'Filed', categoryId: category.id });
      expect(created.categoryId).toBe(category.id);

      const before = await storedInsightsOf(alice);
      const response = await callAs(alice, '/insights', {
        method: 'POST',
        body: { title: 'Nowhere', categoryId: new Types.ObjectId().toHexString() },
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toEqual({ categoryId: ['is not one of your categories'] });
      expect(await storedInsightsOf(alice)).toEqual(before);
    });
  });

  describe('update', () => {
    let bob: TestUser;

    beforeAll(async () => {
      bob = await createUser();
    });

    it('changes only the fields sent, bumps the version and answers the new ETag', async () => {
      const insight = await createInsight(bob, { title: 'T', content: 'c', tags: ['x'] });
      const response = await callAs(bob, `/insights/${insight.id}`, {
        method: 'PATCH',
        headers: { 'if-match': '"1"' },
        body: { favorite: true, importance: 0.9 },
      });
      const updated = await jsonOf<Insight>(response, 200);
      expect(response.headers.get('etag')).toBe('"2"');
      expect(updated).toMatchObject({
        title: 'T',
        content: 'c',
        tags: ['x'],
        favorite: true,
        importance: 0.9,
        version: 2,
      });
    });

    it('answers 412 for a stale If-Match and changes nothing', async () => {
      const insight = await createInsight(bob, { title: 'Original' });
      await jsonOf(
        await callAs(bob, `/insights/${insight.id}`, { method: 'PATCH', body: { favorite: true } }),
        200,
      );
      const before = await storedInsightsOf(bob);
      const response = await callAs(bob, `/insights/${insight.id}`, {
        method: 'PATCH',
        headers: { 'if-match': '"1"' },
        body: { title: 'Stale edit' },
      });
      expect(response.status).toBe(412);
      expect(await problemOf(response)).toMatchObject({
        type: '/problems/version-mismatch',
        currentVersion: 2,
      });
      expect(await storedInsightsOf(bob)).toEqual(before);
    });

    it('lets one of two concurrent PATCHes with the same If-Match win (200) and refuses the other (412), losing no field', async () => {
      for (let round = 0; round < 5; round++) {
        const insight = await createInsight(bob, { title: 'Original', content: 'original' });
        const [first, second] = await Promise.all([
          callAs(bob, `/insights/${insight.id}`, {
            method: 'PATCH',
            headers: { 'if-match': '"1"' },
            body: { title: 'By first' },
          }),
          callAs(bob, `/insights/${insight.id}`, {
            method: 'PATCH',
            headers: { 'if-match': '"1"' },
            body: { content: 'by second' },
          }),
        ]);
        expect([first.status, second.status].sort()).toEqual([200, 412]);
        const stored = await getInsight(bob, insight.id);
        expect(stored.version).toBe(2);
        if (first.status === 200) expect(stored).toMatchObject({ title: 'By first', content: 'original' });
        else expect(stored).toMatchObject({ title: 'Original', content: 'by second' });
      }
    });

    it('refuses an If-Match that is not a version, naming the header', async () => {
      const insight = await createInsight(bob, { title: 'T' });
      const response = await callAs(bob, `/insights/${insight.id}`, {
        method: 'PATCH',
        headers: { 'if-match': 'W/"1"' },
        body: { title: 'x' },
      });
      expect(response.status).toBe(400);
      expect(Object.keys((await problemOf(response)).errors ?? {})).toEqual(['If-Match']);
      expect((await getInsight(bob, insight.id)).title).toBe('T');
    });

    it('sets the status back to pending and queues a new analysis when the text changes', async () => {
      const insight = await createInsight(bob, { title: 'T' });
      const updated = await jsonOf<Insight>(
        await callAs(bob, `/insights/${insight.id}`, { method: 'PATCH', body: { content: 'new text' } }),
        200,
      );
      expect(updated.status).toBe('pending');
      expect((await callAs(bob, `/jobs/analyze-insight.${insight.id}-v2`)).status).toBe(200);
      await jsonOf(
        await callAs(bob, `/insights/${insight.id}`, { method: 'PATCH', body: { favorite: true } }),
        200,
      );
      expect((await callAs(bob, `/jobs/analyze-insight.${insight.id}-v3`)).status).toBe(404);
      expect((await callAs(bob, `/jobs/graph-sync.${insight.id}-v3`)).status).toBe(200);
    });
  });

  describe('list', () => {
    let carol: TestUser;
    const titles: string[] = [];

    beforeAll(async () => {
      carol = await createUser();
      const category = await createCategory(carol, { name: 'Listed', colour: '#abcdef', icon: 'list' });
      for (let i = 0; i < 7; i++) {
        const insight = await createInsight(carol, {
          title: `Item ${i}`,
          tags: i % 2 === 0 ? ['even', 'all'] : ['odd', 'all'],
          favorite: i % 3 === 0,
          categoryId: i < 2 ? category.id : null,
        });
        titles.push(insight.title);
      }
      const trashed = await createInsight(carol, { title: 'Binned', tags: ['all'] });
      expect((await callAs(carol, `/insights/${trashed.id}`, { method: 'DELETE' })).status).toBe(204);
    });

    async function listAll(query: string): Promise<Insight[]> {
      const items: Insight[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: Page<Insight> = await jsonOf<Page<Insight>>(
          await callAs(carol, `/insights?${query}${suffix}`),
          200,
        );
        expect(page.items.length).toBeLessThanOrEqual(Number(new URLSearchParams(query).get('limit') ?? 20));
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    }

    it('pages newest first with an opaque cursor, excluding the trash', async () => {
      const items = await listAll('limit=3');
      expect(items.map((i) => i.title)).toEqual([...titles].reverse());
    });

    it('sorts by updatedAt either way', async () => {
      const first = (await listAll('limit=2&sort=updatedAt&order=asc')).map((i) => i.title);
      const last = (await listAll('limit=4&sort=updatedAt&order=desc')).map((i) => i.title);
      expect(first).toEqual(titles);
      expect(last).toEqual([...titles].reverse());
    });

    it('filters by all of the repeated tags, favourite and category', async () => {
      expect((await listAll('limit=100&tag=even&tag=ALL')).map((i) => i.title)).toEqual([
        'Item 6',
        'Item 4',
        'Item 2',
        'Item 0',
      ]);
      expect(await listAll('limit=100&tag=even&tag=odd')).toEqual([]);
      expect((await listAll('limit=100&favorite=true')).map((i) => i.title)).toEqual([
        'Item 6',
        'Item 3',
        'Item 0',
      ]);
      const categories = await jsonOf<{ id: string; name: string }[]>(
        await callAs(carol, '/categories'),
        200,
      );
      const listed = categories.find((c) => c.name === 'Listed')?.id ?? '';
      expect((await listAll(`limit=100&categoryId=${listed}`)).map((i) => i.title)).toEqual([
        'Item 1',
        'Item 0',
      ]);
      // The worker analyses insights meanwhile: the status filter splits the list in two.
      const [all, processed, pending] = [
        await listAll('limit=100'),
        await listAll('limit=100&status=processed'),
        await listAll('limit=100&status=pending'),
      ];
      expect(processed.every((i) => i.status === 'processed')).toBe(true);
      expect(pending.every((i) => i.status === 'pending')).toBe(true);
      expect(processed.length + pending.length).toBeLessThanOrEqual(all.length);
    });

    it('bounds createdAt with from and to', async () => {
      const all = await listAll('limit=100&order=asc');
      const from = all[2].createdAt;
      const to = all[4].createdAt;
      const bounded = await listAll(`limit=100&order=asc&from=${from}&to=${to}`);
      expect(bounded.map((i) => i.title)).toEqual(['Item 2', 'Item 3', 'Item 4']);
    });

    it('refuses a tampered cursor or one from another sort with a field error', async () => {
      const page = await jsonOf<Page<Insight>>(await callAs(carol, '/insights?limit=1'), 200);
      for (const path of [`/insights?cursor=${page.nextCursor}&sort=updatedAt`, '/insights?cursor=bm9wZQ']) {
        const response = await callAs(carol, path);
        expect(response.status).toBe(400);
        expect(Object.keys((await problemOf(response)).errors ?? {})).toEqual(['cursor']);
      }
    });

    it('refuses out-of-range and unknown parameters, naming each', async () => {
      const response = await callAs(
        carol,
        '/insights?limit=101&sort=title&favorite=maybe&from=yesterday&colour=red',
      );
      expect(response.status).toBe(400);
      expect(Object.keys((await problemOf(response)).errors ?? {}).sort()).toEqual([
        'colour',
        'favorite',
        'from',
        'limit',
        'sort',
      ]);
    });
  });

  describe('trash', () => {
    let dave: TestUser;

    beforeAll(async () => {
      dave = await createUser();
    });

    it('moves to the trash, restores, and purges only from the trash', async () => {
      const insight = await createInsight(dave, { title: 'Temporary' });
      expect((await callAs(dave, `/trash/${insight.id}`, { method: 'DELETE' })).status).toBe(404);

      expect((await callAs(dave, `/insights/${insight.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await callAs(dave, `/insights/${insight.id}`)).status).toBe(404);
      expect((await callAs(dave, `/insights/${insight.id}`, { method: 'DELETE' })).status).toBe(404);
      const trash = await jsonOf<Page<Insight>>(await callAs(dave, '/trash'), 200);
      expect(trash.items.map((i) => i.id)).toEqual([insight.id]);
      expect(trash.items[0].deletedAt).not.toBeNull();
      expect((await jsonOf<Page<Insight>>(await callAs(dave, '/insights'), 200)).items).toEqual([]);

      const restoring = await callAs(dave, `/insights/${insight.id}/restore`, { method: 'POST' });
      expect(await jsonOf<Insight>(restoring, 200)).toMatchObject({ deletedAt: null, version: 3 });
      expect(restoring.headers.get('etag')).toBe('"3"');
      expect((await callAs(dave, `/insights/${insight.id}/restore`, { method: 'POST' })).status).toBe(404);

      await callAs(dave, `/insights/${insight.id}`, { method: 'DELETE' });
      expect((await callAs(dave, `/trash/${insight.id}`, { method: 'DELETE' })).status).toBe(204);
      expect(await storedInsightsOf(dave)).toEqual([]);
      expect((await callAs(dave, `/trash/${insight.id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await callAs(dave, `/jobs/graph-sync.${insight.id}-purged`)).status).toBe(200);
    });

    it('pages the trash, most recently deleted first', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const insight = await createInsight(dave, { title: `Bin ${i}` });
        await callAs(dave, `/insights/${insight.id}`, { method: 'DELETE' });
        ids.push(insight.id);
      }
      const first = await jsonOf<Page<Insight>>(await callAs(dave, '/trash?limit=2'), 200);
      const second = await jsonOf<Page<Insight>>(
        await callAs(dave, `/trash?limit=2&cursor=${first.nextCursor}`),
        200,
      );
      expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...ids].reverse());
      expect(second.nextCursor).toBeNull();
    });
  });

  describe('bad input answers problem+json with the field, and stores nothing', () => {
    let erin: TestUser;
    let existing: Insight;

    beforeAll(async () => {
      erin = await createUser();
      existing = await createInsight(erin, { title: 'Untouched', tags: ['keep'] });
    });

    async function expectRefused(
      send: () => Promise<Response>,
      status: number,
      check: (problem: Awaited<ReturnType<typeof problemOf>>) => void,
    ): Promise<void> {
      const before = await storedInsightsOf(erin);
      const response = await send();
      expect(response.status).toBe(status);
      check(await problemOf(response));
      expect(await storedInsightsOf(erin)).toEqual(before);
    }

    it('refuses an unknown field (400)', () =>
      expectRefused(
        () => callAs(erin, '/insights', { method: 'POST', body: { title: 'x', owner: 'someone-else' } }),
        400,
        (problem) => expect(problem.errors).toEqual({ owner: ['is not an accepted field'] }),
      ));

    it('refuses a wrong type (400)', () =>
      expectRefused(
        () =>
          callAs(erin, `/insights/${existing.id}`, {
            method: 'PATCH',
            body: { favorite: 'yes', tags: 'keep' },
          }),
        400,
        (problem) => expect(Object.keys(problem.errors ?? {}).sort()).toEqual(['favorite', 'tags']),
      ));

    it('refuses null for a field that cannot be empty (400)', () =>
      expectRefused(
        () => callAs(erin, `/insights/${existing.id}`, { method: 'PATCH', body: { title: null } }),
        400,
        (problem) => expect(Object.keys(problem.errors ?? {})).toEqual(['title']),
      ));

    it('refuses malformed JSON (400)', () =>
      expectRefused(
        () => callAs(erin, '/insights', { method: 'POST', body: '{"title": "x",' }),
        400,
        (problem) => expect(problem.detail).toBe('The body is not valid JSON.'),
      ));

    it('refuses content over 100,000 characters and too many or too long tags (400)', () =>
      expectRefused(
        () =>
          callAs(erin, '/insights', {
            method: 'POST',
            body: {
              title: 'x',
              content: 'y'.repeat(100_001),
              tags: Array.from({ length: 51 }, (_, i) => `t${i}`),
            },
          }),
        400,
        (problem) => expect(Object.keys(problem.errors ?? {}).sort()).toEqual(['content', 'tags']),
      ));

    it('answers 404 for ids that are not ids, on every route that takes one', async () => {
      for (const id of ['nope', '123', "6'); drop", '%7B%22%24gt%22%3A%22%22%7D', 'a'.repeat(24)]) {
        for (const [method, path] of [
          ['GET', `/insights/${id}`],
          ['PATCH', `/insights/${id}`],
          ['DELETE', `/insights/${id}`],
          ['POST', `/insights/${id}/restore`],
          ['DELETE', `/trash/${id}`],
        ] as const) {
          await expectRefused(
            () => callAs(erin, path, { method, ...(method === 'PATCH' ? { body: { title: 'x' } } : {}) }),
            404,
            (problem) => expect(problem.title).toBe('Not Found'),
          );
        }
      }
    });

    it('answers 401 without a token', async () => {
      const response = await callAs(null, '/insights');
      expect(response.status).toBe(401);
      await problemOf(response);
    });
  });

  describe('OpenAPI', () => {
    interface Operation {
      responses: Record<string, unknown>;
    }

    it('documents every insight, trash, category and tag operation with its error statuses', async () => {
      const doc = (await (await fetch(`${API_URL}/api/docs-json`)).json()) as {
        paths: Record<string, Record<string, Operation>>;
      };
      const statuses = (path: string, method: string) =>
        Object.keys(doc.paths[path]?.[method]?.responses ?? {}).sort();
      expect(statuses('/api/v1/insights', 'get')).toEqual(['200', '400', '401']);
      expect(statuses('/api/v1/insights', 'post')).toEqual(['201', '400', '401', '413', '429']);
      expect(statuses('/api/v1/insights/{id}', 'get')).toEqual(['200', '401', '404']);
      expect(statuses('/api/v1/insights/{id}', 'patch')).toEqual([
        '200',
        '400',
        '401',
        '404',
        '409',
        '412',
        '413',
        '429',
      ]);
      expect(statuses('/api/v1/insights/{id}', 'delete')).toEqual(['204', '401', '404', '409', '429']);
      expect(statuses('/api/v1/insights/{id}/restore', 'post')).toEqual(['200', '401', '404', '409', '429']);
      expect(statuses('/api/v1/trash', 'get')).toEqual(['200', '400', '401']);
      expect(statuses('/api/v1/trash/{id}', 'delete')).toEqual(['204', '401', '404', '429']);
      expect(statuses('/api/v1/categories', 'post')).toEqual(['201', '400', '401', '409', '413', '429']);
      expect(statuses('/api/v1/categories/{id}', 'patch')).toEqual([
        '200',
        '400',
        '401',
        '404',
        '409',
        '413',
        '429',
      ]);
      expect(statuses('/api/v1/categories/{id}', 'delete')).toEqual(['204', '401', '404', '429']);
      expect(statuses('/api/v1/tags', 'get')).toEqual(['200', '401']);
      expect(statuses('/api/v1/tags/{name}', 'patch')).toEqual(['200', '400', '401', '404', '413', '429']);
      expect(statuses('/api/v1/tags/{name}', 'delete')).toEqual(['200', '401', '404', '429']);
    });
  });
});
