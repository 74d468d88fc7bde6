import type { Insight, TagCount, TagDeleteResult, TagRenameResult } from '@insight/contracts';
import { callAs, createInsight, getInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

describe('tags', () => {
  let gina: TestUser;
  let rust: Insight;
  let both: Insight;
  let go: Insight;

  beforeAll(async () => {
    gina = await createUser();
    rust = await createInsight(gina, { title: 'Ownership', tags: ['Rust', 'memory'] });
    both = await createInsight(gina, { title: 'Compare', tags: ['rust', 'golang', 'memory'] });
    go = await createInsight(gina, { title: 'Goroutines', tags: ['golang'] });
    const binned = await createInsight(gina, { title: 'Old', tags: ['memory', 'legacy'] });
    await callAs(gina, `/insights/${binned.id}`, { method: 'DELETE' });
  });

  const tagsOf = async (user: TestUser) => jsonOf<TagCount[]>(await callAs(user, '/tags'), 200);

  it('lists your tags with counts of insights outside the trash, most used first', async () => {
    expect(await tagsOf(gina)).toEqual([
      { name: 'golang', count: 2 },
      { name: 'memory', count: 2 },
      { name: 'rust', count: 2 },
    ]);
  });

  it('renames a tag everywhere (the URL name is normalised too) and bumps versions', async () => {
    const response = await callAs(gina, '/tags/MEMORY', {
      method: 'PATCH',
      body: { name: ' Memory Safety ' },
    });
    expect(await jsonOf<TagRenameResult>(response, 200)).toEqual({
      from: 'memory',
      to: 'memory safety',
      merged: false,
      insightsChanged: 3,
    });
    expect(await getInsight(gina, rust.id)).toMatchObject({ tags: ['rust', 'memory safety'], version: 3 });
    expect((await getInsight(gina, go.id)).version).toBe(1);
  });

  it('merges into an existing tag and answers what it merged', async () => {
    const response = await callAs(gina, '/tags/golang', { method: 'PATCH', body: { name: 'rust' } });
    expect(await jsonOf<TagRenameResult>(response, 200)).toEqual({
      from: 'golang',
      to: 'rust',
      merged: true,
      insightsChanged: 2,
    });
    expect((await getInsight(gina, both.id)).tags).toEqual(['rust', 'memory safety']);
    expect((await getInsight(gina, go.id)).tags).toEqual(['rust']);
    expect(await tagsOf(gina)).toEqual([
      { name: 'rust', count: 3 },
      { name: 'memory safety', count: 2 },
    ]);
  });

  it('deletes a tag from every insight', async () => {
    const response = await callAs(gina, `/tags/${encodeURIComponent('memory safety')}`, { method: 'DELETE' });
    expect(await jsonOf<TagDeleteResult>(response, 200)).toEqual({
      name: 'memory safety',
      insightsChanged: 3,
    });
    expect((await getInsight(gina, rust.id)).tags).toEqual(['rust']);
    expect(await tagsOf(gina)).toEqual([{ name: 'rust', count: 3 }]);
  });

  it('answers 404 for a tag none of your insights carries', async () => {
    for (const [method, body] of [['PATCH', { name: 'x' }], ['DELETE']] as const) {
      const response = await callAs(gina, '/tags/never-used', { method, body });
      expect(response.status).toBe(404);
      await problemOf(response);
    }
  });

  it('refuses an empty or too long new name, naming the field', async () => {
    for (const name of ['   ', 'x'.repeat(65)]) {
      const response = await callAs(gina, '/tags/rust', { method: 'PATCH', body: { name } });
      expect(response.status).toBe(400);
      expect(Object.keys((await problemOf(response)).errors ?? {})).toEqual(['name']);
    }
    expect(await tagsOf(gina)).toEqual([{ name: 'rust', count: 3 }]);
  });
});
