/**
 * Knowledge-graph benchmark: sync throughput, search, neighbourhood and path latency, and the
 * graph lag after a burst of creates, against the built api and worker (`npx nx run-many -t build
 * -p api worker` first) on generated data (tools/datagen, with typed relationships).
 *
 *   1. initial sync: an admin rebuild into an empty projection (insights projected per second);
 *   2. rebuild: the same again over the existing projection (wipe, then replay);
 *   3. search at 8 connections: 1 word, 3 words, a typo, a filtered query; `/health` baseline
 *      (after one unmeasured run of all the requests of 3 and 4: a server in its steady state);
 *   4. neighbourhood depth 2 (limit 200) and shortest path between random pairs;
 *   5. baselines: the same search and neighbourhood reads on Neo4j without the api (the app's
 *      services in this process, 8 at a time), and search hydration alone against the database
 *      (one `_id: { $in }` of 20 ids, as findByIds);
 *   6. a burst of creates through the api, then how long until the graph caught up.
 *
 * See tools/bench/README.md.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose, { type Connection, Types } from 'mongoose';
import {
  datasetUri,
  ensureStandardDataset,
  STANDARD_DATASETS,
  type StandardDataset,
  totalInsights,
} from '../datagen/standard-dataset';
import { NO_SCHEDULED_WORK, ROOT, rssOf, startApp, stopApp, waitForOk } from '../lib/app-process';
import { promoteHeavyUser, rebuildGraph, signInHeavyUser } from './generated-user';
import { percentile } from '../lib/percentile';
import { removeQueuedJobs } from '../lib/queues';
import { autocannon, type AutocannonRequest, type AutocannonResult } from './autocannon';
import { type AloneResult, graphReadsAlone } from './graph-alone';

interface Profile {
  name: string;
  /** short and full: the standard dataset every benchmark shares (tools/datagen/standard-dataset.ts). */
  dataset: StandardDataset;
  seconds: number;
  /** One unmeasured run of every scenario's requests first (a freshly started Neo4j compiles its hot paths). */
  warmupSeconds: number;
  burst: number;
}

const PROFILES: Record<string, Profile> = {
  short: { name: 'short', dataset: STANDARD_DATASETS.short, seconds: 6, warmupSeconds: 4, burst: 500 },
  medium: {
    name: 'medium',
    dataset: oneUser(30_000, 90_000),
    seconds: 10,
    warmupSeconds: 15,
    burst: 3_000,
  },
  full: { name: 'full', dataset: STANDARD_DATASETS.full, seconds: 15, warmupSeconds: 20, burst: 10_000 },
};

/** A one-off dataset of the heavy user alone (medium, or --insights/--relationships). */
function oneUser(insights: number, relationships: number): StandardDataset {
  return {
    size: `${insights}-${relationships}`,
    database: `insight-bench-graph-${insights}-${relationships}`,
    bigUserInsights: insights,
    bigUserRelationships: relationships,
    users: 0,
    insightsPerUser: 0,
  };
}

/** Requests each latency scenario cycles through: a bounded sample, whatever the dataset's size. */
const NEIGHBORHOOD_SAMPLES = 200;
const PATH_SAMPLES = 200;
const SEARCH_SAMPLES = 50;
/** A rebuild that has not finished by then fails the run rather than hanging it. */
const REBUILD_DEADLINE_MS = 45 * 60_000;
/** Conservative rates for the time estimate printed at the start (a loaded 2-core machine). */
const ESTIMATE = {
  syncPerSecond: 500,
  relationshipsPerSecond: 1_000,
  createsPerSecond: 100,
  generatePerSecond: 1_500,
};

const TARGETS = { searchP99Ms: 50, neighborhoodP99Ms: 50, pathP99Ms: 100, syncPerSecond: 2000 };
const CONNECTIONS = 8;
/** The neighbourhood scenario's name in the results, through the api and alone. */
const NEIGHBORHOOD_SCENARIO = 'neighborhood depth 2 limit 200';
/** The burst stops creating after this long, however many it created (a bounded run). */
const BURST_MAX_MS = 5 * 60_000;
/** The tag of a burst's insights, followed by the run's time. */
const BURST_TAG_PREFIX = 'burst-';

