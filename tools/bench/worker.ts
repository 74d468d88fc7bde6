/**
 * Worker benchmark (issue 5): what one worker process does with the real stack behind it.
 *
 * - Analysis throughput (insights/s): `analyze-insight` jobs for the generated heavy user's
 *   insights (the standard dataset of tools/bench/generated-user.ts, 100k insights + 300k
 *   relationships; `--short`: a few thousand; generated afresh each run), one fresh worker per
 *   ANALYSIS_CONCURRENCY tried, each on its own slice (`--per-run`, 10,000; short 1,000) of
 *   never-analysed insights; the best concurrency is reported
 *   (target ≥ 300/s). Graph sync and related-insight discovery run alongside, as in production,
 *   and a run ends when the discoveries and webhook fan-outs the analyses queued are done too.
 * - End-to-end latency at idle: `POST /insights` → processed + graph-synced + suggestions
 *   discovered (the insight's analysis, graph-sync and discover-related jobs completed), p50/p95
 *   over 200 sequential creates (target p95 ≤ 1 s).
 * - Worker RSS at steady state, after the latency run (target ≤ 300 MB), and its peak.
 * - Baselines in the same run: the in-process analysis ceiling (tools/bench/analysis.ts), and
 *   each run's CPU per insight of the worker and the stack's databases (from /proc), with the
 *   rate this machine's cores allow at that cost.
 *
 * Prints the figures and writes bench/results-worker.json.
 *
 *   npx nx run-many -t build -p api worker
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/worker.ts [--short]
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import mongoose, { type Connection, Types } from 'mongoose';
import { generateText } from '../datagen/corpus';
import { SeededRandom } from '../datagen/random';
import {
  cpuSecondsOf,
  NO_SCHEDULED_WORK,
  ROOT,
  rssOf,
  stackProcesses,
  startApp,
  stopApp,
  waitForOk,
} from '../lib/app-process';
import { percentile } from '../lib/percentile';
import { removeQueuedJobs } from '../lib/queues';
import { ensureGeneratedData, signInHeavyUser } from './generated-user';

const TARGETS = { insightsPerSecond: 300, latencyP95Ms: 1000, rssMb: 300 };
const SEED = 42;

function log(line: string): void {
  console.log(`[worker-bench] ${line}`);
}

function options() {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      insights: { type: 'string' },
      concurrencies: { type: 'string' },
      creates: { type: 'string', default: '200' },
      'per-run': { type: 'string' },
      port: { type: 'string', default: '3730' },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
      out: { type: 'string', default: join(ROOT, 'bench/results-worker.json') },
    },
  });
  const insights = Number(values.insights ?? (values.short ? 3000 : 100_000));
  const mongo = new URL(values['mongodb-base']);
  mongo.pathname = `/insight-bench-worker-${insights}`;
  return {
    short: values.short,
    size: { insights, relationships: insights * 3 },
    concurrencies: (values.concurrencies ?? (values.short ? '4,8,16' : '8,16,32')).split(',').map(Number),
    creates: Number(values.creates),
    // Insights each concurrency analyses (a slice of the dataset, so a full run stays within minutes).
    perRun: Number(values['per-run'] ?? (values.short ? 1000 : 10_000)),
    port: Number(values.port),
    mongodbUri: mongo.toString(),
    out: values.out,
  };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of the apps under test: the bench's database and a queue prefix per phase. */
function appEnv(mongodbUri: string, port: number, queuePrefix: string, concurrency: number) {
  return {
    MONGODB_URI: mongodbUri,
    QUEUE_PREFIX: queuePrefix,
    API_PORT: String(port),
    WORKER_PORT: String(port + 1),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    JWT_SECRET: 'worker-bench-secret-worker-bench-secret-0123456789',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    ANALYSIS_CONCURRENCY: String(concurrency),
    // Only the work under measurement: no scheduled jobs competing for the process.
    ...NO_SCHEDULED_WORK,
  };
}

function queue(name: string, prefix: string): Queue {
  return new Queue(name, {
    connection: { url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
    prefix,
  });
}

/** The in-process ceiling: the pure language work in one thread (tools/bench/analysis.ts). */
function analysisCeiling(short: boolean): number | null {
  const out = join(ROOT, 'tmp', 'bench-worker-analysis-baseline.json');
  const run = spawnSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      join(ROOT, 'tools/bench/analysis.ts'),
      '--documents',
      short ? '1000' : '5000',
      '--warmup',
      short ? '100' : '500',
      '--out',
      out,
    ],
    { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tools/tsconfig.json') } },
  );
  if (run.status !== 0) return null;
  return (JSON.parse(readFileSync(out, 'utf8')) as { documentsPerSecond: number }).documentsPerSecond;
}

interface ThroughputRun {
  concurrency: number;
  insights: number;
  /** Until every insight was analysed; `seconds` also covers the discovery and fan-out they queued. */
  seconds: number;
  analysedSeconds: number;
  insightsPerSecond: number;
  failed: number;
  peakRssMb: number;
  /** CPU each process spent per insight over the run (the worker and the stack's databases). */
  cpuMsPerInsight: Record<string, number>;
  /** What this machine's cores allow at that CPU per insight, were nothing else running. */
  cpuCeilingPerSecond: number | null;
}

