import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const API_PORT = Number(process.env['E2E_API_PORT'] ?? 3100);
export const WORKER_PORT = Number(process.env['E2E_WORKER_PORT'] ?? 3101);
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const WORKER_URL = `http://127.0.0.1:${WORKER_PORT}`;
export const LOG_DIR = join(ROOT, 'tmp', 'e2e-logs');
/** Environment variable through which global setup tells the tests the apps' MongoDB URI. */
export const E2E_MONGODB_URI = 'E2E_MONGODB_URI';
/** Environment variable through which global setup tells the tests the apps' queue (and Redis key) prefix. */
export const E2E_QUEUE_PREFIX = 'E2E_QUEUE_PREFIX';

/** Rate limits of the apps under test, for the tests that exercise them. */
export const E2E_RATE_LIMITS = {
  authPerIpPerMinute: 10,
  authPerAccountPerMinute: 5,
  writesPerUserPerMinute: 120,
} as const;

/**
 * For apps under a steady load that is not about rate limits (a bulk, a fault, a crash): their
 * writes are not limited, so a 429 never hides what the spec watches. Spread after `e2eEnv()`.
 */
export const E2E_UNLIMITED_WRITES = { WRITE_RATE_LIMIT_PER_MINUTE: '100000' } as const;

/** Graph maintenance periods of the apps under test, short so the suite can watch them work. */
export const E2E_GRAPH = {
  reconcileSeconds: 2,
  thresholdSeconds: 2,
  sweepSeconds: 5,
  clustersSeconds: 3,
} as const;

/** Webhook settings of the apps under test: loopback receivers allowed, quick retries. */
export const E2E_WEBHOOKS = { maxAttempts: 3, retryDelayMs: 100, disableAfterFailures: 4 } as const;

/** Import limits of the apps under test, small so the suite can reach them. */
export const E2E_IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxItems: 500 } as const;

/** Heartbeat period of event streams under test, short so a test sees heartbeats. */
export const E2E_EVENTS_HEARTBEAT_SECONDS = 1;

/** Due insights GET /review lists at once under test: small, so the mix across categories shows. */
export const E2E_REVIEW_DAILY_LIMIT = 5;

/** Environment of the apps under test: the stack's services, a database of their own. */
export function e2eEnv(): NodeJS.ProcessEnv {
  const suffix = randomBytes(4).toString('hex');
  const mongo = new URL(process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker');
  mongo.pathname = `/e2e-${suffix}`;
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    API_PORT: String(API_PORT),
    WORKER_PORT: String(WORKER_PORT),
    MONGODB_URI: mongo.toString(),
    QUEUE_PREFIX: `e2e-${suffix}`,
    HEALTH_TIMEOUT_MS: '1500',
    AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: String(E2E_RATE_LIMITS.authPerIpPerMinute),
    AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: String(E2E_RATE_LIMITS.authPerAccountPerMinute),
    WRITE_RATE_LIMIT_PER_MINUTE: String(E2E_RATE_LIMITS.writesPerUserPerMinute),
    GRAPH_RECONCILE_INTERVAL_SECONDS: String(E2E_GRAPH.reconcileSeconds),
    GRAPH_RECONCILE_THRESHOLD_SECONDS: String(E2E_GRAPH.thresholdSeconds),
    GRAPH_SWEEP_INTERVAL_SECONDS: String(E2E_GRAPH.sweepSeconds),
    WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
    WEBHOOK_TIMEOUT_MS: '3000',
    WEBHOOK_MAX_ATTEMPTS: String(E2E_WEBHOOKS.maxAttempts),
    WEBHOOK_RETRY_DELAY_MS: String(E2E_WEBHOOKS.retryDelayMs),
    WEBHOOK_DISABLE_AFTER_FAILURES: String(E2E_WEBHOOKS.disableAfterFailures),
    TRANSFER_DIR: join(ROOT, 'tmp', `e2e-transfers-${suffix}`),
    IMPORT_MAX_BYTES: String(E2E_IMPORT_LIMITS.maxBytes),
    IMPORT_MAX_ITEMS: String(E2E_IMPORT_LIMITS.maxItems),
    EVENTS_HEARTBEAT_SECONDS: String(E2E_EVENTS_HEARTBEAT_SECONDS),
    GRAPH_CLUSTERS_INTERVAL_SECONDS: String(E2E_GRAPH.clustersSeconds),
    REVIEW_DAILY_LIMIT: String(E2E_REVIEW_DAILY_LIMIT),
    // Off unless a spec turns it on: a backup of every spec's database would only cost time.
    BACKUP_ENABLED: 'false',
    BACKUP_DIR: join(ROOT, 'tmp', `e2e-backups-${suffix}`),
  };
}

/** Starts a built app (dist/apps/<name>/main.js) with its output in tmp/e2e-logs. */
export function startApp(name: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'main.js')], { env, cwd: ROOT });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Resolves once `url` answers 200, or rejects after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