function log(line: string): void {
  console.log(`[graph-bench] ${line}`);
}

function options() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'short' },
      insights: { type: 'string' },
      relationships: { type: 'string' },
      seconds: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      port: { type: 'string', default: '3710' },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
      // The database to measure (run.ts passes the standard dataset it made sure of).
      'mongodb-uri': { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'bench/results-graph.json') },
    },
  });
  const base = PROFILES[values.profile];
  if (!base) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  const profile = { ...base };
  if (values.insights || values.relationships) {
    profile.dataset = oneUser(
      Number(values.insights ?? base.dataset.bigUserInsights),
      Number(values.relationships ?? base.dataset.bigUserRelationships),
    );
  }
  if (values.seconds) profile.seconds = Number(values.seconds);
  return {
    profile,
    database: profile.dataset.database,
    regenerate: values.regenerate,
    port: Number(values.port),
    mongodbUri: values['mongodb-uri'] ?? datasetUri(profile.dataset, values['mongodb-base']),
    out: values.out,
  };
}

/** Minutes the run should take at conservative rates, printed first so a full run is no surprise. */
function estimateMinutes(profile: Profile, generate: boolean): number {
  const insights = totalInsights(profile.dataset);
  const relationships = profile.dataset.bigUserRelationships;
  const seconds =
    (generate ? (insights + relationships) / ESTIMATE.generatePerSecond : 0) +
    2 * (insights / ESTIMATE.syncPerSecond + relationships / ESTIMATE.relationshipsPerSecond) +
    7 * (profile.seconds + 2) +
    profile.burst / ESTIMATE.createsPerSecond +
    60;
  return Math.ceil(seconds / 60);
}

/** Figures of one autocannon scenario. */
function summarise(scenario: string, result: AutocannonResult, health?: AutocannonResult) {
  const perSecond = result.requests.total / result.duration;
  return {
    scenario,
    connections: CONNECTIONS,
    requestsPerSecond: Math.round(perSecond),
    completed: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ratioToHealth: health
      ? Math.round((perSecond / (health.requests.total / health.duration)) * 1000) / 1000
      : null,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Cycles through `paths`, one per request. */
function rotating(paths: string[]): AutocannonRequest[] {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
    },
  ];
}

