/**
 * Core API benchmark: starts the built api (dist/apps/api/main.js) on generated data and
 * measures, in one run and against the same process,
 *   GET /health (the trivial baseline), GET /api/v1/insights?limit=20 and GET /api/v1/insights/:id
 *   at 32 connections, POST /api/v1/insights at 16 connections;
 * req/s, p50, p99, the ratio of req/s to /health, the API's RSS afterwards, and (for context)
 * how long the list query alone takes on the database. Prints a table and writes
 * bench/results-core-api.json.
 *
 *   npx nx run api:build
 *   node -r @swc-node/register tools/bench/core-api.ts --short   # ~1-2 minutes
 *   node -r @swc-node/register tools/bench/core-api.ts           # 100,000 + 10 × 10,000 insights
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose, { type Collection, type Connection, Types } from 'mongoose';
import { generatedEmail, GENERATED_PASSWORD } from '../datagen/generate-data';
import {
  datasetUri,
  ensureStandardDataset,
  STANDARD_DATASETS,
  type StandardDataset,
} from '../datagen/standard-dataset';
import { removeQueuedJobs } from '../lib/queues';
import { ROOT, rssOf, startApp, stopApp, waitForOk } from '../lib/app-process';
import { autocannon, type AutocannonRequest, type AutocannonResult } from './autocannon';

interface Profile {
  name: 'short' | 'full';
  /** The standard dataset (tools/datagen/standard-dataset.ts), shared with every benchmark. */
  dataset: StandardDataset;
  seconds: number;
  warmupSeconds: number;
}

const PROFILES: Record<Profile['name'], Profile> = {
  short: { name: 'short', dataset: STANDARD_DATASETS.short, seconds: 8, warmupSeconds: 2 },
  full: { name: 'full', dataset: STANDARD_DATASETS.full, seconds: 15, warmupSeconds: 3 },
};

const TARGETS = { readP99Ms: 25, readRatio: 0.4, writeP99Ms: 40, rssMb: 250 };

interface ScenarioResult {
  scenario: string;
  connections: number;
  requestsPerSecond: number;
  /** Requests answered within the window (a scenario that completes none has no latency figures). */
  completed: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  ratioToHealth: number | null;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

function options() {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      'skip-list': { type: 'boolean', default: false },
      seconds: { type: 'string' },
      port: { type: 'string', default: '3700' },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
      // The database to measure (run.ts passes the standard dataset it made sure of).
      'mongodb-uri': { type: 'string' },
      'redis-url': { type: 'string', default: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
      out: { type: 'string', default: join(ROOT, 'bench/results-core-api.json') },
    },
  });
  const profile = { ...PROFILES[values.short ? 'short' : 'full'] };
  if (values.seconds) profile.seconds = Number(values.seconds);
  return {
    profile,
    regenerate: values.regenerate,
    skipList: values['skip-list'],
    port: Number(values.port),
    mongodbUri: values['mongodb-uri'] ?? datasetUri(profile.dataset, values['mongodb-base']),
    redisUrl: values['redis-url'],
    out: values.out,
  };
}

async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: generatedEmail(0), password: GENERATED_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A sample of the heavy user's ids and the list query alone, timed against the database. */
async function probeDatabase(
  mongodbUri: string,
): Promise<{ ids: string[]; listQueryP50Ms: number; byIdP50Ms: number }> {
  const connection: Connection = await mongoose.createConnection(mongodbUri).asPromise();
  try {
    const user = await connection.collection('users').findOne({ email: generatedEmail(0) });
    if (!user) throw new Error('the generated heavy user is missing');
    const insights = connection.collection('insights');
    const sample = await insights
      .find({ userId: user._id, deletedAt: null }, { projection: { _id: 1 } })
      .limit(1000)
      .toArray();
    const ids = sample.map((doc) => (doc._id as Types.ObjectId).toHexString());
    const time = async (work: () => Promise<unknown>, runs: number): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await work();
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
    };
    const listQueryP50Ms = await time(
      () =>
        insights
          .find({ userId: user._id, deletedAt: null })
          .sort({ createdAt: -1, _id: -1 })
          .limit(21)
          .toArray(),
      5,
    );
    const byIdP50Ms = await time(() => insights.findOne({ _id: new Types.ObjectId(ids[0]) }), 50);
    return { ids, listQueryP50Ms, byIdP50Ms };
  } finally {
    await connection.close();
  }
}

interface DriverBaseline {
  operation: string;
  concurrency: number;
  operationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The same work on the database alone, through the raw driver at the same concurrency as the
 * api scenario: the ceiling the database sets, so a gap to the api is the api's own cost.
 */
async function driverBaseline(
  mongodbUri: string,
  operation: string,
  concurrency: number,
  seconds: number,
  work: (insights: Collection, n: number) => Promise<unknown>,
): Promise<DriverBaseline> {
  const connection: Connection = await mongoose
    .createConnection(mongodbUri, { maxPoolSize: concurrency })
    .asPromise();
  try {
    const insights = connection.collection('insights');
    const latencies: number[] = [];
    let n = 0;
    const run = async (until: number, record: boolean) => {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < until) {
            const started = performance.now();
            await work(insights, n++);
            if (record) latencies.push(performance.now() - started);
          }
        }),
      );
    };
    await run(Date.now() + 1000, false);
    const started = Date.now();
    await run(started + seconds * 1000, true);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]);
    return {
      operation,
      concurrency,
      operationsPerSecond: Math.round(latencies.length / ((Date.now() - started) / 1000)),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  } finally {
    await connection.close();
  }
}

