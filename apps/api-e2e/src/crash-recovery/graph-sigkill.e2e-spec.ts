import type { ChildProcess } from 'node:child_process';
import mongoose, { type Connection, Types } from 'mongoose';
import type { Driver } from 'neo4j-driver';
import type { AuthSession, Insight, JobAccepted, JobStatus, Relationship } from '@insight/contracts';
import { E2E_UNLIMITED_WRITES, e2eEnv, startApp, waitForOk } from '../support/apps';
import { freePort } from '../support/private-apps';
import { openGraph } from '../support/analysis';
import { eventually } from '../support/graph';
import { uniqueClientIp, uniqueEmail, TEST_PASSWORD } from '../support/users';

jest.setTimeout(300_000);

const INSIGHTS = 400;
const RELATIONSHIPS = 300;
const CONCURRENCY = 8;

/** Runs `work` for 0..count-1, `CONCURRENCY` at a time. */
async function times<T>(count: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

/**
 * SIGKILL the worker in the middle of bulk graph syncs; after a restart the projection must hold
 * exactly what MongoDB holds: nothing missing, nothing duplicated. The spec runs an api and a
 * worker of its own (own ports, database and queue prefix) so it can kill its worker without
 * touching the suite's.
 */
describe('graph sync survives a worker killed with SIGKILL', () => {
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;
  let workerUrl: string;
  let api: ChildProcess;
  let worker: ChildProcess;
  let db: Connection;
  let driver: Driver;
  let headers: Record<string, string>;
  let userId: string;

  const call = async <T>(path: string, expected: number, method = 'GET', body?: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status !== expected) {
      throw new Error(
        `${method} ${path}: expected ${expected}, got ${response.status}: ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  };

  async function startWorker(): Promise<void> {
    worker = startApp('worker', env);
    await waitForOk(`${workerUrl}/readiness`, 60_000);
  }

  async function killWorker(): Promise<void> {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;
  }

  async function signIn(): Promise<void> {
    const email = uniqueEmail('sigkill');
    const register = await fetch(`${apiUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': uniqueClientIp() },
      body: JSON.stringify({ email, password: TEST_PASSWORD, displayName: 'Killer' }),
    });
    userId = ((await register.json()) as AuthSession).user.id;
    // An admin, for the rebuild (there is no API to grant the role).
    await db.collection('users').updateOne({ _id: new Types.ObjectId(userId) }, { $set: { role: 'admin' } });
    const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': uniqueClientIp() },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    headers = { authorization: `Bearer ${((await login.json()) as AuthSession).accessToken}` };
  }

  async function projectedInsights(): Promise<number> {
    const session = driver.session();
    try {
      const result = await session.run('MATCH (i:Insight {userId: $userId}) RETURN count(i) AS n', {
        userId,
      });
      return result.records[0].get('n') as number;
    } finally {
      await session.close();
    }
  }

  /** Null when the projection equals MongoDB, else what differs (for the failure message). */
  async function difference(): Promise<string | null> {
    const owner = new Types.ObjectId(userId);
    const insights = await db
      .collection('insights')
      .find({ userId: owner }, { projection: { _id: 1, title: 1, version: 1 } })
      .toArray();
    const relationships = await db
      .collection('relationships')
      .find({ userId: owner }, { projection: { _id: 1 } })
      .toArray();
    const session = driver.session();
    try {
      const nodes = await session.run(
        'MATCH (i:Insight {userId: $userId}) RETURN i.id AS id, i.title AS title, i.version AS version',
        { userId },
      );
      const edges = await session.run(
        `MATCH (:Insight {userId: $userId})-[r]->(:Insight)
         WHERE r.id IS NOT NULL RETURN r.id AS id, count(*) AS copies`,
        { userId },
      );
      const inGraph = new Map(nodes.records.map((r) => [r.get('id') as string, r.toObject()]));
      if (inGraph.size !== nodes.records.length) return 'an insight node is duplicated';
      if (inGraph.size !== insights.length) return `${inGraph.size} of ${insights.length} insights projected`;
      for (const doc of insights) {
        const node = inGraph.get(doc._id.toHexString());
        if (!node) return `insight ${doc._id.toHexString()} is missing`;
        if (node['title'] !== doc['title'] || node['version'] !== doc['version']) {
          return `insight ${doc._id.toHexString()} differs`;
        }
      }
      const duplicated = edges.records.filter((r) => (r.get('copies') as number) !== 1);
      if (duplicated.length > 0) return `${duplicated.length} relationships have more than one edge`;
      const edgeIds = new Set(edges.records.map((r) => r.get('id') as string));
      if (edgeIds.size !== relationships.length) {
        return `${edgeIds.size} of ${relationships.length} relationships projected`;
      }
      const missing = relationships.find((doc) => !edgeIds.has(doc._id.toHexString()));
      return missing ? `relationship ${missing._id.toHexString()} is missing` : null;
    } finally {
      await session.close();
    }
  }

  async function expectProjectionEqualsMongo(): Promise<void> {
    let last: string | null = 'not compared yet';
    // Killed jobs come back through BullMQ's stalled-job check (lock expiry, ~30 s) or the
    // reconciliation; both must have run well within this bound.
    await eventually(async () => {
      last = await difference();
      return last === null;
    }, 150_000).catch(() => {
      throw new Error(`projection still differs from MongoDB: ${last}`);
    });
  }

  beforeAll(async () => {
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    workerUrl = `http://127.0.0.1:${workerPort}`;
    env = {
      ...e2eEnv(),
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      ...E2E_UNLIMITED_WRITES,
    };
    api = startApp('api', env);
    await waitForOk(`${apiUrl}/readiness`, 60_000);
    await startWorker();
    db = await mongoose.createConnection(env['MONGODB_URI'] as string).asPromise();
    driver = openGraph();
    await signIn();
  });

  afterAll(async () => {
    for (const child of [worker, api]) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
    const session = driver?.session();
    await session?.run('MATCH (n) WHERE n.userId = $userId OR n.id = $userId DETACH DELETE n', { userId });
    await session?.close();
    await driver?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it('loses and duplicates nothing when killed during a burst of creates', async () => {
    let created = 0;
    const burst = times(INSIGHTS, async (i) => {
      const insight = await call<Insight>('/insights', 201, 'POST', {
        title: `Burst ${i}`,
        content: `Created while the worker dies ${i}`,
        tags: [`t${i % 7}`],
      });
      created++;
      return insight;
    });
    // Kill once part of the burst is projected, while the rest is still being written and queued.
    const projectedAtKill = await eventually(async () => {
      const n = await projectedInsights();
      return n > 0 ? n : null;
    }, 60_000);
    const createdAtKill = created;
    await killWorker();
    const insights = await burst;
    expect(projectedAtKill).toBeGreaterThan(0);
    expect(createdAtKill).toBeLessThan(INSIGHTS);
    // More writes while the worker is dead: links between the insights.
    await times(RELATIONSHIPS, (i) =>
      call<Relationship>('/relationships', 201, 'POST', {
        sourceId: insights[i].id,
        targetId: insights[(i * 7 + 1) % INSIGHTS].id,
        type: i % 2 ? 'supports' : 'related',
        strength: 0.5,
      }),
    );
    expect(await difference()).not.toBeNull(); // the kill left the projection behind
    await startWorker();
    await expectProjectionEqualsMongo();
  });

  it('loses and duplicates nothing when killed in the middle of a rebuild', async () => {
    const accepted = await call<JobAccepted>('/admin/graph/rebuild', 202, 'POST');
    const statusPath = accepted.statusUrl.replace('/api/v1', '');
    // Kill once the rebuild has wiped the projection and is replaying it.
    const atKill = await eventually(async () => {
      const status = await call<JobStatus>(statusPath, 200);
      if (status.state === 'completed') throw new Error('the rebuild finished before it could be killed');
      return status.state === 'active' && Number(status.progress) >= 1 ? status : null;
    }, 60_000);
    await killWorker();
    expect(Number(atKill.progress)).toBeLessThan(100);
    await startWorker();
    const done = await eventually(async () => {
      const status = await call<JobStatus>(statusPath, 200);
      return status.state === 'completed' || status.state === 'failed' ? status : null;
    }, 150_000);
    expect(done.state).toBe('completed');
    await expectProjectionEqualsMongo();
  });
});