/** Removes the insights of every burst (tagged `burst-…`) from the dataset; returns how many. */
async function removeBursts(connection: Connection): Promise<number> {
  const { deletedCount } = await connection
    .collection('insights')
    .deleteMany({ tags: { $regex: `^${BURST_TAG_PREFIX}` } });
  return deletedCount;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { profile, database, regenerate, port, mongodbUri, out } = options();
  log(
    `dataset ${database}: ${totalInsights(profile.dataset).toLocaleString('en')} insights, ` +
      `${profile.dataset.bigUserRelationships.toLocaleString('en')} relationships; estimated ≤ ` +
      `${estimateMinutes(profile, regenerate)} min (plus generation the first time)`,
  );
  await ensureStandardDataset(profile.dataset, mongodbUri, { regenerate, log: (line) => log(line) });
  const connection: Connection = await mongoose.createConnection(mongodbUri).asPromise();
  // A run cut short leaves its burst in the shared dataset: take out every earlier one first.
  const leftovers = await removeBursts(connection);
  if (leftovers > 0) log(`removed ${leftovers} insights an interrupted run's burst left behind`);
  const userId = await promoteHeavyUser(connection);
  // Sample ids and words (from titles) of the heavy user, for the requests.
  const sample = await connection
    .collection('insights')
    .find({ userId, deletedAt: null }, { projection: { _id: 1, title: 1, tags: 1 } })
    .limit(2000)
    .toArray();
  const ids = sample.map((doc) => (doc._id as Types.ObjectId).toHexString());
  const words = [
    ...new Set(
      sample.flatMap(
        (doc) =>
          String(doc['title'])
            .toLowerCase()
            .match(/[a-z]{5,}/g) ?? [],
      ),
    ),
  ];
  const tags = [...new Set(sample.flatMap((doc) => (doc['tags'] as string[]) ?? []))];

  const queuePrefix = `bench-graph-${Date.now().toString(36)}`;
  const env = {
    MONGODB_URI: mongodbUri,
    QUEUE_PREFIX: queuePrefix,
    API_PORT: String(port),
    WORKER_PORT: String(port + 1),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    JWT_SECRET: 'graph-bench-secret-graph-bench-secret-0123456789',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    // One sign-in serves the whole run (the two rebuilds alone take ~10 minutes at the full size).
    ACCESS_TOKEN_TTL_SECONDS: '14400',
    // The graph alone: a worker's first start would otherwise begin the period's rediscovery of
    // all 200,000 insights and the review refresh, which compete with the rebuilds measured.
    ...NO_SCHEDULED_WORK,
  };
  const api = startApp('api', env, 'bench-graph').process;
  const worker = startApp('worker', env, 'bench-graph').process;
  const baseUrl = `http://127.0.0.1:${port}`;
  const results: ReturnType<typeof summarise>[] = [];
  let sync: Record<string, unknown> = {};
  let hydration: Record<string, unknown> = {};
  let graphAlone: Record<string, AloneResult> = {};
  let lag: Record<string, unknown> = {};
  let memory = { api: { rssMb: 0, peakRssMb: 0 }, worker: { rssMb: 0, peakRssMb: 0 } };
  try {
    await Promise.all([
      waitForOk(`${baseUrl}/readiness`),
      waitForOk(`http://127.0.0.1:${port + 1}/readiness`),
    ]);
    const auth = await signInHeavyUser(baseUrl);
    const rebuild = (label: string) => rebuildGraph(baseUrl, auth, label, log, REBUILD_DEADLINE_MS);
    // "Initial sync": the projection of these users starts empty (the rebuild wipes it first).
    const initial = await rebuild('initial sync');
    const again = await rebuild('rebuild');
    sync = {
      initialSync: initial,
      rebuild: again,
      // Relationships are projected after the insights; both phases counted per insight.
      initialInsightsPerSecond: initial.insightsPerSecond,
      rebuildInsightsPerSecond: again.insightsPerSecond,
    };

    const load = (requests: AutocannonRequest[], headers: Record<string, string> = auth) => ({
      url: baseUrl,
      connections: CONNECTIONS,
      headers,
      requests,
      timeout: 30,
    });
    const measure = async (
      scenario: string,
      requests: AutocannonRequest[],
      headers: Record<string, string> = auth,
    ) => {
      const common = load(requests, headers);
      await autocannon({ ...common, duration: 2 });
      const result = await autocannon({ ...common, duration: profile.seconds });
      // Printed as it comes: an interrupted run still shows what it measured.
      log(`${scenario}: ${JSON.stringify(summarise(scenario, result))}`);
      return result;
    };
    const pick = <T>(list: T[], i: number): T => list[(i * 7919) % list.length];
    const q = (text: string) => `/api/v1/search?q=${encodeURIComponent(text)}&limit=20`;
    const typo = (word: string) => `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`; // swap two letters
    const searchTexts: Record<string, string[]> = {
      '1 word': Array.from({ length: SEARCH_SAMPLES }, (_, i) => pick(words, i)),
      '3 words': Array.from(
        { length: SEARCH_SAMPLES },
        (_, i) => `${pick(words, i)} ${pick(words, i + 1)} ${pick(words, i + 2)}`,
      ),
      typo: Array.from({ length: SEARCH_SAMPLES }, (_, i) => typo(pick(words, i))),
      filtered: Array.from(
        { length: SEARCH_SAMPLES },
        (_, i) => `${pick(words, i)} tag:${pick(tags, i)} after:2025-01-01`,
      ),
    };
    const searches = Object.fromEntries(
      Object.entries(searchTexts).map(([name, texts]) => [name, texts.map(q)]),
    );
    const searchScenario = (name: string) => `search (${name})`;
    const neighborhoodIds = Array.from({ length: NEIGHBORHOOD_SAMPLES }, (_, i) => pick(ids, i));
    const neighborhoods = neighborhoodIds.map((id) => `/api/v1/graph/neighborhood/${id}?depth=2&limit=200`);
    const paths = Array.from(
      { length: PATH_SAMPLES },
      (_, i) => `/api/v1/graph/path?from=${pick(ids, i)}&to=${pick(ids, i + 100)}`,
    );
    // The JVM compiles Neo4j's hot paths (Lucene, Cypher) over the first minute of load: measure a
    // server in its steady state, as one that has been up for a while is.
    const mix = [...Object.values(searches).flat(), ...neighborhoods, ...paths];
    await autocannon({ ...load(rotating(mix.map((_, i) => pick(mix, i)))), duration: profile.warmupSeconds });
    const health = await measure('GET /health', [{ method: 'GET', path: '/health' }], {});
    results.push(summarise('GET /health', health));
    for (const [name, list] of Object.entries(searches)) {
      results.push(summarise(searchScenario(name), await measure(name, rotating(list)), health));
    }
    results.push(
      summarise(NEIGHBORHOOD_SCENARIO, await measure('neighborhood', rotating(neighborhoods)), health),
    );
    results.push(summarise('path (random pairs)', await measure('path', rotating(paths)), health));

    // The baseline of those latencies: the same Neo4j reads without the api (see graph-alone.ts).
    graphAlone = await graphReadsAlone(
      env,
      userId.toHexString(),
      {
        searches: Object.fromEntries(
          Object.entries(searchTexts).map(([name, texts]) => [searchScenario(name), texts]),
        ),
        neighborhoods: { scenario: NEIGHBORHOOD_SCENARIO, ids: neighborhoodIds },
      },
      { concurrency: CONNECTIONS, warmupSeconds: 2, seconds: profile.seconds },
    );
    log(`Neo4j reads alone, ${CONNECTIONS} at a time: ${JSON.stringify(graphAlone)}`);

    // The raw driver's share of a search page: hydrating 20 ids with one `$in` (what findByIds
    // does).
    const page = ids.slice(0, 20).map((id) => new Types.ObjectId(id));
    const insights = connection.collection('insights');
    const hydrationTimes: number[] = [];
    for (let run = 0; run < 50; run++) {
      const t = performance.now();
      await insights.find({ _id: { $in: page } }).toArray();
      hydrationTimes.push(performance.now() - t);
    }
    hydrationTimes.sort((a, b) => a - b);
    hydration = {
      idIn: {
        p50Ms: Math.round(percentile(hydrationTimes, 50) * 10) / 10,
        p99Ms: Math.round(percentile(hydrationTimes, 99) * 10) / 10,
      },
    };
    log(`hydration of 20 ids by one $in: ${JSON.stringify(hydration['idIn'])}`);

    memory = { api: rssOf(api.pid ?? 0), worker: rssOf(worker.pid ?? 0) };

    // Lag after a burst of creates: how long until every one is projected.
    const runTag = `${BURST_TAG_PREFIX}${Date.now().toString(36)}`;
    const burstStarted = Date.now();
    let next = 0;
    const created: string[] = [];
    const refused = new Map<number, number>();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < profile.burst && Date.now() - burstStarted < BURST_MAX_MS) {
          const i = next++;
          const response = await fetch(`${baseUrl}/api/v1/insights`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ title: `${runTag} ${i}`, content: 'burst', tags: [runTag] }),
          });
          if (response.status === 201) created.push(((await response.json()) as { id: string }).id);
          else refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const burstSeconds = (Date.now() - burstStarted) / 1000;
    const createdIds = created.map((id) => new Types.ObjectId(id));
    // Polls only what is still behind, by lone-_id lookups (cheap on FerretDB, unlike a filter),
    // a few at a time so the poll itself does not load the database; bounded.
    let behind = createdIds;
    const deadline = Date.now() + 600_000;
    while (behind.length > 0 && Date.now() < deadline) {
      const still: Types.ObjectId[] = [];
      for (let i = 0; i < behind.length; i += 16) {
        const chunk = behind.slice(i, i + 16);
        const docs = await Promise.all(
          chunk.map((_id) => insights.findOne({ _id }, { projection: { version: 1, graphVersion: 1 } })),
        );
        docs.forEach((doc, j) => {
          if (!doc || doc['graphVersion'] < doc['version']) still.push(chunk[j]);
        });
      }
      behind = still;
      if (behind.length > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    const maxLagSeconds = (Date.now() - burstStarted) / 1000 - burstSeconds;
    lag = {
      creates: createdIds.length,
      refusedByStatus: Object.fromEntries(refused),
      burstSeconds: Math.round(burstSeconds * 10) / 10,
      createsPerSecond: Math.round(createdIds.length / burstSeconds),
      // From the last create's answer until the last of them was projected.
      lagAfterBurstSeconds: Math.round(maxLagSeconds * 10) / 10,
      stillBehindAtDeadline: behind.length,
      projectedPerSecond: Math.round(createdIds.length / (burstSeconds + maxLagSeconds)),
    };
    log(`burst: ${JSON.stringify(lag)}`);
  } finally {
    // Apps first: a worker still analysing the burst would compete with the clean-up's scan.
    await Promise.all([stopApp(api), stopApp(worker)]);
    await removeBursts(connection).catch(() => undefined);
    await removeQueuedJobs(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', queuePrefix).catch(
      () => undefined,
    );
    await connection.close();
  }

  const find = (name: string) => results.find((r) => r.scenario === name);
  const searchP99 = Math.max(...results.filter((r) => r.scenario.startsWith('search')).map((r) => r.p99Ms));
  const checks = {
    searchP99: searchP99 <= TARGETS.searchP99Ms,
    neighborhoodP99: (find(NEIGHBORHOOD_SCENARIO)?.p99Ms ?? Infinity) <= TARGETS.neighborhoodP99Ms,
    pathP99: (find('path (random pairs)')?.p99Ms ?? Infinity) <= TARGETS.pathP99Ms,
    initialSync: Number(sync['initialInsightsPerSecond']) >= TARGETS.syncPerSecond,
    rebuild: Number(sync['rebuildInsightsPerSecond']) >= TARGETS.syncPerSecond,
  };
  const report = {
    profile: profile.name,
    dataset: {
      database,
      insights: totalInsights(profile.dataset),
      heavyUserInsights: profile.dataset.bigUserInsights,
      relationships: profile.dataset.bigUserRelationships,
      users: profile.dataset.users + 1,
    },
    secondsPerScenario: profile.seconds,
    results,
    sync,
    searchHydration: hydration,
    graphAlone,
    lagAfterBurst: lag,
    memory,
    targets: TARGETS,
    checks,
    node: process.version,
    // api, worker, FerretDB, Neo4j, Redis and the load generator share these CPUs (and other work may run).
    cpus: availableParallelism(),
    finishedAt: new Date().toISOString(),
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.table(
    results.map((r) => ({
      scenario: r.scenario,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      'ratio to /health': r.ratioToHealth ?? '-',
      'non-2xx': r.non2xx,
      errors: r.errors,
    })),
  );
  console.log(
    `Sync: initial ${String(sync['initialInsightsPerSecond'])} insights/s, rebuild ${String(sync['rebuildInsightsPerSecond'])} insights/s`,
  );
  console.log(
    `Targets: ${Object.entries(checks)
      .map(([k, ok]) => `${k} ${ok ? 'met' : 'MISSED'}`)
      .join(', ')}`,
  );
  console.log(`Written to ${out} (${report.wallSeconds} s in all)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
