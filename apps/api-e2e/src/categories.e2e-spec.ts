import { type Connection, Types } from 'mongoose';
import type { Category, Insight } from '@insight/contracts';
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

describe('categories', () => {
  let db: Connection;
  let frank: TestUser;

  beforeAll(async () => {
    db = await openDatabase();
    frank = await createUser();
  });

  afterAll(() => db.close());

  const storedCategoriesOf = (user: TestUser) =>
    documentsOf(db, 'categories', { userId: new Types.ObjectId(user.user.id) });

  it('gives a new account Work, Personal, Ideas and Tasks, with colour and icon', async () => {
    const categories = await jsonOf<Category[]>(await callAs(frank, '/categories'), 200);
    expect(categories.map(({ name, colour, icon }) => ({ name, colour, icon }))).toEqual([
      { name: 'Ideas', colour: '#f59e0b', icon: 'lightbulb' },
      { name: 'Personal', colour: '#16a34a', icon: 'person' },
      { name: 'Tasks', colour: '#9333ea', icon: 'task_alt' },
      { name: 'Work', colour: '#2563eb', icon: 'work' },
    ]);
  });

  it('creates a category (201 + Location) and reads it back', async () => {
    const response = await callAs(frank, '/categories', {
      method: 'POST',
      body: { name: ' Books ', colour: '#A0B0C0', icon: 'menu_book' },
    });
    const category = await jsonOf<Category>(response, 201);
    expect(response.headers.get('location')).toBe(`/api/v1/categories/${category.id}`);
    expect(category).toMatchObject({ name: 'Books', colour: '#a0b0c0', icon: 'menu_book' });
    expect(await jsonOf<Category>(await callAs(frank, `/categories/${category.id}`), 200)).toEqual(category);
  });

  it('refuses a second category of the same name in any case with 409, naming the field', async () => {
    const before = await storedCategoriesOf(frank);
    const response = await callAs(frank, '/categories', {
      method: 'POST',
      body: { name: 'WORK', colour: '#000000', icon: 'x' },
    });
    expect(response.status).toBe(409);
    expect(Object.keys((await problemOf(response)).errors ?? {})).toEqual(['name']);
    expect(await storedCategoriesOf(frank)).toEqual(before);
  });

  it('renames and restyles, refusing a rename onto another category with 409', async () => {
    const music = await createCategory(frank, { name: 'Music', colour: '#111111', icon: 'music_note' });
    const renamed = await jsonOf<Category>(
      await callAs(frank, `/categories/${music.id}`, {
        method: 'PATCH',
        body: { name: 'Songs', colour: '#222222' },
      }),
      200,
    );
    expect(renamed).toMatchObject({ name: 'Songs', colour: '#222222', icon: 'music_note' });
    const clash = await callAs(frank, `/categories/${music.id}`, {
      method: 'PATCH',
      body: { name: 'ideas' },
    });
    expect(clash.status).toBe(409);
    await problemOf(clash);
    // Changing only the case of its own name is not a clash.
    const recased = await callAs(frank, `/categories/${music.id}`, {
      method: 'PATCH',
      body: { name: 'SONGS' },
    });
    expect((await jsonOf<Category>(recased, 200)).name).toBe('SONGS');
  });

  it('refuses a colour that is not #rrggbb and an icon that is not a name, naming both', async () => {
    const response = await callAs(frank, '/categories', {
      method: 'POST',
      body: { name: 'Bad', colour: 'red', icon: '<svg onload=alert(1)>' },
    });
    expect(response.status).toBe(400);
    expect(Object.keys((await problemOf(response)).errors ?? {}).sort()).toEqual(['colour', 'icon']);
  });

  it('deleting a category uncategorises its insights (trashed ones too) and bumps their versions', async () => {
    const travel = await createCategory(frank, { name: 'Travel', colour: '#333333', icon: 'flight' });
    const kept = await createInsight(frank, { title: 'Kept', categoryId: travel.id });
    const binned = await createInsight(frank, { title: 'Binned', categoryId: travel.id });
    const elsewhere = await createInsight(frank, { title: 'Elsewhere' });
    await callAs(frank, `/insights/${binned.id}`, { method: 'DELETE' });

    expect((await callAs(frank, `/categories/${travel.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await callAs(frank, `/categories/${travel.id}`)).status).toBe(404);
    expect(await getInsight(frank, kept.id)).toMatchObject({ categoryId: null, version: 2 });
    const stored = (await documentsOf(db, 'insights', { _id: new Types.ObjectId(binned.id) })) as Insight[];
    expect(stored[0]).toMatchObject({ categoryId: null, version: 3 });
    expect(await getInsight(frank, elsewhere.id)).toMatchObject({ version: 1 });
    expect((await callAs(frank, `/jobs/graph-sync.${kept.id}-v2`)).status).toBe(200);
  });

  it('answers 404 for a category id that is not an id', async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
      const response = await callAs(frank, '/categories/not-an-id', { method, body });
      expect(response.status).toBe(404);
      await problemOf(response);
    }
  });
});
