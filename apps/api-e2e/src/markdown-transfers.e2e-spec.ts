import { fromBufferPromise } from 'yauzl';
import type { Category, DataTransfer, Insight, RelationshipFromInsight } from '@insight/contracts';
import { callAs, createCategory, createInsight, jsonOf } from './support/insights-client';
import { importZip, insightsOf, waitFor, zipOf } from './support/transfers';
import { createUser, type TestUser } from './support/users';

const VAULT = {
  'Ideas/Caching.md': [
    '---',
    'tags: [performance, "Web Cache"]',
    'created: 2025-03-01T10:00:00Z',
    'favorite: true',
    '---',
    'Caching hides #latency until it does not.',
    'See [[Latency]] and supports::[[Batching|batch it]].',
    'Also [[Ideas/Deep/Latency#Numbers|the numbers]].',
    '```',
    'not a link: [[Nowhere in code]] #notatag',
    '```',
  ].join('\n'),
  'Ideas/Deep/Latency.md': '# Latency\n\nTail latency matters. contradicts:: [[Caching]]\n',
  'Batching.md': 'Group writes together. #writes #performance\n',
  'Broken yaml.md': '---\ntitle: Fine\ntags: [a, b\n---\nbody\n',
  'Empty title.md': '---\ntitle: ""\n---\nno title here\n',
  'Dangling.md': 'Points at [[Nowhere]] and befriends::[[Batching]].\n',
  'attachments/diagram.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  '.obsidian/workspace.md': 'settings, not a note',
};

// Each test waits for several background jobs; on a loaded machine that takes longer than the default.
jest.setTimeout(120_000);

describe('Markdown export and vault import', () => {
  let alice: TestUser;

  beforeAll(async () => {
    alice = await createUser();
  });

  it('imports a vault: front matter, #tags, wikilinks with aliases, typed links, folders as categories', async () => {
    const result = await importZip(alice, await zipOf(VAULT));
    expect(result.status).toBe('completed');
    // `Ideas` is one of the default categories every account starts with; `Ideas/Deep` is new.
    // Links: Caching related/supports, Latency contradicts, Dangling's unknown type as related.
    expect(result.imported?.created).toEqual({
      categories: 1,
      insights: 4,
      relationships: 4,
      reviewStates: 0,
      suggestionDecisions: 0,
    });
    expect(result.imported?.errors).toEqual(
      expect.arrayContaining([
        { line: 3, item: 'Broken yaml.md', reason: expect.stringMatching(/^broken YAML front matter/) },
        { line: 2, item: 'Empty title.md', reason: 'the title in the front matter is empty' },
        { line: 1, item: 'Dangling.md', reason: 'links to [[Nowhere]], which is not in the vault' },
        { line: 1, item: 'Dangling.md', reason: 'befriends:: is not a relationship type; linked as related' },
      ]),
    );
    expect(result.imported?.errorCount).toBe(4);

    const insights = await insightsOf(alice);
    const byTitle = new Map(insights.map((i) => [i.title, i]));
    expect([...byTitle.keys()].sort()).toEqual(['Batching', 'Caching', 'Dangling', 'Latency']);
    const caching = byTitle.get('Caching') as Insight;
    expect(caching).toMatchObject({
      favorite: true,
      createdAt: '2025-03-01T10:00:00.000Z',
      sourceType: 'import',
    });
    expect(caching.tags.sort()).toEqual(['latency', 'performance', 'web cache']);
    expect(byTitle.get('Batching')?.tags.sort()).toEqual(['performance', 'writes']);
    const categories = await jsonOf<Category[]>(await callAs(alice, '/categories'), 200);
    const nameOf = (id: string | null | undefined) => categories.find((c) => c.id === id)?.name ?? null;
    expect(nameOf(caching.categoryId)).toBe('Ideas');
    expect(nameOf(byTitle.get('Latency')?.categoryId)).toBe('Ideas/Deep');
    expect(byTitle.get('Batching')?.categoryId).toBeNull();

    const links = await jsonOf<RelationshipFromInsight[]>(
      await callAs(alice, `/relationships?insightId=${caching.id}`),
      200,
    );
    const seen = links
      .map(
        (l) =>
          `${l.type}>${byTitle.get('Caching') && insights.find((i) => i.id === l.otherInsightId)?.title}`,
      )
      .sort();
    // [[Latency]] and [[Ideas/Deep/Latency|…]] are one `related` link; Latency's `contradicts` is another.
    expect(seen).toEqual(['contradicts>Latency', 'related>Latency', 'supports>Batching']);

    // Importing the same vault again creates nothing.
    const again = await importZip(alice, await zipOf(VAULT));
    expect(again.imported?.created).toEqual({
      categories: 0,
      insights: 0,
      relationships: 0,
      reviewStates: 0,
      suggestionDecisions: 0,
    });
    expect(await insightsOf(alice)).toHaveLength(4);
  });

  it('exports a zip with one Markdown file per insight that imports back', async () => {
    const carol = await createUser();
    const notes = await createCategory(carol, { name: 'Notes', colour: '#123456', icon: 'note' });
    const a = await createInsight(carol, {
      title: 'First: idea?',
      content: 'Text **one**',
      tags: ['x'],
      categoryId: notes.id,
      favorite: true,
    });
    const b = await createInsight(carol, { title: 'Second', content: 'Text two', tags: ['y'] });
    await jsonOf(
      await callAs(carol, '/relationships', {
        method: 'POST',
        body: { sourceId: a.id, targetId: b.id, type: 'supports' },
      }),
      201,
    );
    const started = await jsonOf<DataTransfer>(
      await callAs(carol, '/exports', { method: 'POST', body: { format: 'markdown' } }),
      202,
    );
    const done = await waitFor(carol, `/exports/${started.id}`);
    expect(done).toMatchObject({ status: 'completed', exported: { insights: 2, relationships: 1 } });
    const download = await callAs(carol, `/exports/${started.id}/download`);
    expect(download.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await download.arrayBuffer());

    const files = new Map<string, string>();
    const reader = await fromBufferPromise(zip, { lazyEntries: true });
    await new Promise<void>((resolve, reject) => {
      reader.on('entry', (entry) => {
        reader.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on(
            'end',
            () => (files.set(entry.fileName, Buffer.concat(chunks).toString('utf8')), reader.readEntry()),
          );
        });
      });
      reader.on('end', resolve);
      reader.on('error', reject);
      reader.readEntry();
    });
    expect([...files.keys()].sort()).toEqual(['Notes/First idea.md', 'Second.md']);
    const first = files.get('Notes/First idea.md') ?? '';
    expect(first).toMatch(
      /^---\nid: [0-9a-f]{24}\ntitle: "First: idea\?"\ntags:\n {2}- x\ncategory: Notes\n/,
    );
    expect(first).toContain('favorite: true');
    expect(first).toContain('Text **one**');
    expect(first).toContain('## Relationships\n- supports:: [[Second]]');

    const dave = await createUser();
    const back = await importZip(dave, zip);
    expect(back.imported?.created).toMatchObject({ insights: 2, relationships: 1 });
    expect(back.imported?.errorCount).toBe(0);
    const imported = await insightsOf(dave);
    const firstBack = imported.find((i) => i.title === 'First: idea?');
    expect(firstBack).toMatchObject({
      content: 'Text **one**',
      tags: ['x'],
      favorite: true,
      createdAt: a.createdAt,
    });
  });
});
