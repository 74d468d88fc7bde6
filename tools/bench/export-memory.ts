/**
 * Export memory benchmark (issue 8: "memory stays flat whatever the size; 100k insights export
 * with the worker RSS below 300 MB"), against the built api and worker (`npx nx run-many -t build
 * -p api worker` first) on generated data (tools/datagen: one user with N insights and 3 × N
 * relationships, database `insight-bench-export-<N>`, kept for the next run).
 *
 * For each size N (default 20,000 and 100,000) and each format (Markdown zip, JSON Lines): a fresh
 * worker with every scheduled job switched off (nothing analyses or syncs the generated data
 * meanwhile), its idle RSS sampled for a few seconds (the baseline of the same run), then the
 * export requested through the api and the worker's RSS sampled every 250 ms until it completed.
 * Prints peak RSS, peak − idle, and how the peak grows from the smallest to the largest N
 * (MB per 10,000 insights); writes bench/results-export-memory.json.
 *
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/export-memory.ts
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/export-memory.ts --sizes 2000,10000
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import type { DataTransfer, ExportFormat } from '@insight/contracts';
import { generateData, generatedEmail, GENERATED_PASSWORD } from '../datagen/generate-data';
import { NO_SCHEDULED_WORK, ROOT, rssOf, startApp, stopApp, waitForOk } from '../lib/app-process';
import { removeQueuedJobs } from '../lib/queues';

const TARGET_RSS_MB = 300;
const SAMPLE_MS = 250;
const FORMATS: ExportFormat[] = ['markdown', 'json'];

function log(line: string): void {
  console.log(`[export-memory] ${line}`);
}

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '20000,100000' },
      'relationships-per-insight': { type: 'string', default: '3' },
      regenerate: { type: 'boolean', default: false },
      // e.g. --max-old-space-size=192: shows whether the export's live memory fits a capped heap
      'worker-node-options': { type: 'string', default: '' },
      port: { type: 'string', default: '3772' },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
      'redis-url': { type: 'string', default: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
      out: { type: 'string', default: join(ROOT, 'bench/results-export-memory.json') },
    },
  });
  return {
    sizes: values.sizes
      .split(',')
      .map(Number)
      .sort((a, b) => a - b),
    perInsight: Number(values['relationships-per-insight']),
    regenerate: values.regenerate,
    workerNodeOptions: values['worker-node-options'],
    port: Number(values.port),
    mongodbBase: values['mongodb-base'],
    redisUrl: values['redis-url'],
    out: values.out,
  };
}

type Options = ReturnType<typeof options>;

function databaseUri(o: Options, insights: number): string {
  const uri = new URL(o.mongodbBase);
  uri.pathname = `/insight-bench-export-${insights}`;
  return uri.toString();
}

async function ensureData(uri: string, insights: number, relationships: number, regenerate: boolean) {
  const connection = await mongoose.createConnection(uri).asPromise();
  const counts = await Promise.all([
    connection.collection('insights').estimatedDocumentCount(),
    connection.collection('relationships').estimatedDocumentCount(),
  ]);
  await connection.close();
  if (!regenerate && counts[0] === insights && counts[1] === relationships) {
    log(`reusing ${insights} insights, ${relationships} relationships`);
    return;
  }
  log(`generating ${insights} insights and ${relationships} relationships…`);
  const summary = await generateData({
    mongodbUri: uri,
    seed: 88,
    bigUserInsights: insights,
    users: 0,
    insightsPerUser: 0,
    bigUserRelationships: relationships,
    batchSize: 10_000,
    reset: true,
    until: new Date('2026-06-01T00:00:00.000Z'),
    log: () => undefined,
  });
  log(`generated in ${summary.seconds.toFixed(1)} s`);
}

interface Measure {
  idleRssMb: number;
  peakRssMb: number;
  /** The kernel's high-water mark (VmHWM) at the end: catches a spike between two samples. */
  hwmMb: number;
  growthOverIdleMb: number;
  seconds: number;
  sizeBytes: number | null;
  samples: number;
  /** Peaks of the worker's own figures (its /metrics): what of the RSS is JavaScript heap. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** The worker's V8 heap and external memory (prom-client defaults on its /metrics), in MB. */
async function heapOf(port: number): Promise<{ used: number; total: number; external: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const mb = (name: string) =>
    Math.round(Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1024 ** 2);
  return {
    used: mb('nodejs_heap_size_used_bytes'),
    total: mb('nodejs_heap_size_total_bytes'),
    external: mb('nodejs_external_memory_bytes'),
  };
}