async function throughput(
  opts: ReturnType<typeof options>,
  slice: { id: string; userId: string; version: number }[],
  concurrency: number,
): Promise<ThroughputRun> {
  const prefix = `bench-worker-${concurrency}-${Date.now().toString(36)}`;
  const worker = startApp(
    'worker',
    appEnv(opts.mongodbUri, opts.port, prefix, concurrency),
    `bench-worker-c${concurrency}`,
  ).process;
  const analyze = queue('analyze-insight', prefix);
  // What each analysis queues: its insight's related-insight discovery and a webhook fan-out.
  const followUps = [queue('discover-related', prefix), queue('webhook-events', prefix)];
  // Delayed jobs count for the analyses (retries), not for the follow-ups: webhook-events always
  // holds its hourly cleanup there.
  const backlog = async (q: Queue, withDelayed = false) => {
    const counts = await q.getJobCounts(
      'waiting',
      'active',
      'prioritized',
      ...(withDelayed ? (['delayed'] as const) : []),
    );
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  };
  try {
    await waitForOk(`http://127.0.0.1:${opts.port + 1}/readiness`);
    const processes = { worker: worker.pid ?? 0, ...stackProcesses() };
    const cpuBefore = Object.fromEntries(
      Object.entries(processes).map(([name, pid]) => [name, cpuSecondsOf(pid) ?? 0]),
    );
    const started = performance.now();
    for (let i = 0; i < slice.length; i += 1000) {
      await analyze.addBulk(
        slice.slice(i, i + 1000).map(({ id, userId, version }) => ({
          name: 'analyze',
          data: { insightId: id, userId, version },
          opts: { jobId: `${id}-v${version}`, removeOnComplete: true, removeOnFail: false },
        })),
      );
    }
    let peakRssMb = 0;
    let analysedSeconds = 0;
    // Done when every analysis and the work it queued are: a backlog left behind is not throughput.
    for (;;) {
      peakRssMb = Math.max(peakRssMb, rssOf(worker.pid ?? 0).rssMb);
      if (!analysedSeconds && (await backlog(analyze, true)) === 0) {
        analysedSeconds = (performance.now() - started) / 1000;
      }
      if (analysedSeconds && (await Promise.all(followUps.map((q) => backlog(q)))).every((n) => n === 0)) {
        const seconds = (performance.now() - started) / 1000;
        const failed = (await analyze.getJobCounts('failed'))['failed'] ?? 0;
        const cpuMsPerInsight = Object.fromEntries(
          Object.entries(processes).map(([name, pid]) => [
            name,
            round((((cpuSecondsOf(pid) ?? 0) - cpuBefore[name]) * 1000) / slice.length, 1),
          ]),
        );
        const cpuMs = Object.values(cpuMsPerInsight).reduce((sum, ms) => sum + ms, 0);
        const run = {
          concurrency,
          insights: slice.length,
          seconds: round(seconds, 2),
          analysedSeconds: round(analysedSeconds, 2),
          insightsPerSecond: Math.round(slice.length / seconds),
          failed,
          peakRssMb,
          cpuMsPerInsight,
          cpuCeilingPerSecond: cpuMs > 0 ? Math.round((availableParallelism() * 1000) / cpuMs) : null,
        };
        log(
          `concurrency ${concurrency}: ${run.insightsPerSecond} insights/s (${slice.length} analysed in ${run.analysedSeconds} s, discovered and fanned out in ${run.seconds} s, ${run.failed} failed; CPU ms per insight ${JSON.stringify(cpuMsPerInsight)}, which ${availableParallelism()} cores allow at ${run.cpuCeilingPerSecond ?? '–'}/s)`,
        );
        return run;
      }
      await sleep(100);
    }
  } finally {
    await stopApp(worker);
    for (const q of [analyze, ...followUps]) await q.close();
    await removeQueuedJobs(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', prefix).catch(
      () => undefined,
    );
  }
}

