/**
 * Mixed-load soak: starts the built api and worker on a database and queue prefix of their own,
 * signs up simulated users and sends them a realistic mix for a bounded time (loopback only):
 *   60% reads (list, detail, search, neighborhood), 25% creates/updates,
 *   10% relationship changes, 5% review grades (when the api has the review routes).
 * Every sample period it records the RSS of api and worker, the queue backlog and the graph-sync
 * lag. It reports throughput, p50/p99 per operation and errors, and fails (exit 1) on any
 * answer that is not an intended one, or when api or worker memory keeps growing after warm-up.
 *
 *   npx nx run api:build && npx nx run worker:build
 *   node -r @swc-node/register tools/soak/soak.ts                 # 10 minutes, 50 users
 *   node -r @swc-node/register tools/soak/soak.ts --duration 60   # a short run
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { generateText } from '../datagen/corpus';
import { SeededRandom } from '../datagen/random';
import { ROOT, rssOf, startApp, stopApp, waitForOk } from '../lib/app-process';
import { removeQueuedJobs } from '../lib/queues';

type Operation =
  'list' | 'detail' | 'search' | 'neighborhood' | 'create' | 'update' | 'link' | 'unlink' | 'review';

/** Share of each operation in the mix (sums to 100). */
const MIX: Record<Operation, number> = {
  list: 20,
  detail: 20,
  search: 12,
  neighborhood: 8,
  create: 15,
  update: 10,
  link: 7,
  unlink: 3,
  review: 5,
};

/** Statuses each operation may answer besides 2xx because of the simulated users' own races. */
const INTENDED_4XX: Partial<Record<Operation, number[]>> = {
  link: [409], // the pair is already linked
  unlink: [404], // another request of the same user removed it first
};

interface SimUser {
  token: string;
  insights: string[];
  relationships: string[];
}

interface Sample {
  atSeconds: number;
  apiRssMb: number;
  workerRssMb: number;
  queueWaiting: number;
  queueActive: number;
  /** Waiting jobs per queue, to tell which processor falls behind. */
  waitingByQueue: Record<string, number>;
  graphSyncPending: number | null;
  graphSyncLagSeconds: number | null;
  inFlight: number;
}

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '600' },
      users: { type: 'string', default: '50' },
      rate: { type: 'string', default: '25' },
      sample: { type: 'string', default: '30' },
      'warmup-fraction': { type: 'string', default: '0.25' },
      'max-rss-growth-mb': { type: 'string', default: '40' },
      'api-port': { type: 'string', default: '3710' },
      'worker-port': { type: 'string', default: '3711' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: join(ROOT, 'bench/results-soak.json') },
    },
  });
  return {
    durationSeconds: Number(values.duration),
    users: Number(values.users),
    ratePerSecond: Number(values.rate),
    sampleSeconds: Number(values.sample),
    warmupFraction: Number(values['warmup-fraction']),
    maxRssGrowthMb: Number(values['max-rss-growth-mb']),
    apiPort: Number(values['api-port']),
    workerPort: Number(values['worker-port']),
    seed: Number(values.seed),
    out: resolve(values.out),
  };
}

function log(line: string): void {
  console.log(`[soak] ${line}`);
}

