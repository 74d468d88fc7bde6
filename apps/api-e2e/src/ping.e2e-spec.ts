import type { Connection } from 'mongoose';
import type { JobAccepted, JobStatus, PingResult } from '@insight/contracts';
import { API_URL, WORKER_URL } from './support/apps';
import { openDatabase } from './support/database';
import { createAdmin, type TestUser } from './support/users';

describe('the queue path: api → Redis → worker', () => {
  let db: Connection;
  let admin: TestUser;

  beforeAll(async () => {
    db = await openDatabase();
    admin = await createAdmin(db);
  });

  afterAll(() => db.close());

  it('processes a ping job and exposes its result', async () => {
    const accepted = await fetch(`${API_URL}/api/v1/admin/ping`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'from e2e' }),
    });
    expect(accepted.status).toBe(202);
    const { statusUrl } = (await accepted.json()) as JobAccepted;
    expect(accepted.headers.get('location')).toBe(statusUrl);

    let status: JobStatus<PingResult> | undefined;
    for (let i = 0; i < 100; i++) {
      const response = await fetch(`${API_URL}${statusUrl}`, { headers: admin.headers });
      status = (await response.json()) as JobStatus<PingResult>;
      if (status.state === 'completed' || status.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status?.state).toBe('completed');
    expect(status?.result).toMatchObject({ pong: true, message: 'from e2e' });

    // The worker reports what it did and what waits, per queue.
    const metrics = await (await fetch(`${WORKER_URL}/metrics`)).text();
    const completed = metrics.match(
      /^insight_job_duration_seconds_count\{queue="ping",state="completed"\} (\d+)$/m,
    );
    expect(Number(completed?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^insight_queue_jobs\{queue="ping",state="waiting"\} 0$/m);
    expect(metrics).toMatch(/^insight_queue_oldest_waiting_job_age_seconds\{queue="ping"\} 0$/m);
  });

  it('answers a job status only to a signed-in caller', async () => {
    const response = await fetch(`${API_URL}/api/v1/jobs/ping.anything`);
    expect(response.status).toBe(401);
  });
});
