import type { ChildProcess } from 'node:child_process';
import mongoose, { type Connection, Types } from 'mongoose';
import type { Driver } from 'neo4j-driver';
import { openGraph } from '../support/analysis';
import { E2E_UNLIMITED_WRITES, e2eEnv, startApp, waitForOk } from '../support/apps';
import { becomes as eventually, stackService as stack } from '../support/stack-control';
import { LowRateLoad } from './low-rate-load';

/*
 * Fault injection under a steady low-rate load: stop and restart Neo4j, Redis and FerretDB in
 * turn, SIGKILL the worker, SIGKILL one of two api processes. After each fault and recovery:
 * every acknowledged write is in MongoDB, the Neo4j projection equals MongoDB, every insight's
 * graph version caught up (no sync job lost; none applied twice leaves duplicates), readiness
 * went 503 during a dependency fault and back to 200 without a restart, and the api answered
 * either normally or with a 503 problem — never a 500, never a hang.
 * These apps are this spec's own (two apis, one worker, own database and queue prefix).
 */

const BASE_PORT = Number(process.env['E2E_FAULTS_PORT'] ?? 3192);
const API_PORTS = [BASE_PORT, BASE_PORT + 1];
const WORKER_PORT = BASE_PORT + 2;
const API_URLS = API_PORTS.map((port) => `http://127.0.0.1:${port}`);
const WORKER_URL = `http://127.0.0.1:${WORKER_PORT}`;
const RECOVERY_MS = 90_000;

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** The readiness status (0: no answer within 8 s) and, when not ready, what it says is down. */
async function readiness(base: string): Promise<{ status: number; down?: unknown }> {
  try {
    const response = await fetch(`${base}/readiness`, { signal: AbortSignal.timeout(8000) });
    if (response.status === 200) return { status: 200 };
    return { status: response.status, down: ((await response.json()) as { error?: unknown }).error };
  } catch (error) {
    return { status: 0, down: String(error) };
  }
}