async function measure(
  scenario: string,
  baseUrl: string,
  connections: number,
  profile: Profile,
  requests: AutocannonRequest[],
  headers: Record<string, string> = {},
): Promise<AutocannonResult> {
  const common = { url: baseUrl, connections, headers, requests, timeout: 60 };
  await autocannon({ ...common, duration: profile.warmupSeconds });
  log(`${scenario}: ${profile.seconds} s at ${connections} connections…`);
  return autocannon({ ...common, duration: profile.seconds });
}

function summarise(
  scenario: string,
  connections: number,
  result: AutocannonResult,
  health: AutocannonResult | null,
): ScenarioResult {
  const requestsPerSecond = (result.requests.total - result.non2xx) / result.duration;
  const answered = result.requests.total > 0;
  const healthPerSecond = health ? health.requests.total / health.duration : null;
  return {
    scenario,
    connections,
    requestsPerSecond: Math.round(requestsPerSecond),
    completed: result.requests.total,
    p50Ms: answered ? result.latency.p50 : null,
    p99Ms: answered ? result.latency.p99 : null,
    maxMs: answered ? result.latency.max : null,
    ratioToHealth: healthPerSecond ? Math.round((requestsPerSecond / healthPerSecond) * 1000) / 1000 : null,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function removeCreatedInsights(mongodbUri: string, runTag: string): Promise<void> {
  const connection = await mongoose.createConnection(mongodbUri).asPromise();
  await connection.collection('insights').deleteMany({ tags: runTag });
  await connection.close();
}

async function main(): Promise<void> {
  const { profile, regenerate, skipList, port, mongodbUri, redisUrl, out } = options();
  const started = Date.now();
  await ensureStandardDataset(profile.dataset, mongodbUri, { regenerate, log: (line) => log(line) });
  const probe = await probeDatabase(mongodbUri);
  log(
    `database alone: list query p50 ${probe.listQueryP50Ms.toFixed(1)} ms, _id lookup p50 ${probe.byIdP50Ms.toFixed(2)} ms`,
  );

  const queuePrefix = `bench-${randomBytes(3).toString('hex')}`;
  log(`database alone through the driver: _id lookups at 32, inserts at 16 (${profile.seconds} s each)…`);
  const objectIds = probe.ids.map((id) => new Types.ObjectId(id));
  const driver = [
    await driverBaseline(mongodbUri, 'findOne({_id})', 32, profile.seconds, (insights, n) =>
      insights.findOne({ _id: objectIds[n % objectIds.length] }),
    ),
    await driverBaseline(mongodbUri, 'insertOne', 16, profile.seconds, (insights, n) =>
      insights.insertOne({
        userId: new Types.ObjectId(),
        title: `Driver baseline ${n}`,
        content: 'Measured by tools/bench/core-api.ts.',
        tags: ['bench', queuePrefix],
        version: 1,
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    ),
  ];
  await removeCreatedInsights(mongodbUri, queuePrefix);
  // Marks what the POST scenario creates, so it is removed again and the dataset stays as generated.
  const runTag = queuePrefix;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { process: api } = startApp(
    'api',
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      API_PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: mongodbUri,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      // The POST scenario writes thousands of insights a minute as one user.
      WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
      ENABLE_API_DOCS: 'false',
    },
    'bench-core-api',
  );
  const results: ScenarioResult[] = [];
  let memory = { rssMb: NaN, peakRssMb: NaN };
  let idleMemory = { rssMb: NaN, peakRssMb: NaN };
  try {
    await waitForOk(`${baseUrl}/readiness`);
    const auth = { authorization: `Bearer ${await signIn(baseUrl)}` };
    let next = 0;
    const nextId = (request: AutocannonRequest): AutocannonRequest => ({
      ...request,
      path: `/api/v1/insights/${probe.ids[next++ % probe.ids.length]}`,
    });
    let created = 0;
    const nextBody = (request: AutocannonRequest): AutocannonRequest => ({
      ...request,
      body: JSON.stringify({
        title: `Benchmark insight ${created++}`,
        content: 'Measured by tools/bench/core-api.ts.\n\n- one\n- two',
        tags: ['bench', runTag],
        importance: 0.5,
      }),
    });

    idleMemory = rssOf(api.pid ?? 0);
    // The list goes last: on FerretDB it saturates the database, and requests still queued
    // there after its window would slow whatever was measured next.
    const health = await measure('GET /health', baseUrl, 32, profile, [{ method: 'GET', path: '/health' }]);
    const byId = await measure(
      'GET /insights/:id',
      baseUrl,
      32,
      profile,
      [{ method: 'GET', setupRequest: nextId }],
      auth,
    );
    const create = await measure(
      'POST /insights',
      baseUrl,
      16,
      profile,
      [
        {
          method: 'POST',
          path: '/api/v1/insights',
          headers: { 'content-type': 'application/json' },
          setupRequest: nextBody,
        },
      ],
      auth,
    );
    // The lists then read the dataset as generated, not grown by the POSTs.
    await removeCreatedInsights(mongodbUri, runTag);
    // One connection: the latency of a request that does not queue behind others (diagnostic).
    const listAlone = skipList
      ? null
      : await measure(
          'GET /insights?limit=20',
          baseUrl,
          1,
          profile,
          [{ method: 'GET', path: '/api/v1/insights?limit=20' }],
          auth,
        );
    // On FerretDB (no index use) a full-size list under load occupies the database for minutes.
    const list = skipList
      ? null
      : await measure(
          'GET /insights?limit=20',
          baseUrl,
          32,
          profile,
          [{ method: 'GET', path: '/api/v1/insights?limit=20' }],
          auth,
        );
    results.push(
      summarise('GET /health', 32, health, null),
      ...(list ? [summarise('GET /api/v1/insights?limit=20', 32, list, health)] : []),
      ...(listAlone ? [summarise('GET /api/v1/insights?limit=20 (1 connection)', 1, listAlone, null)] : []),
      summarise('GET /api/v1/insights/:id', 32, byId, health),
      summarise('POST /api/v1/insights', 16, create, health),
    );
    memory = rssOf(api.pid ?? 0);
  } finally {
    await stopApp(api);
    await removeQueuedJobs(redisUrl, queuePrefix).catch(() => undefined);
    await removeCreatedInsights(mongodbUri, runTag);
  }

  const find = (scenario: string) => results.find((result) => result.scenario === scenario);
  const listResult = find('GET /api/v1/insights?limit=20');
  const byIdResult = find('GET /api/v1/insights/:id');
  const createResult = find('POST /api/v1/insights');
  const within = (value: number | null | undefined, limit: number) => value != null && value <= limit;
  const atLeast = (value: number | null | undefined, limit: number) => value != null && value >= limit;
  const checks: Record<string, boolean | 'skipped'> = {
    listP99: listResult ? within(listResult.p99Ms, TARGETS.readP99Ms) : 'skipped',
    listRatio: listResult ? atLeast(listResult.ratioToHealth, TARGETS.readRatio) : 'skipped',
    byIdP99: within(byIdResult?.p99Ms, TARGETS.readP99Ms),
    byIdRatio: atLeast(byIdResult?.ratioToHealth, TARGETS.readRatio),
    createP99: within(createResult?.p99Ms, TARGETS.writeP99Ms),
    rss: memory.rssMb <= TARGETS.rssMb,
  };
  const report = {
    profile: profile.name,
    dataset: {
      database: new URL(mongodbUri).pathname.slice(1),
      heavyUserInsights: profile.dataset.bigUserInsights,
      heavyUserRelationships: profile.dataset.bigUserRelationships,
      otherUsers: profile.dataset.users,
      insightsPerOtherUser: profile.dataset.insightsPerUser,
    },
    secondsPerScenario: profile.seconds,
    mongodb: mongodbUri.replace(/\/\/[^@/]*@/, '//'),
    databaseAlone: {
      listQueryP50Ms: round(probe.listQueryP50Ms),
      byIdP50Ms: round(probe.byIdP50Ms),
      underLoad: driver,
    },
    results,
    api: { ...memory, idleRssMbBeforeRun: idleMemory.rssMb },
    targets: TARGETS,
    checks,
    node: process.version,
    // Everything (api, database, load generator) shares this machine's CPUs.
    cpus: availableParallelism(),
    finishedAt: new Date().toISOString(),
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  console.log('');
  console.table(
    results.map((r) => ({
      scenario: r.scenario,
      conns: r.connections,
      'req/s': r.requestsPerSecond,
      completed: r.completed,
      'p50 ms': r.p50Ms ?? '-',
      'p99 ms': r.p99Ms ?? '-',
      'ratio to /health': r.ratioToHealth ?? '-',
      'non-2xx': r.non2xx,
      errors: r.errors,
    })),
  );
  console.log('Database alone (raw driver, same concurrency):');
  console.table(
    driver.map((d) => ({
      operation: d.operation,
      concurrency: d.concurrency,
      'ops/s': d.operationsPerSecond,
      'p50 ms': d.p50Ms,
      'p99 ms': d.p99Ms,
    })),
  );
  console.log(
    `API RSS after the run: ${memory.rssMb} MB (peak ${memory.peakRssMb} MB; ${idleMemory.rssMb} MB idle before it)`,
  );
  const verdict = (ok: boolean | 'skipped') => (ok === 'skipped' ? 'skipped' : ok ? 'met' : 'MISSED');
  console.log(
    `Targets: ${Object.entries(checks)
      .map(([name, ok]) => `${name} ${verdict(ok)}`)
      .join(', ')}`,
  );
  console.log(`Written to ${out} (${report.wallSeconds} s in all)`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
