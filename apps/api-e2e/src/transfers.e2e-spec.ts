import type {
  Category,
  DataTransfer,
  Insight,
  JobStatus,
  Page,
  PortableRecord,
  Relationship,
} from '@insight/contracts';
import { API_URL, E2E_IMPORT_LIMITS } from './support/apps';
import { callAs, createCategory, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

async function waitForTransfer(user: TestUser, path: string, timeoutMs = 30_000): Promise<DataTransfer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const transfer = await jsonOf<DataTransfer>(await callAs(user, path), 200);
    if (transfer.status === 'completed' || transfer.status === 'failed') return transfer;
    if (Date.now() > deadline) throw new Error(`${path} did not finish: ${JSON.stringify(transfer)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function exportOf(user: TestUser): Promise<{ transfer: DataTransfer; text: string }> {
  const started = await callAs(user, '/exports', { method: 'POST', body: { format: 'json' } });
  const accepted = await jsonOf<DataTransfer>(started, 202);
  expect(started.headers.get('location')).toBe(`/api/v1/exports/${accepted.id}`);
  const transfer = await waitForTransfer(user, `/exports/${accepted.id}`);
  expect(transfer.status).toBe('completed');
  const download = await callAs(user, `/exports/${accepted.id}/download`);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  expect(download.headers.get('content-disposition')).toMatch(
    /attachment; filename="insight-tracker-export-/,
  );
  return { transfer, text: await download.text() };
}

function upload(user: TestUser, text: string, fileName = 'export.jsonl'): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'application/x-ndjson' }), fileName);
  return fetch(`${API_URL}/api/v1/imports`, { method: 'POST', headers: user.headers, body: form });
}

async function importInto(user: TestUser, text: string): Promise<DataTransfer> {
  const accepted = await jsonOf<DataTransfer>(await upload(user, text), 202);
  return waitForTransfer(user, `/imports/${accepted.id}`);
}

function recordsOf(text: string): PortableRecord[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PortableRecord);
}

/** The content of an export without ids and timestamps: what a round trip must keep. */
function contentOf(text: string) {
  const records = recordsOf(text);
  const categories = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const r of records) {
    if (r.record === 'category') categories.set(r.id, r.name);
    if (r.record === 'insight') titles.set(r.id, r.title);
  }
  const sorted = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();
  return {
    categories: sorted(
      records.flatMap((r) =>
        r.record === 'category' ? [{ name: r.name, colour: r.colour, icon: r.icon }] : [],
      ),
    ),
    insights: sorted(
      records.flatMap((r) =>
        r.record === 'insight'
          ? [
              {
                title: r.title,
                content: r.content,
                summary: r.summary,
                tags: r.tags,
                category: r.categoryId ? categories.get(r.categoryId) : null,
                sourceType: r.sourceType,
                favorite: r.favorite,
                importance: r.importance,
                trashed: r.deletedAt !== null,
              },
            ]
          : [],
      ),
    ),
    relationships: sorted(
      records.flatMap((r) =>
        r.record === 'relationship'
          ? [
              {
                // Symmetric edges are stored smaller id first; the pair, not the order, is the content.
                ends:
                  r.type === 'related' || r.type === 'contradicts'
                    ? [titles.get(r.sourceId), titles.get(r.targetId)].sort()
                    : [titles.get(r.sourceId), titles.get(r.targetId)],
                type: r.type,
                strength: r.strength,
                note: r.note,
                createdBy: r.createdBy,
              },
            ]
          : [],
      ),
    ),
    tags: sorted(records.flatMap((r) => (r.record === 'tag' ? [{ name: r.name, count: r.count }] : []))),
    end: records.at(-1),
  };
}

// Each test waits for several background jobs; on a loaded machine that takes longer than the default.
jest.setTimeout(120_000);

describe('exports and imports', () => {
  let alice: TestUser;
  let bob: TestUser;
  let aliceExport: { transfer: DataTransfer; text: string };

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    const reading = await createCategory(alice, { name: 'Reading notes', colour: '#112233', icon: 'book' });
    const insights: Insight[] = [];
    for (let i = 0; i < 12; i++) {
      insights.push(
        await createInsight(alice, {
          title: `Insight ${i}`,
          content: `Body of **insight ${i}**\nwith a second line and "quotes" and unicode: ✓ ${i}`,
          tags: i % 2 === 0 ? ['even', `n${i}`] : ['odd'],
          categoryId: i % 3 === 0 ? reading.id : null,
          favorite: i === 1,
          importance: i / 12,
          ...(i === 2 ? { summary: 'A summary' } : {}),
        }),
      );
    }
    for (const [source, target, type] of [
      [0, 1, 'supports'],
      [2, 1, 'related'],
      [3, 4, 'contradicts'],
      [5, 6, 'caused_by'],
    ] as const) {
      await jsonOf<Relationship>(
        await callAs(alice, '/relationships', {
          method: 'POST',
          body: {
            sourceId: insights[source].id,
            targetId: insights[target].id,
            type,
            strength: 0.7,
            note: `n${source}`,
          },
        }),
        201,
      );
    }
    expect((await callAs(alice, `/insights/${insights[11].id}`, { method: 'DELETE' })).status).toBe(204);
    aliceExport = await exportOf(alice);
  });

  it('exports everything in the documented, versioned format with progress and a job', async () => {
    const records = recordsOf(aliceExport.text);
    expect(records[0]).toMatchObject({ record: 'header', formatVersion: 1, generator: 'insight-tracker' });
    const counts = { categories: expect.any(Number), insights: 12, relationships: 4 };
    expect(records.at(-1)).toEqual({
      record: 'end',
      counts: { ...counts, categories: records.filter((r) => r.record === 'category').length },
    });
    expect(aliceExport.transfer).toMatchObject({
      kind: 'export',
      format: 'json',
      progress: 100,
      exported: counts,
    });
    expect(aliceExport.transfer.sizeBytes).toBe(Buffer.byteLength(aliceExport.text));
    expect(new Date(aliceExport.transfer.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    const trashed = records.find((r) => r.record === 'insight' && r.title === 'Insight 11');
    expect(trashed).toMatchObject({ deletedAt: expect.any(String) });
    expect(records).toContainEqual({ record: 'tag', name: 'odd', count: 5 });
    const job = await jsonOf<JobStatus>(await callAs(alice, `/jobs/${aliceExport.transfer.jobId}`), 200);
    expect(job).toMatchObject({ state: 'completed', progress: 100 });
  });

  it('keeps an export from other users', async () => {
    for (const path of [
      `/exports/${aliceExport.transfer.id}`,
      `/exports/${aliceExport.transfer.id}/download`,
    ]) {
      const response = await callAs(bob, path);
      expect(response.status).toBe(404);
      await problemOf(response);
    }
    expect((await callAs(bob, `/exports/not-an-id/download`)).status).toBe(404);
  });

  it('round-trips: export, import into a new account, export gives the same content', async () => {
    const carol = await createUser();
    const imported = await importInto(carol, aliceExport.text);
    expect(imported).toMatchObject({ status: 'completed', kind: 'import', progress: 100 });
    expect(imported.imported).toMatchObject({
      created: { categories: 1, insights: 12, relationships: 4 },
      errorCount: 0,
    });
    const carolExport = await exportOf(carol);
    expect(contentOf(carolExport.text)).toEqual(contentOf(aliceExport.text));

    // Imported insights are analysed and projected like any other.
    const page = await jsonOf<Page<Insight>>(await callAs(carol, '/insights?limit=100'), 200);
    expect(page.items).toHaveLength(11);
    const categories = await jsonOf<Category[]>(await callAs(carol, '/categories'), 200);
    expect(categories.map((c) => c.name)).toContain('Reading notes');

    // The same file again creates nothing.
    const again = await importInto(carol, aliceExport.text);
    expect(again.imported).toMatchObject({
      created: { categories: 0, insights: 0, relationships: 0 },
      skipped: { insights: 12, relationships: 4 },
      errorCount: 0,
    });
    const after = await exportOf(carol);
    expect(contentOf(after.text)).toEqual(contentOf(carolExport.text));
  });

  it('imports the good items and reports each bad one with its line and reason', async () => {
    const dave = await createUser();
    const lines = [
      JSON.stringify({
        record: 'header',
        formatVersion: 1,
        generator: 'insight-tracker',
        exportedAt: new Date().toISOString(),
      }),
      JSON.stringify({ record: 'insight', id: 'a', title: 'Good one', tags: ['ok'] }),
      '{ this is not json',
      JSON.stringify({ record: 'insight', id: 'b', title: '   ' }),
      JSON.stringify({ record: 'insight', id: 'c', title: 'Also good', importance: 7 }),
      JSON.stringify({ record: 'insight', id: 'd', title: 'Good too' }),
      JSON.stringify({ record: 'relationship', id: 'r1', sourceId: 'a', targetId: 'd', type: 'supports' }),
      JSON.stringify({
        record: 'relationship',
        id: 'r2',
        sourceId: 'a',
        targetId: 'nowhere',
        type: 'related',
      }),
      JSON.stringify({ record: 'relationship', id: 'r3', sourceId: 'a', targetId: 'd', type: 'befriends' }),
      JSON.stringify({ record: 'end', counts: { categories: 0, insights: 4, relationships: 3 } }),
    ];
    const result = await importInto(dave, lines.join('\n'));
    expect(result.status).toBe('completed');
    expect(result.imported?.created).toEqual({ categories: 0, insights: 2, relationships: 1 });
    expect(result.imported?.errors).toEqual(
      expect.arrayContaining([
        { line: 3, item: null, reason: 'is not a JSON object' },
        { line: 4, item: 'b', reason: 'title is missing' },
        { line: 5, item: 'c', reason: 'importance must be a number from 0 to 1' },
        { line: 8, item: 'r2', reason: 'links to j.nowhere, which is not in the import' },
        { line: 9, item: 'r3', reason: 'type befriends is not known' },
      ]),
    );
    expect(result.imported?.errorCount).toBe(5);
  });

  it('refuses a file that is cut short, of another version or over the item limit, writing nothing', async () => {
    const erin = await createUser();
    const cut = aliceExport.text.trim().split('\n').slice(0, -1).join('\n');
    const header = (version: number) =>
      JSON.stringify({
        record: 'header',
        formatVersion: version,
        generator: 'insight-tracker',
        exportedAt: '2026-01-01T00:00:00Z',
      });
    const end = JSON.stringify({ record: 'end', counts: { categories: 0, insights: 0, relationships: 0 } });
    const tooMany = [
      header(1),
      ...Array.from({ length: E2E_IMPORT_LIMITS.maxItems + 1 }, (_, i) =>
        JSON.stringify({ record: 'insight', id: `x${i}`, title: `T${i}` }),
      ),
      end,
    ].join('\n');
    for (const [text, reason] of [
      [cut, /cut short/],
      [[header(99), end].join('\n'), /formatVersion 99 is not supported/],
      ['{"some":"json"}\n' + end, /not an Insight Tracker export header/],
      [tooMany, new RegExp(`more than ${E2E_IMPORT_LIMITS.maxItems} insights`)],
    ] as const) {
      const result = await importInto(erin, text);
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(reason);
    }
    const page = await jsonOf<Page<Insight>>(await callAs(erin, '/insights'), 200);
    expect(page.items).toHaveLength(0);
  });

  it('answers problem+json for a missing, unknown or oversized upload', async () => {
    const noFile = await callAs(alice, '/imports', { method: 'POST', body: {} });
    expect(noFile.status).toBe(400);
    expect((await problemOf(noFile))['errors']).toHaveProperty('file');
    const wrongType = await upload(alice, 'hello', 'notes.txt');
    expect(wrongType.status).toBe(400);
    expect((await problemOf(wrongType))['errors']).toHaveProperty('file');
    const huge = await upload(alice, 'x'.repeat(E2E_IMPORT_LIMITS.maxBytes + 1024));
    expect(huge.status).toBe(413);
    expect((await problemOf(huge))['errors']).toHaveProperty('file');
    const badFormat = await callAs(alice, '/exports', { method: 'POST', body: { format: 'pdf' } });
    expect(badFormat.status).toBe(400);
  });
});
