import { type Connection, Types } from 'mongoose';
import type { Category, Insight, Page, TagCount } from '@insight/contracts';
import { documentsOf, openDatabase } from './support/database';
import {
  callAs,
  createCategory,
  createInsight,
  jsonOf,
  problemOf,
  type Sent,
} from './support/insights-client';
import { createUser, type TestUser } from './support/users';

/**
 * Two users; every insight, trash, category and tag endpoint called by the second with the
 * first one's ids answers 404, lists and counts never show the first one's data, and the
 * first one's documents are byte-for-byte unchanged afterwards.
 */
describe('authorization matrix: another user’s resources are not found', () => {
  let db: Connection;
  let owner: TestUser;
  let intruder: TestUser;
  let active: Insight;
  let trashed: Insight;
  let category: Category;
  let snapshot: { insights: unknown[]; categories: unknown[] };

  const ownerData = async () => {
    const userId = new Types.ObjectId(owner.user.id);
    return {
      insights: await documentsOf(db, 'insights', { userId }),
      categories: await documentsOf(db, 'categories', { userId }),
    };
  };

  beforeAll(async () => {
    db = await openDatabase();
    [owner, intruder] = await Promise.all([createUser(), createUser()]);
    category = await createCategory(owner, { name: 'Secret plans', colour: '#ff0000', icon: 'lock' });
    active = await createInsight(owner, {
      title: 'Owner only',
      tags: ['private-tag'],
      categoryId: category.id,
    });
    trashed = await createInsight(owner, { title: 'Owner trash', tags: ['private-tag'] });
    expect((await callAs(owner, `/insights/${trashed.id}`, { method: 'DELETE' })).status).toBe(204);
    // The intruder has data of their own, with the same tag name, so nothing is "empty by accident".
    await createInsight(intruder, { title: 'Intruder', tags: ['private-tag'] });
    snapshot = await ownerData();
  });

  afterAll(() => db.close());

  const cases = (): [string, string, Sent?][] => [
    ['GET', `/insights/${active.id}`],
    ['PATCH', `/insights/${active.id}`, { body: { title: 'Hijacked' } }],
    [
      'PATCH',
      `/insights/${active.id}`,
      { body: { title: 'Hijacked' }, headers: { 'if-match': `"${active.version}"` } },
    ],
    ['DELETE', `/insights/${active.id}`],
    ['POST', `/insights/${active.id}/restore`],
    ['POST', `/insights/${trashed.id}/restore`],
    ['GET', `/insights/${trashed.id}`],
    ['DELETE', `/trash/${trashed.id}`],
    ['DELETE', `/trash/${active.id}`],
    ['GET', `/categories/${category.id}`],
    ['PATCH', `/categories/${category.id}`, { body: { name: 'Mine now' } }],
    ['DELETE', `/categories/${category.id}`],
    ['PATCH', '/tags/secret-only', { body: { name: 'exposed' } }],
    ['DELETE', '/tags/secret-only'],
  ];

  it('answers 404 to every endpoint called with the other user’s ids, changing nothing', async () => {
    // A tag only the owner has: renaming or deleting it as the intruder must find nothing.
    await jsonOf(
      await callAs(owner, `/insights/${active.id}`, {
        method: 'PATCH',
        body: { tags: ['private-tag', 'secret-only'] },
      }),
      200,
    );
    snapshot = await ownerData();
    for (const [method, path, sent] of cases()) {
      const response = await callAs(intruder, path, { method, ...sent });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect((await problemOf(response)).title).toBe('Not Found');
    }
    expect(await ownerData()).toEqual(snapshot);
  });

  it('refuses the other user’s category in a body with a field error, changing nothing', async () => {
    const own = await createInsight(intruder, { title: 'Mine' });
    for (const [method, path] of [
      ['POST', '/insights'],
      ['PATCH', `/insights/${own.id}`],
    ] as const) {
      const response = await callAs(intruder, path, {
        method,
        body: { title: 'x', categoryId: category.id },
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toEqual({ categoryId: ['is not one of your categories'] });
    }
    expect((await callAs(intruder, `/insights/${own.id}`)).status).toBe(200);
    expect(await ownerData()).toEqual(snapshot);
  });

  it('never lists or counts the other user’s data', async () => {
    const insights = await jsonOf<Page<Insight>>(await callAs(intruder, '/insights?limit=100'), 200);
    const filtered = await jsonOf<Page<Insight>>(
      await callAs(intruder, `/insights?categoryId=${category.id}`),
      200,
    );
    const trash = await jsonOf<Page<Insight>>(await callAs(intruder, '/trash'), 200);
    const categories = await jsonOf<Category[]>(await callAs(intruder, '/categories'), 200);
    const tags = await jsonOf<TagCount[]>(await callAs(intruder, '/tags'), 200);
    const ownerIds = [active.id, trashed.id, category.id];
    for (const listed of [...insights.items, ...filtered.items, ...trash.items, ...categories]) {
      expect(ownerIds).not.toContain(listed.id);
    }
    expect(filtered.items).toEqual([]);
    expect(tags).toEqual([{ name: 'private-tag', count: 1 }]);
    expect(await ownerData()).toEqual(snapshot);
  });

  it('still serves the owner everything afterwards', async () => {
    expect((await jsonOf<Insight>(await callAs(owner, `/insights/${active.id}`), 200)).title).toBe(
      'Owner only',
    );
    expect((await jsonOf<Page<Insight>>(await callAs(owner, '/trash'), 200)).items.map((i) => i.id)).toEqual([
      trashed.id,
    ]);
    expect((await callAs(owner, `/categories/${category.id}`)).status).toBe(200);
  });

  it('answers 401 on every route without a token', async () => {
    for (const [method, path] of [
      ['GET', '/insights'],
      ['POST', '/insights'],
      ['GET', `/insights/${active.id}`],
      ['GET', '/trash'],
      ['GET', '/categories'],
      ['GET', '/tags'],
    ] as const) {
      const response = await callAs(null, path, {
        method,
        ...(method === 'POST' ? { body: { title: 'x' } } : {}),
      });
      expect(response.status).toBe(401);
    }
    expect(await ownerData()).toEqual(snapshot);
  });
});
