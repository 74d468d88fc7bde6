import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, WebhookDelivery } from '@insight/contracts';
import { waitForOk } from './support/apps';
import { eventually } from './support/graph';
import { callAs, createInsight, jsonOf } from './support/insights-client';
import { exited, freePort, type PrivateApps, startPrivateApps } from './support/private-apps';
import { createUser, type TestUser } from './support/users';

jest.setTimeout(120_000);

/** A webhook target that holds every request for `delayMs` before answering 200. */
async function slowReceiver(delayMs: number): Promise<{ url: string; arrived: number[]; server: Server }> {
  const arrived: number[] = [];
  const server = createServer((request, response) => {
    request.resume();
    arrived.push(Date.now());
    setTimeout(() => response.end('ok'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrived, server };
}

async function deliveries(user: TestUser, webhookId: string): Promise<WebhookDelivery[]> {
  return (await jsonOf<Page<WebhookDelivery>>(await callAs(user, `/webhooks/${webhookId}/deliveries`), 200))
    .items;
}

/** Creates a webhook for new insights and an insight, so the worker starts one delivery job. */
async function startDelivery(user: TestUser, url: string): Promise<string> {
  const hook = await jsonOf<{ id: string }>(
    await callAs(user, '/webhooks', { method: 'POST', body: { url, events: ['insight.created'] } }),
    201,
  );
  await createInsight(user, { title: 'Delivered while stopping' });
  return hook.id;
}

describe('worker shutdown (SIGTERM)', () => {
  let apps: PrivateApps;
  const slowMs = 3000;

  afterEach(() => apps?.stop());

  it('lets the job in flight finish before it exits', async () => {
    const receiver = await slowReceiver(slowMs);
    apps = await startPrivateApps(1, {
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
      WEBHOOK_TIMEOUT_MS: '10000',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    const user = await createUser({}, apps.apiUrl);
    const hookId = await startDelivery(user, receiver.url);
    await eventually(async () => receiver.arrived.length > 0, 30_000);

    const worker = apps.workers[0].process;
    const stopping = Date.now();
    worker.kill('SIGTERM');
    const { code, signal } = await exited(worker);
    // It waited for the answer, then stopped cleanly (Nest re-raises the signal after closing).
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - stopping).toBeGreaterThanOrEqual(slowMs - 1000);
    const [delivery] = await deliveries(user, hookId);
    expect(delivery).toMatchObject({ status: 'succeeded', statusCode: 200, attempts: 1 });
    receiver.server.close();
  });

  it('gives up waiting after SHUTDOWN_TIMEOUT_MS', async () => {
    const receiver = await slowReceiver(30_000);
    apps = await startPrivateApps(1, {
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
      WEBHOOK_TIMEOUT_MS: '60000',
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    const user = await createUser({}, apps.apiUrl);
    await startDelivery(user, receiver.url);
    await eventually(async () => receiver.arrived.length > 0, 30_000);

    const worker = apps.workers[0].process;
    const stopping = Date.now();
    worker.kill('SIGTERM');
    const { code } = await exited(worker);
    expect(code).toBe(1);
    expect(Date.now() - stopping).toBeLessThan(8000);
    receiver.server.closeAllConnections();
    receiver.server.close();
  });
});

describe('Redis restarted while the worker runs', () => {
  let redis: ChildProcess | undefined;
  let apps: PrivateApps | undefined;
  let redisPort: number;

  const startRedis = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    // Ready once it answers PING.
    await eventually(async () => {
      const { Redis } = await import('ioredis');
      const probe = new Redis({
        port: redisPort,
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, 10_000);
    return child;
  };

  afterAll(async () => {
    await apps?.stop();
    if (redis && redis.exitCode === null) {
      redis.kill('SIGTERM');
      await exited(redis);
    }
  });

  it('reconnects and keeps processing without a restart', async () => {
    redisPort = await freePort();
    redis = await startRedis();
    apps = await startPrivateApps(1, { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    const user = await createUser({}, apps.apiUrl);
    const before = await createInsight(user, { title: 'Before the restart' });
    await eventually(async () => {
      const response = await callAs(user, `/jobs/graph-sync.${before.id}-v1`);
      return response.status === 200 && ((await response.json()) as { state: string }).state === 'completed';
    }, 30_000);

    // Stop Redis (its data goes with it: --save ''), then bring it back on the same port.
    redis.kill('SIGKILL');
    await exited(redis);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    redis = await startRedis();
    const worker = apps.workers[0];
    expect(worker.process.exitCode).toBeNull();
    await waitForOk(`${worker.url}/readiness`, 30_000);

    // New work is picked up by the same worker process.
    const after = await createInsight(user, { title: 'After the restart' });
    await eventually(async () => {
      const response = await callAs(user, `/jobs/graph-sync.${after.id}-v1`);
      return response.status === 200 && ((await response.json()) as { state: string }).state === 'completed';
    }, 30_000);
    expect(worker.process.exitCode).toBeNull();
  });
});
