/**
 * Data portability benchmark, against the built api and worker (`npx nx run-many -t build -p api
 * worker` first) on generated data (tools/datagen: the heavy user's insights and relationships):
 *
 *   1. the worker's RSS while it writes a Markdown (zip) and a JSON export of the whole account
 *      (sampled every 100 ms; issue 8 targets < 300 MB);
 *   2. a JSON import of that export into a new account through the api and worker: seconds from
 *      the upload to the completed job, which includes writing everything and enqueueing the
 *      analysis and graph-sync jobs (issue 8 targets ≤ 2 minutes for 100k insights);
 *   3. baseline, same run: the raw driver's insertMany of the same insight documents in batches
 *      of 1000 (what writing them costs with no checking, import keys, categories or jobs).
 *
 * Prints the figures and writes bench/results-import.json. The imported account, its queue
 * prefix and the baseline collection are removed afterwards; the generated data is kept.
 *
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/import.ts
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/import.ts --insights 2000
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, openAsBlob, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import mongoose, { type Connection, Types } from 'mongoose';
import type { DataTransfer, ExportFormat } from '@insight/contracts';
import { generateData, generatedEmail, GENERATED_PASSWORD } from '../datagen/generate-data';
import { NO_SCHEDULED_WORK, ROOT, rssOf, startApp, stopApp, waitForOk } from '../lib/app-process';
import { removeQueuedJobs } from '../lib/queues';

const TARGETS = { importSeconds: 120, exportRssMb: 300 };

function log(line: string): void {
  console.log(`[import-bench] ${line}`);
}

function options() {
  const { values } = parseArgs({
    options: {
      insights: { type: 'string', default: '100000' },
      relationships: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      port: { type: 'string', default: '3750' },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
      'redis-url': { type: 'string', default: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
      out: { type: 'string', default: join(ROOT, 'bench/results-import.json') },
    },
  });
  const insights = Number(values.insights);
  const relationships = values.relationships ? Number(values.relationships) : insights;
  const mongo = new URL(values['mongodb-base']);
  mongo.pathname = `/insight-bench-import-${insights}-${relationships}`;
  return {
    insights,
    relationships,
    regenerate: values.regenerate,
    port: Number(values.port),
    mongodbUri: mongo.toString(),
    redisUrl: values['redis-url'],
    out: values.out,
  };
}

type Options = ReturnType<typeof options>;

async function ensureData(o: Options): Promise<void> {
  const connection = await mongoose.createConnection(o.mongodbUri).asPromise();
  const [insights, relationships] = await Promise.all([
    connection.collection('insights').estimatedDocumentCount(),
    connection.collection('relationships').estimatedDocumentCount(),
  ]);
  await connection.close();
  if (!o.regenerate && insights === o.insights && relationships === o.relationships) {
    log(`reusing the data: ${insights} insights, ${relationships} relationships`);
    return;
  }
  log(`generating ${o.insights} insights and ${o.relationships} relationships…`);
  const summary = await generateData({
    mongodbUri: o.mongodbUri,
    seed: 8,
    bigUserInsights: o.insights,
    users: 0,
    insightsPerUser: 0,
    bigUserRelationships: o.relationships,
    batchSize: 5000,
    reset: true,
    until: new Date('2026-06-01T00:00:00.000Z'),
    log: () => undefined,
  });
  log(`generated in ${summary.seconds.toFixed(1)} s`);
}

/** Polls `until` every 100 ms, keeping the highest worker RSS seen meanwhile. */
async function watch<T>(
  workerPid: number,
  until: () => Promise<T | null>,
): Promise<{ value: T; peakRssMb: number }> {
  let peakRssMb = 0;
  for (;;) {
    peakRssMb = Math.max(peakRssMb, rssOf(workerPid).rssMb);
    const value = await until();
    if (value !== null) return { value, peakRssMb };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const o = options();
  await ensureData(o);
  const transferDir = join(ROOT, 'tmp', `bench-import-${randomBytes(3).toString('hex')}`);
  const queuePrefix = `bench-import-${Date.now().toString(36)}`;
  const env = {
    MONGODB_URI: o.mongodbUri,
    QUEUE_PREFIX: queuePrefix,
    API_PORT: String(o.port),
    WORKER_PORT: String(o.port + 1),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    JWT_SECRET: 'import-bench-secret-import-bench-secret-0123456789',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    // The export and the import alone: no scheduled job touches the generated data meanwhile.
    ...NO_SCHEDULED_WORK,
    TRANSFER_DIR: transferDir,
    IMPORT_MAX_BYTES: String(4 * 1024 ** 3),
    IMPORT_MAX_ITEMS: String(Math.max(o.insights, 1000)),
  };
  const api = startApp('api', env, 'bench-import').process;
  let worker = startApp('worker', env, 'bench-import').process;
  const workerReady = () => waitForOk(`http://127.0.0.1:${o.port + 1}/readiness`);
  const baseUrl = `http://127.0.0.1:${o.port}/api/v1`;
  const connection: Connection = await mongoose.createConnection(o.mongodbUri).asPromise();
  let importer: Types.ObjectId | null = null;
  const report: Record<string, unknown> = {
    insights: o.insights,
    relationships: o.relationships,
    targets: TARGETS,
  };
  try {
    await Promise.all([
      waitForOk(`http://127.0.0.1:${o.port}/readiness`),
      waitForOk(`http://127.0.0.1:${o.port + 1}/readiness`),
    ]);
    const signIn = async (path: string, body: Record<string, string>) => {
      const response = await fetch(`${baseUrl}/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      const session = (await response.json()) as { accessToken: string; user?: { id: string } };
      return { authorization: `Bearer ${session.accessToken}` };
    };
    const heavy = await signIn('login', { email: generatedEmail(0), password: GENERATED_PASSWORD });
    const idleRssMb = rssOf(worker.pid ?? 0).rssMb;
    report['workerIdleRssMb'] = idleRssMb;
    log(`worker idle RSS ${idleRssMb} MB`);

    const transferOf = async (auth: Record<string, string>, path: string): Promise<DataTransfer | null> => {
      const response = await fetch(`${baseUrl}${path}`, { headers: auth });
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      const transfer = (await response.json()) as DataTransfer;
      if (transfer.status === 'failed') throw new Error(`${path} failed: ${transfer.error}`);
      return transfer.status === 'completed' ? transfer : null;
    };

    const exports: Record<string, unknown> = {};
    let jsonExport = '';
    for (const format of ['markdown', 'json'] as ExportFormat[]) {
      // A fresh worker for each: the heap one export grew is not counted against the next.
      await stopApp(worker);
      worker = startApp('worker', env, `bench-import-${format}`).process;
      await workerReady();
      const workerPid = worker.pid ?? 0;
      const startRssMb = rssOf(workerPid).rssMb;
      const started = Date.now();
      const response = await fetch(`${baseUrl}/exports`, {
        method: 'POST',
        headers: { ...heavy, 'content-type': 'application/json' },
        body: JSON.stringify({ format }),
      });
      if (response.status !== 202)
        throw new Error(`export answered ${response.status}: ${await response.text()}`);
      const accepted = (await response.json()) as DataTransfer;
      const { value, peakRssMb } = await watch(workerPid, () => transferOf(heavy, `/exports/${accepted.id}`));
      const seconds = (Date.now() - started) / 1000;
      exports[format] = {
        seconds,
        startRssMb,
        peakRssMb,
        sizeBytes: value.sizeBytes,
        exported: value.exported,
      };
      log(
        `${format} export: ${seconds.toFixed(1)} s, ${value.sizeBytes} bytes, worker RSS ${startRssMb} MB at start, peak ${peakRssMb} MB`,
      );
      if (format === 'json') {
        jsonExport = join(transferDir, 'bench-export.jsonl');
        const download = await fetch(`${baseUrl}/exports/${accepted.id}/download`, { headers: heavy });
        if (!download.ok || !download.body) throw new Error(`download answered ${download.status}`);
        await pipeline(Readable.fromWeb(download.body as never), createWriteStream(jsonExport));
      }
    }
    report['exports'] = exports;

    // The import: a new account, the JSON export uploaded, timed until the job completed.
    const email = `bench-import-${randomBytes(4).toString('hex')}@bench.example.com`;
    const fresh = await signIn('register', {
      email,
      password: GENERATED_PASSWORD,
      displayName: 'Import bench',
    });
    importer = (await connection.collection('users').findOne({ email }))?._id as Types.ObjectId;
    const form = new FormData();
    form.append('file', await openAsBlob(jsonExport), 'export.jsonl');
    const started = Date.now();
    const upload = await fetch(`${baseUrl}/imports`, { method: 'POST', headers: fresh, body: form });
    if (upload.status !== 202) throw new Error(`import answered ${upload.status}: ${await upload.text()}`);
    const uploadSeconds = (Date.now() - started) / 1000;
    const accepted = (await upload.json()) as DataTransfer;
    const { value: imported, peakRssMb } = await watch(worker.pid ?? 0, () =>
      transferOf(fresh, `/imports/${accepted.id}`),
    );
    const seconds = (Date.now() - started) / 1000;
    const created = imported.imported?.created;
    report['import'] = {
      seconds,
      uploadSeconds,
      fileBytes: statSync(jsonExport).size,
      insightsPerSecond: Math.round((created?.insights ?? 0) / seconds),
      created,
      errorCount: imported.imported?.errorCount,
      workerPeakRssMb: peakRssMb,
    };
    log(
      `JSON import: ${created?.insights} insights, ${created?.relationships} relationships in ${seconds.toFixed(1)} s (upload ${uploadSeconds.toFixed(1)} s), ${Math.round((created?.insights ?? 0) / seconds)} insights/s, analysis and graph sync enqueued`,
    );

    // Baseline: the same insight documents, raw insertMany in batches of 1000.
    const heavyUser = await connection.collection('users').findOne({ email: generatedEmail(0) });
    const scratch = connection.collection('bench_import_baseline');
    await scratch.drop().catch(() => undefined);
    const cursor = connection.collection('insights').find({ userId: heavyUser?._id }).batchSize(1000);
    let batch: Record<string, unknown>[] = [];
    let baselineMs = 0;
    let baselineCount = 0;
    const flush = async () => {
      const at = Date.now();
      await scratch.insertMany(batch, { ordered: false });
      baselineMs += Date.now() - at;
      baselineCount += batch.length;
      batch = [];
    };
    for await (const doc of cursor) {
      batch.push({ ...doc, _id: new Types.ObjectId(), userId: new Types.ObjectId() });
      if (batch.length === 1000) await flush();
    }
    if (batch.length > 0) await flush();
    await scratch.drop().catch(() => undefined);
    report['baseline'] = {
      what: 'raw driver insertMany of the same insight documents, batches of 1000 (write time only)',
      seconds: baselineMs / 1000,
      insightsPerSecond: Math.round(baselineCount / (baselineMs / 1000)),
    };
    log(`baseline insertMany: ${baselineCount} insights in ${(baselineMs / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all([stopApp(api), stopApp(worker)]);
    if (importer) {
      for (const name of [
        'insights',
        'relationships',
        'categories',
        'review_states',
        'suggestions',
        'data_transfers',
      ]) {
        await connection.collection(name).deleteMany({ userId: importer });
      }
      await connection
        .collection('import_keys')
        .deleteMany({ _id: { $regex: `^${importer.toHexString()}\\.` } } as never);
      await connection.collection('users').deleteOne({ _id: importer });
    }
    await connection.close();
    await removeQueuedJobs(o.redisUrl, queuePrefix).catch(() => undefined);
    rmSync(transferDir, { recursive: true, force: true });
  }
  const exports = report['exports'] as Record<string, { peakRssMb: number }>;
  const imported = report['import'] as { seconds: number };
  report['met'] = {
    importSeconds: imported.seconds <= TARGETS.importSeconds,
    exportRssMb: Object.values(exports).every((e) => e.peakRssMb < TARGETS.exportRssMb),
  };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${o.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