async function measureSize(o: Options, insights: number): Promise<Record<string, Measure>> {
  const relationships = insights * o.perInsight;
  const uri = databaseUri(o, insights);
  await ensureData(uri, insights, relationships, o.regenerate);
  const transferDir = join(ROOT, 'tmp', `bench-export-${randomBytes(3).toString('hex')}`);
  const queuePrefix = `bench-export-${Date.now().toString(36)}`;
  const env = {
    MONGODB_URI: uri,
    QUEUE_PREFIX: queuePrefix,
    API_PORT: String(o.port),
    WORKER_PORT: String(o.port + 1),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    JWT_SECRET: 'export-bench-secret-export-bench-secret-0123456789',
    TRANSFER_DIR: transferDir,
    // Nothing but the export runs in the worker: no scheduled job touches the generated data.
    ...NO_SCHEDULED_WORK,
  };
  const api = startApp('api', env, 'bench-export').process;
  let worker: ReturnType<typeof startApp>['process'] | null = null;
  const baseUrl = `http://127.0.0.1:${o.port}/api/v1`;
  const result: Record<string, Measure> = {};
  try {
    await waitForOk(`http://127.0.0.1:${o.port}/readiness`);
    const login = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: generatedEmail(0), password: GENERATED_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
    const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    for (const format of FORMATS) {
      // A fresh worker for each format: one export's heap is not counted against the next.
      const workerEnv = o.workerNodeOptions ? { ...env, NODE_OPTIONS: o.workerNodeOptions } : env;
      worker = startApp('worker', workerEnv, `bench-export-${insights}-${format}`).process;
      await waitForOk(`http://127.0.0.1:${o.port + 1}/readiness`);
      const pid = worker.pid ?? 0;
      // Idle baseline: the ready worker doing nothing, a few seconds.
      let idleRssMb = 0;
      for (let i = 0; i < 12; i += 1) {
        idleRssMb = Math.max(idleRssMb, rssOf(pid).rssMb);
        await sleep(SAMPLE_MS);
      }
      const started = Date.now();
      const response = await fetch(`${baseUrl}/exports`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ format }),
      });
      if (response.status !== 202)
        throw new Error(`export answered ${response.status}: ${await response.text()}`);
      const accepted = (await response.json()) as DataTransfer;
      let peakRssMb = 0;
      let samples = 0;
      let transfer: DataTransfer | null = null;
      let lastPoll = 0;
      const heap = { used: 0, total: 0, external: 0 };
      for (;;) {
        peakRssMb = Math.max(peakRssMb, rssOf(pid).rssMb);
        samples += 1;
        // Polls the api once a second; samples every 250 ms.
        if (Date.now() - lastPoll >= 1000) {
          lastPoll = Date.now();
          const now = await heapOf(o.port + 1);
          heap.used = Math.max(heap.used, now.used);
          heap.total = Math.max(heap.total, now.total);
          heap.external = Math.max(heap.external, now.external);
          const poll = await fetch(`${baseUrl}/exports/${accepted.id}`, { headers: auth });
          transfer = (await poll.json()) as DataTransfer;
          if (transfer.status === 'failed') throw new Error(`${format} export failed: ${transfer.error}`);
          if (transfer.status === 'completed') break;
        }
        await sleep(SAMPLE_MS);
      }
      const hwmMb = rssOf(pid).peakRssMb;
      const seconds = (Date.now() - started) / 1000;
      result[format] = {
        idleRssMb,
        peakRssMb,
        hwmMb,
        growthOverIdleMb: peakRssMb - idleRssMb,
        seconds,
        sizeBytes: transfer.sizeBytes ?? null,
        samples,
        heapUsedMb: heap.used,
        heapTotalMb: heap.total,
        externalMb: heap.external,
      };
      log(
        `N=${insights} ${format}: ${seconds.toFixed(1)} s, ${transfer.sizeBytes} bytes, worker RSS idle ${idleRssMb} MB, peak ${peakRssMb} MB (VmHWM ${hwmMb} MB; heap used ${heap.used} MB of ${heap.total} MB, external ${heap.external} MB)`,
      );
      await stopApp(worker);
      worker = null;
    }
  } finally {
    await Promise.all([stopApp(api), worker ? stopApp(worker) : Promise.resolve()]);
    await removeQueuedJobs(o.redisUrl, queuePrefix).catch(() => undefined);
    rmSync(transferDir, { recursive: true, force: true });
  }
  return result;
}

async function main(): Promise<void> {
  const o = options();
  const startedAt = new Date().toISOString();
  const bySize: Record<string, Record<string, Measure>> = {};
  for (const n of o.sizes) bySize[String(n)] = await measureSize(o, n);
  const smallest = o.sizes[0];
  const largest = o.sizes[o.sizes.length - 1];
  const growth: Record<string, number | null> = {};
  const met: Record<string, boolean> = {};
  for (const format of FORMATS) {
    const a = bySize[String(smallest)][format];
    const b = bySize[String(largest)][format];
    // MB of peak RSS per 10,000 more insights: ~0 when memory is flat.
    growth[format] =
      largest > smallest
        ? Math.round(((b.peakRssMb - a.peakRssMb) / ((largest - smallest) / 10_000)) * 10) / 10
        : null;
    met[format] = Object.values(bySize).every((m) => m[format].peakRssMb < TARGET_RSS_MB);
    log(
      `${format}: peak ${a.peakRssMb} MB at N=${smallest}, ${b.peakRssMb} MB at N=${largest}: ${growth[format]} MB per 10,000 insights`,
    );
  }
  const report = {
    startedAt,
    loadAverage: (await import('node:os')).loadavg(),
    sizes: o.sizes,
    workerNodeOptions: o.workerNodeOptions || null,
    relationshipsPerInsight: o.perInsight,
    sampleMs: SAMPLE_MS,
    targetRssMb: TARGET_RSS_MB,
    results: bySize,
    peakGrowthMbPer10kInsights: growth,
    met,
  };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${o.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
