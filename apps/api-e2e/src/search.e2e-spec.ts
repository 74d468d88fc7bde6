import type { Insight, SearchResults } from '@insight/contracts';
import { createRelationship, edgesProjected, projected } from './support/graph';
import { callAs, createCategory, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

jest.setTimeout(90_000);

describe('search', () => {
  let alice: TestUser;
  let bob: TestUser;
  const ins: Record<string, Insight> = {};

  const search = async (user: TestUser, q: string, extra = ''): Promise<SearchResults> =>
    jsonOf<SearchResults>(await callAs(user, `/search?q=${encodeURIComponent(q)}${extra}`), 200);
  const titles = (results: SearchResults) => results.items.map((item) => item.insight.title);

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    const engineering = await createCategory(alice, {
      name: 'Engineering',
      colour: '#0f766e',
      icon: 'build',
    });
    ins['caching'] = await createInsight(alice, {
      title: 'Caching cuts latency',
      content: 'A warm cache answers fast. Invalidation stays the hard part.',
      tags: ['performance', 'web'],
      categoryId: engineering.id,
    });
    ins['budgets'] = await createInsight(alice, {
      title: 'Budgets for every hop',
      content: 'Each network hop adds latency; give every hop a budget.',
      tags: ['performance'],
      favorite: true,
    });
    ins['markup'] = await createInsight(alice, {
      title: 'Escaping <b>markup</b> & friends',
      content: 'html',
    });
    ins['trashed'] = await createInsight(alice, { title: 'Latency notes in the trash' });
    expect((await callAs(alice, `/insights/${ins['trashed'].id}`, { method: 'DELETE' })).status).toBe(204);
    ins['bob'] = await createInsight(bob, { title: 'Latency secrets of bob', tags: ['performance'] });
    const link = await createRelationship(alice, {
      sourceId: ins['caching'].id,
      targetId: ins['budgets'].id,
      type: 'supports',
    });
    await projected(alice, [ins['caching'], ins['budgets'], ins['markup'], ins['trashed']]);
    await projected(bob, [ins['bob']]);
    await edgesProjected(alice, [link]);
  });

  it('ranks the title match first and answers each result with a score and highlighted snippets', async () => {
    const results = await search(alice, 'latency ');
    expect(titles(results)).toEqual(['Caching cuts latency', 'Budgets for every hop']);
    const [first, second] = results.items;
    expect(first.score).toBeGreaterThan(second.score);
    expect(first.highlights.title).toBe('Caching cuts <mark>latency</mark>');
    expect(second.highlights.content).toBe(
      'Each network hop adds <mark>latency</mark>; give every hop a budget.',
    );
    expect(first.insight).toMatchObject({ id: ins['caching'].id, tags: ['performance', 'web'], version: 1 });
  });

  it('forgives one typo and matches the word being typed as a prefix', async () => {
    expect(titles(await search(alice, 'latensy '))).toContain('Caching cuts latency');
    expect(titles(await search(alice, 'invalid'))).toEqual(['Caching cuts latency']);
    expect(titles(await search(alice, 'invalid '))).toEqual([]); // a finished word is not a prefix
  });

  it('matches exact phrases only in that order', async () => {
    expect(titles(await search(alice, '"warm cache"'))).toEqual(['Caching cuts latency']);
    expect(titles(await search(alice, '"cache warm"'))).toEqual([]);
  });

  it.each([
    ['tag:web', ['Caching cuts latency']],
    ['tag:performance latency', ['Caching cuts latency', 'Budgets for every hop']],
    ['category:engineering', ['Caching cuts latency']],
    ['is:favorite', ['Budgets for every hop']],
    ['type:supported_by', ['Budgets for every hop', 'Caching cuts latency']],
    ['after:2000-01-01 before:2999-01-01 tag:web', ['Caching cuts latency']],
    ['before:2000-01-01 latency', []],
  ])('filters: %s', async (q, expected) => {
    expect(titles(await search(alice, q)).sort()).toEqual([...expected].sort());
  });

  it("never shows another user's insights or the trash", async () => {
    expect(titles(await search(alice, 'secrets'))).toEqual([]);
    expect(titles(await search(alice, 'tag:performance'))).not.toContain('Latency secrets of bob');
    expect(titles(await search(bob, 'latency'))).toEqual(['Latency secrets of bob']);
    expect(titles(await search(alice, 'notes'))).toEqual([]); // in the trash
  });

  it('escapes stored markup in highlights before marking matches', async () => {
    const [hit] = (await search(alice, 'markup ')).items;
    expect(hit.highlights.title).toBe('Escaping &lt;b&gt;<mark>markup</mark>&lt;/b&gt; &amp; friends');
  });

  it.each([
    'cache AND',
    'OR cache',
    'cache) OR (x',
    'title:cache',
    'cache~2',
    'cach*',
    '+cache -latency',
    '"unbalanced quote',
    'cache\\',
    '/regex/',
    '[a TO z]',
    '{!lucene}',
    "'}) MATCH (n) DETACH DELETE n //",
  ])('searches Lucene syntax as text and never errors: %s', async (q) => {
    const response = await callAs(alice, `/search?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
  });

  it.each(['', '   ', '+-&&||!(){}[]^~*?:\\/', '""'])(
    'refuses the empty or operator-only query %p with a reason for q',
    async (q) => {
      const response = await callAs(alice, `/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.errors?.['q']?.[0]).toMatch(/nothing to search for/);
    },
  );

  it('refuses invalid filters and parameters with field errors', async () => {
    for (const [query, field] of [
      ['q=type:friends', 'q'],
      ['q=before:yesterday', 'q'],
      ['q=is:urgent', 'q'],
      ['', 'q'],
      ['q=cache&limit=51', 'limit'],
      ['q=cache&cursor=nope', 'cursor'],
    ]) {
      const response = await callAs(alice, `/search?${query}`);
      expect(response.status).toBe(400);
      expect(Object.keys((await problemOf(response)).errors ?? {})).toEqual([field]);
    }
  });

  it('pages with an opaque cursor that only continues the same query', async () => {
    const first = await search(alice, 'performance', '&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search(alice, 'performance', `&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].insight.id).not.toBe(first.items[0].insight.id);
    expect(second.nextCursor).toBeNull();
    const foreign = await callAs(alice, `/search?q=latency&cursor=${first.nextCursor}`);
    expect(foreign.status).toBe(400);
  });
});
