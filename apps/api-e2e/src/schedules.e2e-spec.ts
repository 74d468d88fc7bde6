import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Queue } from 'bullmq';
import mongoose, { type Connection, Types } from 'mongoose';
import { settled } from './support/analysis';
import { ROOT } from './support/apps';
import { createRelationship, eventually, projected } from './support/graph';
import { callAs, createInsight } from './support/insights-client';
import { type PrivateApps, startPrivateApps } from './support/private-apps';
import { createUser } from './support/users';

jest.setTimeout(120_000);

const PERIOD_SECONDS = 3;
const DAY = 24 * 3600 * 1000;

/** Two workers (and an api) of this spec's own, with every schedule on a short period but digests off. */
describe('scheduled work with two workers', () => {
  let apps: PrivateApps;
  let db: Connection;
  let queue: Queue;

  beforeAll(async () => {
    apps = await startPrivateApps(2, {
      GRAPH_RECONCILE_ENABLED: 'false',
      TRASH_PURGE_INTERVAL_SECONDS: String(PERIOD_SECONDS),
      TRASH_RETENTION_DAYS: '1',
      REVIEW_REFRESH_INTERVAL_SECONDS: String(PERIOD_SECONDS),
      STATS_INTERVAL_SECONDS: String(PERIOD_SECONDS),
      DIGEST_ENABLED: 'false',
      BACKUP_ENABLED: 'true',
      BACKUP_INTERVAL_SECONDS: String(PERIOD_SECONDS),
    });
    db = await mongoose.createConnection(apps.env['MONGODB_URI'] ?? '').asPromise();
    queue = new Queue('scheduled-work', {
      connection: { url: apps.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
      prefix: apps.env['QUEUE_PREFIX'],
    });
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await db?.close();
    await apps?.stop();
  });

  it('runs each enabled schedule once per period, however many workers tick, and none that is off', async () => {
    await new Promise((resolve) => setTimeout(resolve, PERIOD_SECONDS * 4 * 1000));
    const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'], 0, 1000);
    for (const name of ['trash-purge', 'review-refresh', 'stats', 'backup']) {
      const periods = new Map<string, number>();
      for (const job of jobs.filter((j) => j.name === name)) {
        periods.set(job.data.period, (periods.get(job.data.period) ?? 0) + 1);
      }
      expect(periods.size).toBeGreaterThanOrEqual(2);
      expect([...periods.values()].every((count) => count === 1)).toBe(true);
      // Completed, not failed: the work itself ran.
      expect(jobs.filter((j) => j.name === name && j.failedReason)).toEqual([]);
    }
    expect(jobs.filter((job) => job.name === 'digests')).toEqual([]);
  });

  it('purges only what stayed in the trash past the retention, with its links and graph node', async () => {
    const user = await createUser({}, apps.apiUrl);
    const [old, recent, kept] = [
      await createInsight(user, { title: 'Old rubbish' }),
      await createInsight(user, { title: 'Recent rubbish' }),
      await createInsight(user, { title: 'Kept' }),
    ];
    const link = await createRelationship(user, { sourceId: kept.id, targetId: old.id, type: 'supports' });
    await settled(user, [old, recent]);
    for (const insight of [old, recent]) {
      expect((await callAs(user, `/insights/${insight.id}`, { method: 'DELETE' })).status).toBe(204);
    }
    await projected(user, [old, recent]);
    await db
      .collection('insights')
      .updateOne(
        { _id: new Types.ObjectId(old.id) },
        { $set: { deletedAt: new Date(Date.now() - 2 * DAY) } },
      );

    // The purge ends by enqueuing the same graph removal as DELETE /trash/:id; once it is queued,
    // everything before it (the document, its links) must be gone.
    const syncQueue = new Queue('graph-sync', {
      connection: { url: apps.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
      prefix: apps.env['QUEUE_PREFIX'],
    });
    try {
      await eventually(() => syncQueue.getJob(`${old.id}-purged`), 30_000);
    } finally {
      await syncQueue.close();
    }
    expect(await db.collection('insights').countDocuments({ _id: new Types.ObjectId(old.id) })).toBe(0);
    expect(await db.collection('relationships').countDocuments({ _id: new Types.ObjectId(link.id) })).toBe(0);
    expect(await db.collection('insights').countDocuments({ _id: new Types.ObjectId(recent.id) })).toBe(1);
    expect((await callAs(user, `/insights/${kept.id}`)).status).toBe(200);
  });

  it('refreshes the statistics every period', async () => {
    const user = await createUser({}, apps.apiUrl);
    // The first read computes and stores them; only the schedule updates them afterwards.
    const before = (await (await callAs(user, '/stats')).json()) as { totals: { insights: number } };
    expect(before.totals.insights).toBe(0);
    await createInsight(user, { title: 'Counted', tags: ['metrics'] });
    const stats = await eventually(async () => {
      const response = await callAs(user, '/stats');
      const body = (await response.json()) as { totals: { insights: number }; topTags: { key: string }[] };
      return body.totals.insights === 1 ? body : null;
    }, 30_000);
    expect(stats.topTags).toEqual([{ key: 'metrics', count: 1 }]);
  });

  it('writes the scheduled backup into BACKUP_DIR: it verifies, holds the data and keeps 7 daily', async () => {
    const user = await createUser({}, apps.apiUrl);
    const insight = await createInsight(user, { title: 'Backed up tonight' });
    const createdAt = Date.now();
    // A backup job that started after the insight existed.
    const job = await eventually(async () => {
      const done = await queue.getJobs(['completed'], 0, 1000);
      return done.find((j) => j.name === 'backup' && (j.processedOn ?? 0) > createdAt) ?? null;
    }, 30_000);
    const { path, documents } = job.returnvalue as { path: string; documents: number };
    expect(path.startsWith(join(apps.env['BACKUP_DIR'] ?? '', 'daily'))).toBe(true);
    expect(documents).toBeGreaterThan(0);

    // The backup tool checks it against its manifest (counts and checksums).
    const verify = spawnSync('npm', ['run', '--silent', 'backup', '--', 'verify', path], {
      cwd: ROOT,
      env: apps.env,
      encoding: 'utf8',
    });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/insights: [1-9]\d* documents/);
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toContain(insight.id);

    // Many periods ran: the daily tier keeps its newest 7, the monthly one this month's first.
    await eventually(
      async () => readdirSync(join(apps.env['BACKUP_DIR'] ?? '', 'daily')).length >= 7,
      40_000,
    );
    await new Promise((resolve) => setTimeout(resolve, PERIOD_SECONDS * 2 * 1000));
    expect(
      readdirSync(join(apps.env['BACKUP_DIR'] ?? '', 'daily')).filter((f) => !f.endsWith('.partial')).length,
    ).toBe(7);
    expect(readdirSync(join(apps.env['BACKUP_DIR'] ?? '', 'monthly'))).toHaveLength(1);
  });
});