/** The value of a Prometheus metric, summed over the series whose labels match. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | null {
  let sum: number | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    const match = /^([a-z_]+)(\{[^}]*\})?\s+([-+\deE.]+|NaN)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (!Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) continue;
    sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}

/** A metric's values by one label, e.g. waiting jobs by queue. */
function metricByLabel(
  text: string,
  name: string,
  label: string,
  labels: Record<string, string>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\}\s+([-+\deE.]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (!Object.entries(labels).every(([k, v]) => match[2].includes(`${k}="${v}"`))) continue;
    const key = new RegExp(`${label}="([^"]*)"`).exec(match[2])?.[1];
    if (key !== undefined) out[key] = (out[key] ?? 0) + Number(match[3]);
  }
  return out;
}

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] * 10) / 10;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const opts = options();
  const random = new SeededRandom(opts.seed);
  const suffix = randomBytes(4).toString('hex');
  const mongo = new URL(process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker');
  mongo.pathname = `/soak-${suffix}`;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    API_PORT: String(opts.apiPort),
    WORKER_PORT: String(opts.workerPort),
    MONGODB_URI: mongo.toString(),
    QUEUE_PREFIX: `soak-${suffix}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    // Long enough that no simulated session has to refresh during the run.
    ACCESS_TOKEN_TTL_SECONDS: String(opts.durationSeconds + 3600),
    WRITE_RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '100000',
    ENABLE_API_DOCS: 'false',
  };
  // The soak's own database: the drain counts its pending insights, the end drops it.
  const database = await mongoose.createConnection(mongo.toString()).asPromise();
  const api = startApp('api', env, 'soak');
  const worker = startApp('worker', env, 'soak');
  const base = `http://127.0.0.1:${opts.apiPort}`;
  const started = Date.now();
  const samples: Sample[] = [];
  const latencies = new Map<Operation, number[]>();
  const outcomes = new Map<Operation, { ok: number; intended4xx: number; unexpected: number }>();
  const unexpectedExamples: string[] = [];
  let inFlight = 0;
  let dropped = 0;
  let reviewAvailable = false;

  const call = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json };
  };

  try {
    await Promise.all([
      waitForOk(`${base}/readiness`),
      waitForOk(`http://127.0.0.1:${opts.workerPort}/readiness`),
    ]);
    log(`api ${base} and worker ready; signing up ${opts.users} users with 10 insights each…`);
    const users: SimUser[] = [];
    for (let i = 0; i < opts.users; i++) {
      const register = await fetch(`${base}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `soak-${suffix}-${i}@example.com`,
          password: 'soak-password-2026',
          displayName: `Soak ${i}`,
        }),
      });
      if (register.status !== 201) throw new Error(`register answered ${register.status}`);
      const { accessToken } = (await register.json()) as { accessToken: string };
      const user: SimUser = { token: accessToken, insights: [], relationships: [] };
      const created = await Promise.all(
        Array.from({ length: 10 }, () => {
          const text = generateText(random);
          return call(accessToken, 'POST', '/insights', {
            title: text.title,
            content: text.content,
            tags: text.tags,
          });
        }),
      );
      for (const { status, json } of created) {
        if (status !== 201) throw new Error(`seeding answered ${status}: ${JSON.stringify(json)}`);
        user.insights.push((json as { id: string }).id);
      }
      users.push(user);
    }
    reviewAvailable = (await call(users[0].token, 'GET', '/review')).status === 200;
    const mix = Object.entries(MIX).filter(([op]) => op !== 'review' || reviewAvailable) as [
      Operation,
      number,
    ][];
    const mixTotal = mix.reduce((s, [, w]) => s + w, 0);
    const pickOperation = (): Operation => {
      let roll = random.next() * mixTotal;
      for (const [op, weight] of mix) if ((roll -= weight) < 0) return op;
      return mix[0][0];
    };
    const words = ['cache', 'latency', 'meeting', 'schema', 'queue', 'habit', 'review', 'deploy', 'focus'];

    const run = async (user: SimUser, op: Operation): Promise<number> => {
      const id = random.pick(user.insights);
      switch (op) {
        case 'list':
          return (await call(user.token, 'GET', '/insights?limit=20')).status;
        case 'detail':
          return (await call(user.token, 'GET', `/insights/${id}`)).status;
        case 'search':
          return (
            await call(user.token, 'GET', `/search?q=${encodeURIComponent(random.pick(words))}&limit=10`)
          ).status;
        case 'neighborhood':
          return (await call(user.token, 'GET', `/graph/neighborhood/${id}?depth=2&limit=200`)).status;
        case 'create': {
          const text = generateText(random);
          const { status, json } = await call(user.token, 'POST', '/insights', {
            title: text.title,
            content: text.content,
            tags: text.tags,
          });
          if (status === 201) user.insights.push((json as { id: string }).id);
          return status;
        }
        case 'update':
          return (await call(user.token, 'PATCH', `/insights/${id}`, { favorite: random.chance(0.5) }))
            .status;
        case 'link': {
          const others = user.insights.filter((other) => other !== id);
          const target = random.pick(others);
          const { status, json } = await call(user.token, 'POST', '/relationships', {
            sourceId: id,
            targetId: target,
            type: random.pick(['related', 'supports', 'extends', 'derived_from']),
            strength: Math.round(random.next() * 100) / 100,
          });
          if (status === 201) user.relationships.push((json as { id: string }).id);
          return status;
        }
        case 'unlink': {
          if (user.relationships.length === 0) return 404;
          const index = random.int(0, user.relationships.length - 1);
          const [relationship] = user.relationships.splice(index, 1);
          return (await call(user.token, 'DELETE', `/relationships/${relationship}`)).status;
        }
        case 'review':
          return (
            await call(user.token, 'POST', `/review/${id}`, { grade: random.pick(['hard', 'good', 'easy']) })
          ).status;
      }
    };

    const record = (op: Operation, status: number, ms: number) => {
      const outcome = outcomes.get(op) ?? { ok: 0, intended4xx: 0, unexpected: 0 };
      if (status >= 200 && status < 300) outcome.ok++;
      else if (INTENDED_4XX[op]?.includes(status)) outcome.intended4xx++;
      else {
        outcome.unexpected++;
        if (unexpectedExamples.length < 20) unexpectedExamples.push(`${op} → ${status}`);
      }
      outcomes.set(op, outcome);
      const list = latencies.get(op) ?? [];
      list.push(ms);
      latencies.set(op, list);
    };

    const takeSample = async () => {
      let metricsText = '';
      try {
        metricsText = await (await fetch(`http://127.0.0.1:${opts.workerPort}/metrics`)).text();
      } catch {
        // the sample keeps what it could read
      }
      const sample: Sample = {
        atSeconds: Math.round((Date.now() - started) / 1000),
        apiRssMb: rssOf(api.process.pid ?? 0).rssMb,
        workerRssMb: rssOf(worker.process.pid ?? 0).rssMb,
        queueWaiting: metric(metricsText, 'insight_queue_jobs', { state: 'waiting' }) ?? 0,
        queueActive: metric(metricsText, 'insight_queue_jobs', { state: 'active' }) ?? 0,
        waitingByQueue: metricByLabel(metricsText, 'insight_queue_jobs', 'queue', { state: 'waiting' }),
        graphSyncPending: metric(metricsText, 'insight_graph_sync_pending'),
        graphSyncLagSeconds: metric(metricsText, 'insight_graph_sync_lag_seconds'),
        inFlight,
      };
      samples.push(sample);
      log(
        `t=${sample.atSeconds}s api ${sample.apiRssMb} MB, worker ${sample.workerRssMb} MB, queue waiting ${sample.queueWaiting} ${JSON.stringify(sample.waitingByQueue)}, ` +
          `graph pending ${sample.graphSyncPending ?? '-'}, lag ${sample.graphSyncLagSeconds ?? '-'} s, in flight ${inFlight}`,
      );
    };

    log(
      `mixed load at ${opts.ratePerSecond} req/s for ${opts.durationSeconds} s${reviewAvailable ? '' : ' (no review routes: grades left out)'}…`,
    );
    const loadStarted = Date.now();
    const loadEnds = loadStarted + opts.durationSeconds * 1000;
    await takeSample();
    const sampler = setInterval(() => void takeSample(), opts.sampleSeconds * 1000);
    const maxInFlight = Math.max(50, opts.ratePerSecond * 4);
    const pending = new Set<Promise<void>>();
    // Open loop (Poisson arrivals): the offered load does not drop when the api slows down.
    while (Date.now() < loadEnds) {
      await new Promise((r) => setTimeout(r, -Math.log(1 - random.next()) * (1000 / opts.ratePerSecond)));
      if (inFlight >= maxInFlight) {
        dropped++;
        continue;
      }
      const user = random.pick(users);
      const op = pickOperation();
      inFlight++;
      const t0 = performance.now();
      const task = run(user, op)
        .then((status) => record(op, status, performance.now() - t0))
        .catch((error: Error) => {
          record(op, 0, performance.now() - t0); // 0: no answer at all
          log(`${op} failed: ${error.message}`);
        })
        .finally(() => {
          inFlight--;
          pending.delete(task);
        });
      pending.add(task);
    }
    await Promise.all(pending);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    clearInterval(sampler);
    await takeSample();

    // Drain: how long the worker needs to catch up once the load stops. The graph backlog is
    // counted in the database (insights marked pending), not read from the gauge: that is only
    // measured once per reconciliation period (a minute), which the drain time would then show.
    const drainStarted = Date.now();
    let drained = false;
    while (Date.now() - drainStarted < 120_000) {
      const text = await (await fetch(`http://127.0.0.1:${opts.workerPort}/metrics`)).text();
      const waiting =
        (metric(text, 'insight_queue_jobs', { state: 'waiting' }) ?? 0) +
        (metric(text, 'insight_queue_jobs', { state: 'active' }) ?? 0);
      const graphPending = await database
        .collection('insights')
        .countDocuments({ graphPendingSince: { $exists: true } });
      if (waiting === 0 && graphPending === 0) {
        drained = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const drainSeconds = Math.round((Date.now() - drainStarted) / 100) / 10;

    const afterWarmup = samples.filter((s) => s.atSeconds >= opts.durationSeconds * opts.warmupFraction);
    const growth = (pick: (s: Sample) => number) => {
      const perSecond = slope(afterWarmup.map((s) => ({ x: s.atSeconds, y: pick(s) })));
      const window =
        afterWarmup.length > 1 ? afterWarmup[afterWarmup.length - 1].atSeconds - afterWarmup[0].atSeconds : 0;
      return Math.round(perSecond * window * 10) / 10;
    };
    const apiGrowthMb = growth((s) => s.apiRssMb);
    const workerGrowthMb = growth((s) => s.workerRssMb);
    const operations = [...latencies.entries()].map(([op, list]) => {
      list.sort((a, b) => a - b);
      const outcome = outcomes.get(op) ?? { ok: 0, intended4xx: 0, unexpected: 0 };
      return {
        operation: op,
        count: list.length,
        perSecond: Math.round((list.length / loadSeconds) * 10) / 10,
        p50Ms: percentile(list, 0.5),
        p99Ms: percentile(list, 0.99),
        ...outcome,
      };
    });
    const unexpected = operations.reduce((s, o) => s + o.unexpected, 0);
    const total = operations.reduce((s, o) => s + o.count, 0);
    const checks = {
      noUnexpectedAnswers: unexpected === 0,
      apiMemoryFlat: afterWarmup.length < 3 ? 'too few samples' : apiGrowthMb <= opts.maxRssGrowthMb,
      workerMemoryFlat: afterWarmup.length < 3 ? 'too few samples' : workerGrowthMb <= opts.maxRssGrowthMb,
      drained,
    };
    const report = {
      benchmark: 'soak',
      options: { ...opts, out: undefined },
      reviewGradesIncluded: reviewAvailable,
      loadSeconds: Math.round(loadSeconds),
      requests: total,
      throughputPerSecond: Math.round((total / loadSeconds) * 10) / 10,
      dropped,
      unexpected,
      unexpectedExamples,
      operations,
      memoryGrowthAfterWarmupMb: { api: apiGrowthMb, worker: workerGrowthMb },
      drainSeconds,
      samples,
      checks,
      cpus: availableParallelism(),
      node: process.version,
      finishedAt: new Date().toISOString(),
    };
    mkdirSync(resolve(opts.out, '..'), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log('');
    console.table(operations);
    console.table(
      samples.map((sample) => ({ ...sample, waitingByQueue: JSON.stringify(sample.waitingByQueue) })),
    );
    log(
      `${total} requests in ${Math.round(loadSeconds)} s (${report.throughputPerSecond}/s), ${unexpected} unexpected answers, ` +
        `${dropped} arrivals dropped (in-flight cap); RSS growth after warm-up: api ${apiGrowthMb} MB, worker ${workerGrowthMb} MB; ` +
        `backlog drained ${drained ? `in ${drainSeconds} s` : 'NOT within 120 s'}`,
    );
    log(`checks: ${JSON.stringify(checks)}; written to ${opts.out}`);
    if (Object.values(checks).some((ok) => ok === false)) process.exitCode = 1;
  } finally {
    await Promise.all([stopApp(api.process), stopApp(worker.process)]);
    await removeQueuedJobs(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', `soak-${suffix}`).catch(
      () => undefined,
    );
    await database.dropDatabase().catch(() => undefined);
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
