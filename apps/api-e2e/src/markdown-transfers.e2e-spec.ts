import { randomBytes } from 'node:crypto';
import { fromBufferPromise } from 'yauzl';
import type { Category, DataTransfer, Insight, Page, RelationshipFromInsight } from '@insight/contracts';
import { API_URL } from './support/apps';
import { callAs, createCategory, createInsight, jsonOf, problemOf } from './support/insights-client';
import { importZip, insightsOf, uploadZip, waitFor, zipOf } from './support/transfers';
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

    const { items: links } = await jsonOf<Page<RelationshipFromInsight>>(
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

  it('refuses a note over the per-item limit at upload time, writing nothing', async () => {
    const bob = await createUser();
    // Random text barely compresses: a plain (not bomb-like) note over the per-item limit.
    const big = await zipOf({ 'big.md': randomBytes(800 * 1024).toString('base64'), 'ok.md': 'fine' });
    const tooBig = await uploadZip(bob, big);
    expect(tooBig.status).toBe(413);
    expect((await problemOf(tooBig)).errors?.['file']?.[0]).toMatch(/big\.md is larger than 1048576 bytes/);
    expect(await insightsOf(bob)).toHaveLength(0);
  });

  it('imports a folder of notes sent as files with their paths, with the same checks as a zip', async () => {
    const dana = await createUser();
    const send = (files: Record<string, string | Buffer>) => {
      const form = new FormData();
      for (const [path, body] of Object.entries(files)) {
        form.append('files', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), path);
      }
      return fetch(`${API_URL}/api/v1/imports`, { method: 'POST', headers: dana.headers, body: form });
    };
    const vault = {
      'Projects/Alpha.md': '---\ntags: [plan]\n---\nSee [[Beta]] and #idea\n',
      'Projects/Deep/Beta.md': '# Beta\nsupports:: [[Gamma]]\n',
      'Gamma.md': 'Plain note',
      '.obsidian/workspace.md': 'settings, not a note',
      'attachments/diagram.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    };
    const accepted = await jsonOf<DataTransfer>(await send(vault), 202);
    expect(accepted.format).toBe('markdown');
    const done = await waitFor(dana, `/imports/${accepted.id}`);
    expect(done.status).toBe('completed');
    expect(done.imported).toMatchObject({ created: { insights: 3, relationships: 2 }, errorCount: 0 });
    const titles = (await insightsOf(dana)).map((i) => i.title).sort();
    expect(titles).toEqual(['Alpha', 'Beta', 'Gamma']);
    const categories = await jsonOf<Category[]>(await callAs(dana, '/categories'), 200);
    expect(categories.map((c) => c.name)).toEqual(expect.arrayContaining(['Projects', 'Projects/Deep']));
    // The same folder again creates nothing.
    const again = await waitFor(dana, `/imports/${(await jsonOf<DataTransfer>(await send(vault), 202)).id}`);
    expect(again.imported?.created).toMatchObject({ insights: 0, relationships: 0 });

    // Paths are checked part by part; limits apply as to a zip.
    const traversal = await send({ 'ok.md': 'fine', '../evil.md': 'x' });
    expect(traversal.status).toBe(400);
    expect((await problemOf(traversal)).errors?.['files']?.[0]).toMatch(/^\.\.\/evil\.md: .*"\.\."/);
    const absolute = await send({ '/etc/evil.md': 'x' });
    expect(absolute.status).toBe(400);
    const big = await send({ 'ok.md': 'fine', 'big.md': 'z'.repeat(1100 * 1024) });
    expect(big.status).toBe(413);
    expect((await problemOf(big)).errors?.['files']?.[0]).toMatch(/big\.md is larger than 1048576 bytes/);
    const empty = await send({ 'picture.png': 'not a note' });
    expect(empty.status).toBe(400);
    expect(await insightsOf(dana)).toHaveLength(3);
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
