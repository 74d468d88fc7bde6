import type { Digest, Page } from '@insight/contracts';
import { openEventStream } from './support/events';
import { createRelationship, eventually } from './support/graph';
import { callAs, createInsight, jsonOf, problemOf } from './support/insights-client';
import { type PrivateApps, startPrivateApps } from './support/private-apps';
import { createUser, type TestUser } from './support/users';

jest.setTimeout(120_000);

const PERIOD_SECONDS = 4;

/** A worker of this spec's own makes a digest every few seconds (the product's default is weekly). */
describe('weekly digests', () => {
  let apps: PrivateApps;
  let alice: TestUser;
  let bob: TestUser;

  const digestsOf = async (user: TestUser, query = '') =>
    jsonOf<Page<Digest>>(await callAs(user, `/digests${query}`), 200);

  beforeAll(async () => {
    apps = await startPrivateApps(1, {
      GRAPH_RECONCILE_ENABLED: 'false',
      TRASH_PURGE_ENABLED: 'false',
      REVIEW_REFRESH_ENABLED: 'false',
      STATS_ENABLED: 'false',
      DIGEST_INTERVAL_SECONDS: String(PERIOD_SECONDS),
    });
    [alice, bob] = [await createUser({}, apps.apiUrl), await createUser({}, apps.apiUrl)];
  });

  afterAll(() => apps?.stop());

  it('summarises each period: new insights, strongest new links, what is due, and says so live', async () => {
    const events = await openEventStream(alice);
    const [a, b, c] = [
      await createInsight(alice, { title: 'Digest A', content: 'caching layers and latency budgets' }),
      await createInsight(alice, { title: 'Digest B', content: 'latency of caching at the edge' }),
      await createInsight(alice, { title: 'Digest C' }),
    ];
    const strong = await createRelationship(alice, {
      sourceId: a.id,
      targetId: b.id,
      type: 'supports',
      strength: 0.9,
    });
    await createRelationship(alice, { sourceId: b.id, targetId: c.id, type: 'related', strength: 0.2 });
    await createInsight(bob, { title: 'Bob keeps his own' });

    // Writes may straddle a period boundary: wait until the digests cover all of them.
    const digests = await eventually(async () => {
      const page = await digestsOf(alice, '?limit=100');
      const total = page.items.reduce((sum, digest) => sum + digest.counts.newInsights, 0);
      const links = page.items.reduce((sum, digest) => sum + digest.counts.newRelationships, 0);
      return total === 3 && links === 2 ? page.items : null;
    }, 60_000);
    const strongest = digests.flatMap((digest) => digest.strongestLinks);
    expect(strongest.map((link) => link.relationshipId)).toContain(strong.id);
    expect(strongest.find((link) => link.relationshipId === strong.id)).toMatchObject({
      type: 'supports',
      strength: 0.9,
      source: { id: a.id, title: 'Digest A' },
      target: { id: b.id, title: 'Digest B' },
    });
    for (const digest of digests) {
      expect(Date.parse(digest.periodEnd) - Date.parse(digest.periodStart)).toBe(PERIOD_SECONDS * 1000);
      expect(digest.counts.dueForReview).toBeGreaterThanOrEqual(0);
    }
    await events.next(
      (event) => event.type === 'digest.created' && digests.some((d) => d.id === event.digestId),
    );
    events.close();

    // One digest per period, however often the period's job runs.
    const periods = digests.map((digest) => digest.periodStart);
    expect(new Set(periods).size).toBe(periods.length);
    // Bob's digests hold only Bob's work.
    const bobs = await digestsOf(bob, '?limit=100');
    expect(bobs.items.reduce((sum, digest) => sum + digest.counts.newInsights, 0)).toBeLessThanOrEqual(1);
    expect(bobs.items.flatMap((digest) => digest.strongestLinks)).toEqual([]);
  });

  it('pages newest first with an opaque cursor and refuses a forged one', async () => {
    await eventually(async () => (await digestsOf(alice, '?limit=100')).items.length >= 2, 60_000);
    const first = await digestsOf(alice, '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await digestsOf(alice, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(Date.parse(second.items[0].periodStart)).toBeLessThan(Date.parse(first.items[0].periodStart));

    const forged = await callAs(alice, '/digests?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
    expect((await problemOf(forged)).errors).toHaveProperty('cursor');
    expect((await callAs(alice, '/digests?limit=101')).status).toBe(400);
    expect((await callAs(null, '/digests')).status).toBe(401);
  });
});
