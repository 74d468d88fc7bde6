import type {
  Category,
  DataTransfer,
  Insight,
  JobStatus,
  Page,
  PortableRecord,
  Relationship,
  RelationshipFromInsight,
  RelationshipSuggestion,
  ReviewState,
} from '@insight/contracts';
import { analysed, suggestionsOf } from './support/analysis';
import { API_URL, E2E_IMPORT_LIMITS } from './support/apps';
import { eventually } from './support/graph';
import { callAs, createCategory, createInsight, jsonOf, problemOf } from './support/insights-client';
import { jsonExportHeader, waitFor } from './support/transfers';
import { createUser, type TestUser } from './support/users';

async function exportOf(user: TestUser): Promise<{ transfer: DataTransfer; text: string }> {
  const started = await callAs(user, '/exports', { method: 'POST', body: { format: 'json' } });
  const accepted = await jsonOf<DataTransfer>(started, 202);
  expect(started.headers.get('location')).toBe(`/api/v1/exports/${accepted.id}`);
  const transfer = await waitFor(user, `/exports/${accepted.id}`);
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
  return waitFor(user, `/imports/${accepted.id}`);
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
    reviewStates: sorted(
      records.flatMap((r) => {
        if (r.record !== 'reviewState') return [];
        const { insightId, ...state } = r;
        return [{ insight: titles.get(insightId), ...state }];
      }),
    ),
    suggestionDecisions: sorted(
      records.flatMap((r) =>
        r.record === 'suggestionDecision'
          ? [
              {
                ends: [titles.get(r.sourceId), titles.get(r.targetId)],
                type: r.type,
                score: r.score,
                reasons: r.reasons,
                status: r.status,
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
jest.setTimeout(180_000);

const CACHE = 'Redis cache latency: caching hot keys cut p99 latency; cache invalidation on writes.';
/** Three near-duplicates, so discovery suggests links between them to accept and reject. */
const CACHE_NOTES = [
  ['Redis cache and latency', CACHE],
  ['Cache latency under load', `Under load, ${CACHE}`],
  ['Cache latency at peak', `At peak, ${CACHE}`],
] as const;

/** The open suggestion between two insights, seen from `from`. */
async function suggestionBetween(
  user: TestUser,
  from: string,
  to: string,
): Promise<RelationshipSuggestion | undefined> {
  return (await suggestionsOf(user, from)).find((s) => s.relatedInsight.id === to);
}

async function idsByTitle(user: TestUser): Promise<Map<string, string>> {
  const page = await jsonOf<Page<Insight>>(await callAs(user, '/insights?limit=100'), 200);
  return new Map(page.items.map((i) => [i.title, i.id]));
}

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

    // Suggestion decisions: one pair rejected, one accepted (which creates a relationship).
    const cache: Insight[] = [];
    for (const [title, content] of CACHE_NOTES) {
      cache.push(await createInsight(alice, { title, content, tags: ['performance'] }));
      await analysed(alice, cache[cache.length - 1].id);
    }
    const rejected = await eventually(() => suggestionBetween(alice, cache[1].id, cache[0].id));
    expect((await callAs(alice, `/suggestions/${rejected.id}/reject`, { method: 'POST' })).status).toBe(200);
    const accepted = await eventually(() => suggestionBetween(alice, cache[2].id, cache[0].id));
    expect(
      (await callAs(alice, `/suggestions/${accepted.id}/accept`, { method: 'POST', body: {} })).status,
    ).toBe(200);

    // Review state: every insight scheduled (the queue enrols them), two of them graded.
    expect((await callAs(alice, '/review')).status).toBe(200);
    for (const [insight, grade] of [
      [insights[0], 'good'],
      [insights[4], 'again'],
    ] as const) {
      const graded = await callAs(alice, `/review/${insight.id}`, { method: 'POST', body: { grade } });
      expect(graded.status).toBe(200);
    }
    aliceExport = await exportOf(alice);
  });

  it('exports everything in the documented, versioned format with progress and a job', async () => {
    const records = recordsOf(aliceExport.text);
    expect(records[0]).toMatchObject({ record: 'header', formatVersion: 1, generator: 'insight-tracker' });
    const counts = {
      categories: expect.any(Number),
      insights: 15,
      relationships: 5,
      reviewStates: records.filter((r) => r.record === 'reviewState').length,
      suggestionDecisions: 2,
    };
    // Every insight outside the trash has a schedule (the queue enrolled them).
    expect(counts.reviewStates).toBeGreaterThanOrEqual(14);
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
    const kinds = records.map((r) => r.record);
    // The documented order: review states and decisions after the relationships, before the tags.
    expect(kinds.lastIndexOf('relationship')).toBeLessThan(kinds.indexOf('reviewState'));
    expect(kinds.lastIndexOf('reviewState')).toBeLessThan(kinds.indexOf('suggestionDecision'));
    expect(kinds.lastIndexOf('suggestionDecision')).toBeLessThan(kinds.indexOf('tag'));
    expect(records.filter((r) => r.record === 'reviewState' && r.reps > 0)).toHaveLength(2);
    expect(
      records
        .filter((r) => r.record === 'suggestionDecision')
        .map((r) => r.record === 'suggestionDecision' && r.status)
        .sort(),
    ).toEqual(['accepted', 'rejected']);
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
      created: {
        categories: 1,
        insights: 15,
        relationships: 5,
        reviewStates: recordsOf(aliceExport.text).filter((r) => r.record === 'reviewState').length,
        suggestionDecisions: 2,
      },
      errorCount: 0,
    });
    // The queue enrols what has no schedule: nothing here, every schedule came with the file.
    expect((await callAs(carol, '/review')).status).toBe(200);
    const carolExport = await exportOf(carol);
    expect(contentOf(carolExport.text)).toEqual(contentOf(aliceExport.text));

    // Imported insights are analysed and projected like any other.
    const ids = await idsByTitle(carol);
    expect(ids.size).toBe(14);
    const [redis, underLoad, atPeak] = CACHE_NOTES.map(([title]) => ids.get(title) ?? '');
    for (const id of [redis, underLoad, atPeak]) await analysed(carol, id);
    // Discovery ran on the imported insights (the undecided pair is proposed) but never proposes
    // the rejected or the accepted pair again.
    await eventually(() => suggestionBetween(carol, atPeak, underLoad), 60_000);
    expect(await suggestionBetween(carol, underLoad, redis)).toBeUndefined();
    expect(await suggestionBetween(carol, redis, underLoad)).toBeUndefined();
    expect(await suggestionBetween(carol, atPeak, redis)).toBeUndefined();
    const categories = await jsonOf<Category[]>(await callAs(carol, '/categories'), 200);
    expect(categories.map((c) => c.name)).toContain('Reading notes');

    // The same file again creates nothing.
    const again = await importInto(carol, aliceExport.text);
    expect(again.imported).toMatchObject({
      created: { categories: 0, insights: 0, relationships: 0, suggestionDecisions: 0 },
      skipped: { insights: 15, relationships: 5, suggestionDecisions: 2 },
      errorCount: 0,
    });
    const after = await exportOf(carol);
    expect(contentOf(after.text)).toEqual(contentOf(carolExport.text));
  });

  it('imports the good items and reports each bad one with its line and reason', async () => {
    const dave = await createUser();
    const review = {
      record: 'reviewState',
      dueAt: '2030-01-01T00:00:00.000Z',
      stability: 3.2,
      difficulty: 5,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 2,
      lapses: 1,
      state: 2,
      lastReviewedAt: '2029-12-29T00:00:00.000Z',
      optedOut: false,
    };
    const decision = { record: 'suggestionDecision', type: 'related', score: 0.6, status: 'rejected' };
    const lines = [
      JSON.stringify(jsonExportHeader()),
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
      JSON.stringify({ ...review, insightId: 'a' }),
      JSON.stringify({ ...review, insightId: 'd', state: 9 }),
      JSON.stringify({ ...decision, id: 's1', sourceId: 'a', targetId: 'd' }),
      JSON.stringify({ ...decision, id: 's2', sourceId: 'a', targetId: 'nowhere' }),
      JSON.stringify({ record: 'end', counts: { categories: 0, insights: 4, relationships: 3 } }),
    ];
    const result = await importInto(dave, lines.join('\n'));
    expect(result.status).toBe('completed');
    expect(result.imported?.created).toEqual({
      categories: 0,
      insights: 2,
      relationships: 1,
      reviewStates: 1,
      suggestionDecisions: 1,
    });
    expect(result.imported?.errors).toEqual(
      expect.arrayContaining([
        { line: 3, item: null, reason: 'is not a JSON object' },
        { line: 4, item: 'b', reason: 'title is missing' },
        { line: 5, item: 'c', reason: 'importance must be a number from 0 to 1' },
        { line: 8, item: 'r2', reason: 'links to j.nowhere, which is not in the import' },
        { line: 9, item: 'r3', reason: 'type befriends is not known' },
        { line: 11, item: 'd', reason: 'state must be 0, 1, 2 or 3' },
        { line: 13, item: 's2', reason: 'names j.nowhere, which is not in the import' },
      ]),
    );
    expect(result.imported?.errorCount).toBe(7);
    const good = (await idsByTitle(dave)).get('Good one') ?? '';
    const state = await jsonOf<ReviewState>(await callAs(dave, `/review/${good}`), 200);
    expect(state).toMatchObject({ dueAt: review.dueAt, reps: 2, lapses: 1, stability: 3.2 });
  });

  it('imports more links than one batch, those pointing back and those pointing forward', async () => {
    const frank = await createUser();
    const insight = (id: string) => ({ record: 'insight', id, title: `Linked ${id}` });
    const link = (id: string, sourceId: string, targetId: string) => ({
      record: 'relationship',
      id,
      sourceId,
      targetId,
      type: 'supports',
    });
    const early = Array.from({ length: 40 }, (_, i) => `e${i}`);
    // Every ordered pair of the early insights: 1,560 links written while the file is read.
    const backward = early.flatMap((source) =>
      early.filter((target) => target !== source).map((target) => [source, target]),
    );
    // Links to an insight further down the file: they wait until it is known.
    const forward = early.map((source) => [source, 'late']);
    const lines = [
      jsonExportHeader('2026-12-01T00:00:00.000Z'),
      ...early.map(insight),
      // The forward links first: the first batch of links is written before `late` is read.
      ...forward.map(([source, target], i) => link(`f${i}`, source, target)),
      ...backward.map(([source, target], i) => link(`b${i}`, source, target)),
      insight('late'),
      {
        record: 'end',
        counts: {
          categories: 0,
          insights: early.length + 1,
          relationships: backward.length + forward.length,
        },
      },
    ].map((record) => JSON.stringify(record));

    const result = await importInto(frank, lines.join('\n'));
    expect(result.status).toBe('completed');
    expect(result.imported?.errorCount).toBe(0);
    expect(result.imported?.created).toMatchObject({
      insights: 41,
      relationships: backward.length + forward.length,
    });
    const late = (await idsByTitle(frank)).get('Linked late') ?? '';
    const { items: links, nextCursor } = await jsonOf<Page<RelationshipFromInsight>>(
      await callAs(frank, `/relationships?insightId=${late}&limit=100`),
      200,
    );
    expect(nextCursor).toBeNull();
    expect(links).toHaveLength(forward.length);
    expect(new Set(links.map((l) => l.type))).toEqual(new Set(['supported_by']));
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
    // One item over the per-item limit (1 MiB) in a file under the size limit: refused at once.
    const header = JSON.stringify({ record: 'header', formatVersion: 1, generator: 'insight-tracker' });
    const bigItem = JSON.stringify({
      record: 'insight',
      id: 'big',
      title: 'Big',
      content: 'y'.repeat(1100 * 1024),
    });
    const oversized = await upload(alice, [header, bigItem, '{"record":"end"}'].join('\n'));
    expect(oversized.status).toBe(413);
    expect((await problemOf(oversized)).errors?.['file']?.[0]).toMatch(/line 2 is longer than 1048576 bytes/);
    const badFormat = await callAs(alice, '/exports', { method: 'POST', body: { format: 'pdf' } });
    expect(badFormat.status).toBe(400);
  });
});
