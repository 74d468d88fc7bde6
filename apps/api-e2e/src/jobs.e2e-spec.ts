import { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import type { JobStatus, Page } from '@insight/contracts';
import { E2E_QUEUE_PREFIX } from './support/apps';
import { openDatabase } from './support/database';
import { eventually } from './support/graph';
import { callAs, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createAdmin, createUser, type TestUser } from './support/users';

jest.setTimeout(60_000);

describe('jobs', () => {
  let db: Connection;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    db = await openDatabase();
    [alice, bob, admin] = await Promise.all([createUser(), createUser(), createAdmin(db)]);
  });

  afterAll(() => db.close());

  describe('GET /jobs/:id', () => {
    it("answers the owner and 404 to anyone else, admins included, for a user's job", async () => {
      const insight = await createInsight(alice, { title: 'Whose job is it' });
      const id = `graph-sync.${insight.id}-v1`;
      expect(await jsonOf<JobStatus>(await callAs(alice, `/jobs/${id}`), 200)).toMatchObject({ id });
      for (const other of [bob, admin]) {
        const response = await callAs(other, `/jobs/${id}`);
        expect(response.status).toBe(404);
        await problemOf(response);
      }
    });

    it('shows admin work to every admin and to nobody else', async () => {
      const accepted = await jsonOf<{ jobId: string }>(
        await callAs(admin, '/admin/ping', { method: 'POST', body: {} }),
        202,
      );
      const otherAdmin = await createAdmin(db);
      expect((await callAs(otherAdmin, `/jobs/${accepted.jobId}`)).status).toBe(200);
      expect((await callAs(alice, `/jobs/${accepted.jobId}`)).status).toBe(404);
    });
  });

  describe('failed jobs (admin)', () => {
    let queue: Queue;
    const failing: string[] = [];

    beforeAll(async () => {
      // A job the worker cannot run (an unknown maintenance job) fails on its only attempt.
      queue = new Queue('graph-maintenance', {
        connection: { url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
        prefix: process.env[E2E_QUEUE_PREFIX],
      });
      for (let i = 0; i < 3; i++) {
        const job = await queue.add(
          'no-such-maintenance',
          {},
          { jobId: `bogus-${Date.now()}-${i}`, attempts: 1 },
        );
        failing.push(`graph-maintenance.${job.id}`);
      }
      await eventually(async () => (await queue.getFailedCount()) >= 3, 30_000);
    });

    afterAll(() => queue.close());

    const listFailed = async (query: string) =>
      jsonOf<Page<JobStatus>>(await callAs(admin, `/admin/jobs/failed?${query}`), 200);

    it('lists failed jobs of a queue with their errors, page by page', async () => {
      const first = await listFailed('queue=graph-maintenance&limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).toEqual(expect.any(String));
      const rest = await listFailed(`queue=graph-maintenance&limit=2&cursor=${first.nextCursor}`);
      const ids = [...first.items, ...rest.items].map((job) => job.id);
      expect(ids).toEqual(expect.arrayContaining(failing));
      expect(new Set(ids).size).toBe(ids.length);
      const one = first.items.find((job) => failing.includes(job.id));
      expect(one).toMatchObject({ state: 'failed', error: expect.stringContaining('no-such-maintenance') });
    });

    it('retries a failed job and discards another', async () => {
      const before = await jsonOf<JobStatus>(await callAs(admin, `/jobs/${failing[0]}`), 200);
      const retried = await jsonOf<JobStatus>(
        await callAs(admin, `/admin/jobs/${failing[0]}/retry`, { method: 'POST' }),
        200,
      );
      expect(retried.id).toBe(failing[0]);
      expect(retried).toMatchObject({ state: 'waiting' });
      expect(retried.error).toBeUndefined();
      // It ran again and failed again (the cause is still there).
      await eventually(async () => {
        const status = await jsonOf<JobStatus>(await callAs(admin, `/jobs/${failing[0]}`), 200);
        return (
          status.state === 'failed' &&
          Date.parse(status.finishedAt ?? '') > Date.parse(before.finishedAt ?? '')
        );
      }, 30_000);

      expect((await callAs(admin, `/admin/jobs/${failing[1]}`, { method: 'DELETE' })).status).toBe(204);
      expect((await callAs(admin, `/jobs/${failing[1]}`)).status).toBe(404);
      expect((await callAs(admin, `/admin/jobs/${failing[1]}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('refuses to retry or discard a job that has not failed', async () => {
      const accepted = await jsonOf<{ jobId: string }>(
        await callAs(admin, '/admin/ping', { method: 'POST', body: {} }),
        202,
      );
      await eventually(async () => {
        const status = await jsonOf<JobStatus>(await callAs(admin, `/jobs/${accepted.jobId}`), 200);
        return status.state === 'completed';
      }, 30_000);
      const response = await callAs(admin, `/admin/jobs/${accepted.jobId}/retry`, { method: 'POST' });
      expect(response.status).toBe(409);
      await problemOf(response);
    });

    it('answers bad input with the field and the reason', async () => {
      const unknownQueue = await callAs(admin, '/admin/jobs/failed?queue=nope');
      expect(unknownQueue.status).toBe(400);
      expect((await problemOf(unknownQueue)).errors).toHaveProperty('queue');
      const badCursor = await callAs(admin, '/admin/jobs/failed?queue=ping&cursor=zzz');
      expect(badCursor.status).toBe(400);
      expect((await problemOf(badCursor)).errors).toHaveProperty('cursor');
    });

    it('is hidden from non-admins', async () => {
      expect((await callAs(alice, '/admin/jobs/failed?queue=ping')).status).toBe(404);
      expect((await callAs(alice, `/admin/jobs/${failing[2]}/retry`, { method: 'POST' })).status).toBe(404);
      expect((await callAs(alice, `/admin/jobs/${failing[2]}`, { method: 'DELETE' })).status).toBe(404);
    });
  });
});
