import type { Driver } from 'neo4j-driver';
import type { Insight, JobAccepted, SearchResults } from '@insight/contracts';
import { analysed, mentionsOf, jobCompleted, openGraph } from './support/analysis';
import { openEventStream } from './support/events';
import { eventually } from './support/graph';
import { callAs, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

jest.setTimeout(90_000);

const LONG_CACHE_TEXT = [
  'Caching hot keys in Redis cut our p99 latency from 180 ms to 25 ms during the spring sale.',
  'The cache sits in front of the catalogue service and absorbs most repeated reads.',
  'Invalidation happens on every catalogue write, so stale prices never reach a customer.',
  'We measured the hit ratio every hour; it stayed above ninety percent for the whole week.',
  'Without the cache, the catalogue database saturated its connection pool within minutes.',
  'The lesson: cache the hot path first, measure latency before and after, and keep invalidation simple.',
  'Next quarter we want to try client-side caching for the session service as well.',
  'Its latency budget is tighter, and its keys expire quickly, so the invalidation story differs.',
].join(' ');

describe('insight analysis', () => {
  let alice: TestUser;
  let bob: TestUser;
  let graph: Driver;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    graph = openGraph();
  });

  afterAll(async () => {
    await graph.close();
  });

  it('processes a new insight: keywords with weights, language, sentiment, reading figures, summary', async () => {
    const created = await createInsight(alice, {
      title: 'Redis cache and latency',
      content: LONG_CACHE_TEXT,
    });
    expect(created.status).toBe('pending');
    const insight = await analysed(alice, created.id);
    const { analysis } = insight;
    expect(analysis.language).toBe('en');
    const terms = analysis.keywords.map((keyword) => keyword.term);
    expect(terms).toEqual(expect.arrayContaining(['cache', 'latency']));
    for (const keyword of analysis.keywords) {
      expect(keyword.weight).toBeGreaterThan(0);
      expect(keyword.weight).toBeLessThanOrEqual(1);
    }
    expect(analysis.wordCount).toBeGreaterThan(100);
    expect(analysis.readingTimeMinutes).toBeGreaterThan(0);
    expect(typeof analysis.sentiment).toBe('number');
    // Long content and no summary of the user's: the generated one fills it.
    expect(analysis.summary).toEqual(expect.any(String));
    expect(insight.summary).toBe(analysis.summary);
    // The analysis produces no version: the user's ETag stays valid.
    expect(insight.version).toBe(created.version);
  });

  it("keeps the user's own summary, and detects Portuguese", async () => {
    const created = await createInsight(alice, {
      title: 'Cache e latência',
      content: `${'O cache em memória reduziu a latência das consultas mais frequentes do catálogo. '.repeat(6)}Medimos a taxa de acerto todos os dias e ela ficou acima de noventa por cento.`,
      summary: 'Mine.',
    });
    const insight = await analysed(alice, created.id);
    expect(insight.analysis.language).toBe('pt');
    expect(insight.summary).toBe('Mine.');
  });

  it('projects the keywords as MENTIONS edges with their weights, searchable by keyword', async () => {
    const created = await createInsight(alice, {
      title: 'Idempotent consumers',
      content: 'Idempotent consumers deduplicate messages by key; idempotency keys survive redelivery.',
    });
    const insight = await analysed(alice, created.id);
    const expected = insight.analysis.keywords.map(({ term, weight }) => ({ term, weight }));
    const mentions = await eventually(async () => {
      const found = await mentionsOf(graph, created.id);
      return found.length === expected.length ? found : null;
    });
    expect(mentions).toEqual([...expected].sort((a, b) => a.term.localeCompare(b.term)));
    const hits = await eventually(async () => {
      const results = await jsonOf<SearchResults>(await callAs(alice, '/search?q=deduplicate'), 200);
      return results.items.some((item) => item.insight.id === created.id) ? results : null;
    });
    expect(hits.items.length).toBeGreaterThan(0);
  });

  it('re-analyses edited content, and the graph follows the new keywords', async () => {
    const created = await createInsight(alice, {
      title: 'Kafka partitions',
      content: 'Partition keys decide ordering in Kafka; partitions are the unit of parallelism.',
    });
    await analysed(alice, created.id);
    const patched = await jsonOf<Insight>(
      await callAs(alice, `/insights/${created.id}`, {
        method: 'PATCH',
        body: {
          title: 'Postgres vacuum',
          content: 'Autovacuum reclaims dead tuples; vacuum tuning prevents table bloat.',
        },
      }),
      200,
    );
    expect(patched.status).toBe('pending');
    const insight = await analysed(alice, created.id);
    expect(insight.analysis.insightVersion).toBe(patched.version);
    const terms = insight.analysis.keywords.map((keyword) => keyword.term);
    expect(terms).toEqual(expect.arrayContaining(['vacuum']));
    expect(terms).not.toContain('kafka');
    const mentions = await eventually(async () => {
      const found = (await mentionsOf(graph, created.id)).map((m) => m.term);
      return found.includes('vacuum') ? found : null;
    });
    expect(mentions).not.toContain('kafka');
  });

  it('reprocesses on request: 202 with a job that completes, same version', async () => {
    const created = await createInsight(alice, {
      title: 'Backpressure',
      content: 'Bounded queues give backpressure.',
    });
    const before = await analysed(alice, created.id);
    const response = await callAs(alice, `/insights/${created.id}/reprocess`, { method: 'POST' });
    const accepted = await jsonOf<JobAccepted>(response, 202);
    expect(accepted.queue).toBe('analyze-insight');
    expect(response.headers.get('location')).toBe(accepted.statusUrl);
    const job = await jobCompleted(alice, accepted.statusUrl);
    expect(job.result).toMatchObject({ outcome: 'stored', version: before.version });
    const after = await analysed(alice, created.id);
    expect(after.analysis.analysedAt > before.analysis.analysedAt).toBe(true);
    expect(after.analysis.keywords).toEqual(before.analysis.keywords);
  });

  it("tells the owner's live event stream (and only theirs) when an insight is processed and suggestions are made", async () => {
    const [mine, theirs] = await Promise.all([openEventStream(alice), openEventStream(bob)]);
    try {
      const first = await createInsight(alice, {
        title: 'Event sourcing',
        content: 'Event sourcing stores every event; projections replay events.',
      });
      const second = await createInsight(alice, {
        title: 'Event replay',
        content: 'Replaying stored events rebuilds projections of event sourcing.',
      });
      const processed = await mine.next(
        (event) => event.type === 'insight.processed' && event.insightId === first.id,
        30_000,
      );
      expect(processed).toMatchObject({ version: 1, at: expect.any(String) });
      await mine.next((event) => event.type === 'insight.processed' && event.insightId === second.id, 30_000);
      const created = await mine.next((event) => event.type === 'suggestions.created', 30_000);
      expect(created).toMatchObject({ count: expect.any(Number) });
      expect(theirs.events.filter((event) => event.type !== 'stream.ready')).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it("answers 404 for another user's insight and for ids that are not ids", async () => {
    const created = await createInsight(alice, { title: 'Private', content: 'Only mine.' });
    expect((await callAs(bob, `/insights/${created.id}/reprocess`, { method: 'POST' })).status).toBe(404);
    expect((await callAs(bob, `/insights/${created.id}/suggestions`)).status).toBe(404);
    const problem = await problemOf(await callAs(alice, '/insights/not-an-id/reprocess', { method: 'POST' }));
    expect(problem.status).toBe(404);
  });
});