/** Sequential creates at idle: time until analysed, graph-synced and related insights discovered. */
async function latency(
  opts: ReturnType<typeof options>,
  connection: Connection,
  concurrency: number,
): Promise<{ latency: Record<string, number>; rss: { rssMb: number; peakRssMb: number } }> {
  const prefix = `bench-worker-latency-${Date.now().toString(36)}`;
  const env = appEnv(opts.mongodbUri, opts.port, prefix, concurrency);
  const api = startApp('api', env, 'bench-worker').process;
  const worker = startApp('worker', env, 'bench-worker').process;
  const [graphSync, discover, analyze] = ['graph-sync', 'discover-related', 'analyze-insight'].map((name) =>
    queue(name, prefix),
  );
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  try {
    await Promise.all([
      waitForOk(`${baseUrl}/readiness`),
      waitForOk(`http://127.0.0.1:${opts.port + 1}/readiness`),
    ]);
    const auth = await signInHeavyUser(baseUrl);
    const random = new SeededRandom(SEED + 1);
    const insights = connection.collection('insights');
    const times: number[] = [];
    for (let i = 0; i < opts.creates; i++) {
      const text = generateText(random);
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/v1/insights`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: text.title, content: text.content, tags: text.tags.slice(0, 3) }),
      });
      if (response.status !== 201) throw new Error(`POST /insights answered ${response.status}`);
      const { id } = (await response.json()) as { id: string };
      const jobId = `${id}-v1`;
      for (;;) {
        const [doc, synced] = await Promise.all([
          insights.findOne(
            { _id: new Types.ObjectId(id) },
            { projection: { status: 1, 'analysis.analysedAt': 1 } },
          ),
          graphSync.getJobState(jobId),
        ]);
        const analysedAt = (doc?.['analysis'] as { analysedAt?: string } | null)?.analysedAt;
        if (doc?.['status'] === 'failed') throw new Error(`insight ${id} failed`);
        if (doc?.['status'] === 'processed' && analysedAt && synced === 'completed') {
          const discovered = await discover.getJobState(`${jobId}-a${Date.parse(analysedAt)}`);
          if (discovered === 'completed') break;
        }
        await sleep(5);
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const result = {
      creates: times.length,
      p50Ms: Math.round(percentile(times, 50)),
      p95Ms: Math.round(percentile(times, 95)),
      p99Ms: Math.round(percentile(times, 99)),
      maxMs: Math.round(times[times.length - 1] ?? NaN),
    };
    log(`latency over ${result.creates} creates: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms`);
    // Steady state: the same worker a few seconds after its work, idle.
    await sleep(5000);
    return { latency: result, rss: rssOf(worker.pid ?? 0) };
  } finally {
    await Promise.all([stopApp(api), stopApp(worker)]);
    for (const q of [graphSync, discover, analyze]) await q.close();
    await removeQueuedJobs(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', prefix).catch(
      () => undefined,
    );
  }
}

async function main(): Promise<void> {
  const opts = options();
  const started = Date.now();
  log(`baseline: in-process analysis ceiling…`);
  const ceiling = analysisCeiling(opts.short);
  log(`in-process ceiling: ${ceiling ?? '–'} documents/s`);

  // Generated afresh every run: nothing analysed, no corpus counted, no suggestion. (Resetting
  // 100k insights in place is one updateMany that FerretDB takes ~40 minutes over; generating
  // them again takes ~2.)
  await ensureGeneratedData(opts.size, opts.mongodbUri, { regenerate: true, seed: SEED, log });
  const connection = await mongoose.createConnection(opts.mongodbUri).asPromise();
  try {
    const all = (
      await connection
        .collection('insights')
        .find({ deletedAt: null }, { projection: { _id: 1, userId: 1, version: 1 } })
        .toArray()
    ).map((doc) => ({
      id: (doc._id as Types.ObjectId).toHexString(),
      userId: (doc['userId'] as Types.ObjectId).toHexString(),
      version: Number(doc['version'] ?? 1),
    }));
    // Each concurrency gets its own never-analysed slice.
    const per = Math.min(opts.perRun, Math.floor(all.length / opts.concurrencies.length));
    const runs: ThroughputRun[] = [];
    for (const [i, concurrency] of opts.concurrencies.entries()) {
      runs.push(await throughput(opts, all.slice(i * per, (i + 1) * per), concurrency));
    }
    const best = runs.reduce((a, b) => (b.insightsPerSecond > a.insightsPerSecond ? b : a));
    const { latency: e2e, rss } = await latency(opts, connection, best.concurrency);

    const report = {
      benchmark: 'worker',
      mode: opts.short ? 'short' : 'full',
      date: new Date().toISOString(),
      dataset: opts.size,
      throughput: {
        runs,
        bestConcurrency: best.concurrency,
        insightsPerSecond: best.insightsPerSecond,
        target: TARGETS.insightsPerSecond,
      },
      baseline: {
        inProcessAnalysisPerSecond: ceiling,
        ratio: ceiling ? round(best.insightsPerSecond / ceiling, 3) : null,
      },
      latency: { ...e2e, targetP95Ms: TARGETS.latencyP95Ms },
      rss: {
        steadyStateMb: rss.rssMb,
        peakMb: Math.max(rss.peakRssMb, ...runs.map((run) => run.peakRssMb)),
        targetMb: TARGETS.rssMb,
      },
      seconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
    console.table({
      'analysis insights/s (best)': `${best.insightsPerSecond} at concurrency ${best.concurrency} (target ≥ ${TARGETS.insightsPerSecond})`,
      'in-process ceiling docs/s': `${ceiling ?? '–'} (worker = ${report.baseline.ratio ?? '–'} × ceiling)`,
      'create → processed+synced+suggested': `p50 ${e2e['p50Ms']} ms, p95 ${e2e['p95Ms']} ms (target p95 ≤ ${TARGETS.latencyP95Ms})`,
      'worker RSS steady / peak': `${rss.rssMb} / ${report.rss.peakMb} MB (target ≤ ${TARGETS.rssMb})`,
    });
    log(`written to ${opts.out}`);
  } finally {
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[worker-bench] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