describe('faults under load', () => {
  // The load sends one request per 100 ms across 3 users, 7 in 10 of them writes: on a quick
  // machine that is ~130 writes per user per minute, over the e2e write limit.
  const env: NodeJS.ProcessEnv = { ...e2eEnv(), ...E2E_UNLIMITED_WRITES };
  const apis: ChildProcess[] = [];
  let worker: ChildProcess;
  let db: Connection;
  let driver: Driver;
  let load: LowRateLoad;

  const startApi = (index: number) => {
    apis[index] = startApp('api', { ...env, API_PORT: String(API_PORTS[index]) });
  };
  const startWorker = () => {
    worker = startApp('worker', { ...env, WORKER_PORT: String(WORKER_PORT) });
  };
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return; // gone already
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    startApi(0);
    startApi(1);
    startWorker();
    await Promise.all([...API_URLS, WORKER_URL].map((base) => waitForOk(`${base}/readiness`, 60_000)));
    db = await mongoose.createConnection(env['MONGODB_URI'] as string).asPromise();
    driver = openGraph();
    load = new LowRateLoad(API_URLS);
    await load.signUp(3);
    load.start();
    await sleep(3000);
  }, 120_000);

  afterAll(async () => {
    await load?.stop();
    for (const service of ['neo4j', 'redis', 'ferretdb']) await stack('up', service);
    await Promise.all([...apis, worker].filter(Boolean).map(kill));
    await driver?.close();
    await db?.close();
  }, 180_000);

  /** Every acknowledged insight is stored with its acknowledged title (or a later one it was sent). */
  async function expectAcknowledgedWritesStored(): Promise<void> {
    // The load keeps running: compare with what was acknowledged before the database was read.
    const acknowledged = [...load.acknowledged.insights].map(
      ([id, record]) => [id, [...record.titles]] as const,
    );
    const relationshipIds = [...load.acknowledged.relationships].map((id) => new Types.ObjectId(id));
    const ids = acknowledged.map(([id]) => new Types.ObjectId(id));
    const stored = await db
      .collection('insights')
      .find({ _id: { $in: ids } }, { projection: { title: 1 } })
      .toArray();
    const titles = new Map(stored.map((doc) => [doc._id.toHexString(), doc['title'] as string]));
    const lost = acknowledged
      .filter(([id, sent]) => !sent.includes(titles.get(id) ?? '<missing>'))
      .map(([id, sent]) => ({ id, stored: titles.get(id) ?? null, acknowledgedOrSent: sent }));
    expect({ checked: ids.length, lost }).toEqual({ checked: ids.length, lost: [] });
    const relationships = await db
      .collection('relationships')
      .countDocuments({ _id: { $in: relationshipIds } });
    expect(relationships).toBe(relationshipIds.length);
  }

  /** Neo4j holds exactly MongoDB's insights (id, title) and relationships of the load's users. */
  async function projectionMatches(): Promise<{ ok: boolean; detail: string }> {
    const userIds = load.userIds.map((id) => new Types.ObjectId(id));
    const docs = await db
      .collection('insights')
      .find(
        { userId: { $in: userIds }, deletedAt: null },
        { projection: { title: 1, version: 1, graphVersion: 1 } },
      )
      .toArray();
    const behind = docs.filter((doc) => doc['graphVersion'] !== doc['version']).length;
    const relationships = await db.collection('relationships').countDocuments({ userId: { $in: userIds } });
    const session = driver.session();
    try {
      const nodes = await session.run(
        'MATCH (i:Insight) WHERE i.userId IN $users RETURN i.id AS id, i.title AS title',
        { users: load.userIds },
      );
      const edges = await session.run(
        'MATCH (a:Insight)-[r]->(b:Insight) WHERE a.userId IN $users AND r.id IS NOT NULL RETURN count(r) AS n, count(DISTINCT r.id) AS distinct',
        { users: load.userIds },
      );
      const inGraph = new Map(nodes.records.map((r) => [r.get('id') as string, r.get('title') as string]));
      const mismatched = docs.filter((doc) => inGraph.get(doc._id.toHexString()) !== doc['title']).length;
      const edgeCount = edges.records[0].get('n') as number;
      const distinctEdges = edges.records[0].get('distinct') as number;
      const ok =
        behind === 0 &&
        mismatched === 0 &&
        nodes.records.length === docs.length &&
        edgeCount === distinctEdges &&
        edgeCount === relationships;
      return {
        ok,
        detail: `mongo ${docs.length} insights (${behind} behind), ${relationships} relationships; neo4j ${nodes.records.length} nodes (${mismatched} differ), ${edgeCount} edges (${distinctEdges} distinct)`,
      };
    } finally {
      await session.close();
    }
  }

  async function expectConsistentAfter(phase: string): Promise<void> {
    load.phase = `after ${phase}`;
    await sleep(2000);
    await expectAcknowledgedWritesStored();
    let last = { ok: false, detail: '' };
    const converged = await eventually(async () => (last = await projectionMatches()).ok, RECOVERY_MS);
    expect({ phase, converged, detail: last.detail }).toEqual({
      phase,
      converged: true,
      detail: last.detail,
    });
    const bad = load.unacceptable(['api 0 killed']);
    expect(bad).toEqual([]);
  }

  it.each([
    ['neo4j', 'neo4j'],
    ['redis', 'redis'],
    ['ferretdb', 'mongo'],
  ])(
    'when %s stops and starts again, the api degrades to 503 problems and recovers without a restart',
    async (service) => {
      const pids = apis.map((api) => api.pid);
      load.phase = `${service} down`;
      await stack('down', service);
      const sawNotReady = await eventually(async () => (await readiness(API_URLS[0])).status === 503, 15_000);
      await sleep(10_000);
      await stack('up', service);
      load.phase = `${service} restarting`;
      let last: Array<{ status: number; down?: unknown }> = [];
      const ready = await eventually(async () => {
        last = await Promise.all([...API_URLS, WORKER_URL].map(readiness));
        return last.every(({ status }) => status === 200);
      }, RECOVERY_MS);
      // [api 0, api 1, worker], with what a replica still not ready says is down.
      expect({ sawNotReady, ready, last }).toEqual({ sawNotReady: true, ready: true, last });
      expect(apis.map((api) => ({ pid: api.pid, running: api.exitCode === null }))).toEqual(
        pids.map((pid) => ({ pid, running: true })),
      );
      // The load ran through the outage: what each dependency's loss means for a request.
      const statuses = load.answers
        .filter((answer) => answer.phase === `${service} down`)
        .map((a) => a.status);
      // While MongoDB is gone each request waits for the driver's server selection, so few answer.
      expect(statuses.length).toBeGreaterThanOrEqual(2);
      if (service === 'neo4j') expect(statuses).toContain(201); // writes go on: MongoDB is the truth
      if (service === 'ferretdb') expect(statuses).toContain(503); // nothing can be read or written
      await expectConsistentAfter(`${service} outage`);
    },
    240_000,
  );

  it('when the worker is killed with SIGKILL and restarted, nothing is lost or applied twice', async () => {
    load.phase = 'worker killed';
    await kill(worker);
    await sleep(4000);
    startWorker();
    await waitForOk(`${WORKER_URL}/readiness`, 60_000);
    await expectConsistentAfter('worker SIGKILL');
  }, 240_000);

  it('when one of two apis is killed with SIGKILL, the other serves every request', async () => {
    load.phase = 'api 0 killed';
    const before = load.answers.length;
    await kill(apis[0]);
    // At least 10 answers after the kill, however slow a loaded machine makes each one.
    expect(await eventually(async () => load.answers.length - before > 10, 30_000)).toBe(true);
    const during = load.answers.slice(before);
    // The one request in flight on the killed process loses its connection (the load sends one
    // at a time); every other one is answered by the surviving api.
    const failed = during.filter(
      (answer) =>
        (answer.status < 200 || answer.status >= 300) &&
        !(answer.operation === 'link' && answer.status === 409),
    );
    expect(failed.length).toBeLessThanOrEqual(1);
    for (const answer of failed)
      expect(answer).toMatchObject({ status: 0, error: expect.stringMatching(/SOCKET|ECONNRESET/) });
    startApi(0);
    await waitForOk(`${API_URLS[0]}/readiness`, 60_000);
    await expectConsistentAfter('api SIGKILL');
  }, 240_000);
});
