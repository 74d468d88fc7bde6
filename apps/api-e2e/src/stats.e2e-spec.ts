import type { DashboardStats } from '@insight/contracts';
import { createRelationship } from './support/graph';
import { callAs, createCategory, createInsight, jsonOf } from './support/insights-client';
import { createUser } from './support/users';

describe('dashboard statistics (GET /stats)', () => {
  it("counts the caller's insights by week, category, tag, link type and status", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const work = await createCategory(alice, { name: 'Deep work', colour: '#0ea5e9', icon: 'work' });
    const a = await createInsight(alice, {
      title: 'A',
      tags: ['focus', 'habit'],
      categoryId: work.id,
      favorite: true,
    });
    const b = await createInsight(alice, { title: 'B', tags: ['focus'], categoryId: work.id });
    const c = await createInsight(alice, { title: 'C', tags: ['habit', 'focus'] });
    const binned = await createInsight(alice, { title: 'Binned', tags: ['focus'] });
    expect((await callAs(alice, `/insights/${binned.id}`, { method: 'DELETE' })).status).toBe(204);
    await createRelationship(alice, { sourceId: a.id, targetId: b.id, type: 'supports' });
    await createRelationship(alice, { sourceId: b.id, targetId: c.id, type: 'related' });
    await createInsight(bob, { title: 'Not Alice', tags: ['focus'] });

    const stats = await jsonOf<DashboardStats>(await callAs(alice, '/stats'), 200);
    expect(stats.totals).toEqual({ insights: 3, trashed: 1, favorites: 1, relationships: 2 });
    expect(stats.topTags).toEqual([
      { key: 'focus', count: 3 },
      { key: 'habit', count: 2 },
    ]);
    expect(stats.byCategory).toEqual([
      { categoryId: work.id, name: 'Deep work', count: 2 },
      { categoryId: null, name: null, count: 1 },
    ]);
    expect(stats.relationshipTypes.map((entry) => entry.count).reduce((x, y) => x + y, 0)).toBe(2);
    expect(Object.values(stats.processingStatus).reduce((x, y) => x + y, 0)).toBe(3);
    expect(stats.insightsPerWeek).toHaveLength(12);
    expect(stats.insightsPerWeek[11].count).toBe(3);
    expect(new Date(stats.insightsPerWeek[11].weekStart).getUTCDay()).toBe(1);
    expect(Date.now() - Date.parse(stats.generatedAt)).toBeLessThan(60_000);
  });

  it('needs a signed-in caller', async () => {
    expect((await callAs(null, '/stats')).status).toBe(401);
  });
});
