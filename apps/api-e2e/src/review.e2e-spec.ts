import { type Connection, Types } from 'mongoose';
import type { Category, Insight, ReviewOptOuts, ReviewQueue, ReviewState } from '@insight/contracts';
import { settled } from './support/analysis';
import { E2E_REVIEW_DAILY_LIMIT } from './support/apps';
import { openDatabase } from './support/database';
import { callAs, createCategory, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;

describe('review and resurfacing', () => {
  let db: Connection;

  const queueOf = async (user: TestUser) => jsonOf<ReviewQueue>(await callAs(user, '/review'), 200);
  const dueIds = async (user: TestUser) => (await queueOf(user)).due.map((item) => item.insight.id);
  const stateOf = async (user: TestUser, id: string) =>
    jsonOf<ReviewState>(await callAs(user, `/review/${id}`), 200);
  const grade = async (user: TestUser, id: string, value: string) =>
    jsonOf<ReviewState>(await callAs(user, `/review/${id}`, { method: 'POST', body: { grade: value } }), 200);
  /** Set-up: makes the insight due `daysAgo` days ago (scheduling it first through the API). */
  const makeDue = async (user: TestUser, insight: Insight, daysAgo = 1) => {
    await stateOf(user, insight.id);
    await db
      .collection('review_states')
      .updateOne(
        { _id: new Types.ObjectId(insight.id) },
        { $set: { dueAt: new Date(Date.now() - daysAgo * DAY) } },
      );
  };
  /** Set-up: pretends the insight was written at `when`. */
  const writtenAt = (insight: Insight, when: Date) =>
    db
      .collection('insights')
      .updateOne({ _id: new Types.ObjectId(insight.id) }, { $set: { createdAt: when } });

  beforeAll(async () => {
    db = await openDatabase();
  });

  afterAll(() => db.close());

  it('schedules a new insight for review the day after it was written', async () => {
    const user = await createUser();
    const insight = await createInsight(user, { title: 'Fresh thought' });
    expect(await dueIds(user)).toEqual([]);
    const state = await stateOf(user, insight.id);
    expect(Date.parse(state.dueAt) - Date.parse(insight.createdAt)).toBeGreaterThanOrEqual(DAY - 1000);
    expect(Date.parse(state.dueAt) - Date.parse(insight.createdAt)).toBeLessThan(DAY + 60_000);
    expect(state).toMatchObject({
      insightId: insight.id,
      reps: 0,
      lapses: 0,
      lastReviewedAt: null,
      optedOut: false,
    });
  });

  it('lists what is due and moves it out of today when graded', async () => {
    const user = await createUser();
    const insight = await createInsight(user, { title: 'Due one' });
    await makeDue(user, insight);
    expect(await dueIds(user)).toEqual([insight.id]);

    const graded = await grade(user, insight.id, 'good');
    expect(graded.reps).toBe(1);
    expect(graded.lastReviewedAt).not.toBeNull();
    expect(Date.parse(graded.dueAt)).toBeGreaterThan(Date.now() + DAY / 2);
    expect(graded.intervalDays).toBeGreaterThanOrEqual(1);
    expect(await dueIds(user)).toEqual([]);
    expect(await stateOf(user, insight.id)).toEqual(graded);
  });

  it('schedules an easy insight further out than a hard one, and a forgotten one soonest', async () => {
    const user = await createUser();
    const intervals: Record<string, number> = {};
    for (const value of ['again', 'hard', 'easy']) {
      const insight = await createInsight(user, { title: `Graded ${value}` });
      await makeDue(user, insight);
      intervals[value] = Date.parse((await grade(user, insight.id, value)).dueAt);
    }
    expect(intervals['again']).toBeLessThan(intervals['hard']);
    expect(intervals['hard']).toBeLessThan(intervals['easy']);
  });

  it('caps the due list and mixes it across categories', async () => {
    const user = await createUser();
    const [busy, quiet] = [
      await createCategory(user, { name: 'Busy', colour: '#111111', icon: 'work' }),
      await createCategory(user, { name: 'Quiet', colour: '#222222', icon: 'spa' }),
    ];
    const quietOnes: Insight[] = [];
    for (let i = 0; i < 6; i++) {
      // The busy category's insights are the most overdue: without mixing they would fill the list.
      await makeDue(user, await createInsight(user, { title: `Busy ${i}`, categoryId: busy.id }), 10 + i);
    }
    for (let i = 0; i < 2; i++) {
      const insight = await createInsight(user, { title: `Quiet ${i}`, categoryId: quiet.id });
      quietOnes.push(insight);
      await makeDue(user, insight, 1);
    }
    const { due } = await queueOf(user);
    expect(due).toHaveLength(E2E_REVIEW_DAILY_LIMIT);
    expect(
      due
        .filter((item) => item.insight.categoryId === quiet.id)
        .map((item) => item.insight.id)
        .sort(),
    ).toEqual(quietOnes.map((insight) => insight.id).sort());
  });

  it('leaves out opted-out insights and categories, and brings them back', async () => {
    const user = await createUser();
    const category = await createCategory(user, { name: 'Private', colour: '#333333', icon: 'lock' });
    const [own, filed, other] = [
      await createInsight(user, { title: 'Opted out' }),
      await createInsight(user, { title: 'In a quiet category', categoryId: category.id }),
      await createInsight(user, { title: 'Still reviewed' }),
    ];
    for (const insight of [own, filed, other]) await makeDue(user, insight);

    const optedOut = await jsonOf<ReviewState>(
      await callAs(user, `/review/${own.id}/opt-out`, { method: 'PUT' }),
      200,
    );
    expect(optedOut.optedOut).toBe(true);
    expect((await callAs(user, `/review/categories/${category.id}/opt-out`, { method: 'PUT' })).status).toBe(
      204,
    );
    expect(await jsonOf<ReviewOptOuts>(await callAs(user, '/review/opt-outs'), 200)).toEqual({
      categoryIds: [category.id],
    });
    expect(await dueIds(user)).toEqual([other.id]);

    await jsonOf<ReviewState>(await callAs(user, `/review/${own.id}/opt-out`, { method: 'DELETE' }), 200);
    expect(
      (await callAs(user, `/review/categories/${category.id}/opt-out`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await dueIds(user)).sort()).toEqual([own.id, filed.id, other.id].sort());
  });

  it('shows insights from this month and day in earlier years, never trashed ones', async () => {
    const user = await createUser();
    const now = new Date();
    const twoYearsAgo = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), now.getUTCDate(), 12));
    const otherDay = new Date(twoYearsAgo.getTime() - 3 * DAY);
    const [memory, notToday, trashed] = [
      await createInsight(user, { title: 'Two years ago today' }),
      await createInsight(user, { title: 'Three days off' }),
      await createInsight(user, { title: 'Binned memory' }),
    ];
    await settled(user, [memory, notToday, trashed]);
    await writtenAt(memory, twoYearsAgo);
    await writtenAt(notToday, otherDay);
    await writtenAt(trashed, twoYearsAgo);
    expect((await callAs(user, `/insights/${trashed.id}`, { method: 'DELETE' })).status).toBe(204);

    const { onThisDay } = await queueOf(user);
    expect(onThisDay.map((item) => [item.insight.id, item.yearsAgo])).toEqual([[memory.id, 2]]);
  });

  it('never shows a trashed insight as due, and refuses to grade it', async () => {
    const user = await createUser();
    const insight = await createInsight(user, { title: 'Due then binned' });
    await makeDue(user, insight);
    expect((await callAs(user, `/insights/${insight.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await dueIds(user)).toEqual([]);
    expect(
      (await callAs(user, `/review/${insight.id}`, { method: 'POST', body: { grade: 'good' } })).status,
    ).toBe(404);
  });

  it("answers 404 for another user's insight or category and 400 for a bad grade", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const insight = await createInsight(alice, { title: 'Alice only' });
    const category: Category = await createCategory(alice, {
      name: 'Alice cat',
      colour: '#444444',
      icon: 'pets',
    });
    for (const [method, path, body] of [
      ['GET', `/review/${insight.id}`],
      ['POST', `/review/${insight.id}`, { grade: 'good' }],
      ['PUT', `/review/${insight.id}/opt-out`],
      ['PUT', `/review/categories/${category.id}/opt-out`],
      ['GET', '/review/not-an-id'],
    ] as const) {
      const response = await callAs(bob, path, { method, body });
      expect(response.status).toBe(404);
      await problemOf(response);
    }
    const bad = await callAs(alice, `/review/${insight.id}`, { method: 'POST', body: { grade: 'perfect' } });
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors).toHaveProperty('grade');
  });
});
