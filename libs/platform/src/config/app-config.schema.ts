import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const port = z.coerce
  .number()
  .int()
  .min(1, 'must be a port number (1-65535)')
  .max(65535, 'must be a port number (1-65535)');
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes');
const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter(Boolean),
  );
const uri = (schemes: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a ${schemes.map((s) => `${s}://`).join(' or ')} URI` },
  );

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every setting of the api and the worker, by its environment variable name.
 * Defaults are the local stack's (tools/stack); production must set the secrets.
 */
const appConfigShape = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Interface the HTTP servers bind to; containers use 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  WORKER_PORT: port.default(3001),
  /** Browser origins allowed to call the API (comma-separated). */
  CORS_ORIGINS: csv.default(['http://localhost:4200', 'http://127.0.0.1:4200']),
  /**
   * Which proxies may set X-Forwarded-For (the client address used by rate limits):
   * `false`, `true` (any: never on a public port), a hop count, or addresses/CIDRs and the
   * names loopback, linklocal, uniquelocal, comma-separated.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  /** Largest accepted request body in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  MONGODB_URI: uri(['mongodb', 'mongodb+srv']).default('mongodb://127.0.0.1:27017/insight-tracker'),
  NEO4J_URI: uri(['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc']).default(
    'bolt://127.0.0.1:7687',
  ),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  REDIS_URL: uri(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key, so several installations can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default('insight'),
  /** How long one readiness check may take before its dependency counts as down. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  /** How long SIGTERM waits for in-flight work before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  ENABLE_API_DOCS: bool.default(true),
  /** HS256 key of access tokens; at least 32 characters. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Sign-in and registration attempts per minute from one IP address. */
  AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Sign-in and registration attempts per minute for one e-mail address. */
  AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** POST/PATCH/PUT/DELETE requests per minute by one signed-in user. */
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** graph-sync jobs (one document each) a worker processes at once. */
  GRAPH_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Whether workers schedule graph reconciliation and the sweep (once per period across replicas). */
  GRAPH_RECONCILE_ENABLED: bool.default(true),
  /** Period of reconciliation: re-enqueue documents whose projection is behind, in seconds. */
  GRAPH_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long a document may stay behind the graph before reconciliation re-enqueues it, in seconds. */
  GRAPH_RECONCILE_THRESHOLD_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  /**
   * Period of the sweep, in seconds: compares MongoDB with Neo4j user by user, removes what is
   * projected but gone and projects what is missing.
   */
  GRAPH_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(604_800).default(900),
  /**
   * Address ranges (CIDRs, comma-separated) webhooks may reach although they are private,
   * loopback or link-local; empty (the default) refuses them all.
   */
  WEBHOOK_ALLOWED_CIDRS: csv
    .refine((list) => list.every(isCidr), { message: 'must be CIDRs like 127.0.0.0/8 or ::1/128' })
    .default([]),
  /** How long one webhook delivery attempt may take (connect, send, answer), in ms. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Largest webhook response body read; a longer answer fails the attempt. */
  WEBHOOK_MAX_RESPONSE_BYTES: z.coerce.number().int().min(0).max(10_485_760).default(65_536),
  /** Attempts per delivery (the first one included) before it counts as failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** Delay before the first retry; each next one doubles it (exponential backoff), in ms. */
  WEBHOOK_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** A webhook is disabled after this many failed attempts in a row. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
  /** Where export files and uploaded imports are kept (shared by api and worker). */
  TRANSFER_DIR: z.string().min(1).default('.data/transfers'),
  /** How long a finished export can be downloaded before it is deleted, in hours. */
  EXPORT_RETENTION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Largest accepted import upload, in bytes. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  /** Most insights one import may contain. */
  IMPORT_MAX_ITEMS: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  /** Seconds between heartbeats on open `GET /events` streams, so proxies keep them open. */
  EVENTS_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  /** Most recent events kept per user for a reconnecting stream's `Last-Event-ID` replay. */
  EVENTS_REPLAY_MAX_EVENTS: z.coerce.number().int().min(1).max(10_000).default(200),
  /** How far back (seconds) a reconnecting stream's replay reaches; older events are not kept. */
  EVENTS_REPLAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Whether workers compute graph clusters (connected components) on a schedule. */
  GRAPH_CLUSTERS_ENABLED: bool.default(true),
  /** Period of the cluster computation, in seconds (once per period across replicas). */
  GRAPH_CLUSTERS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3600),
  /**
   * Largest graph (insights outside the trash) of one user whose clusters are computed; larger
   * ones are skipped, so one user can never take unbounded worker memory.
   */
  GRAPH_CLUSTERS_MAX_INSIGHTS: z.coerce.number().int().min(2).max(5_000_000).default(250_000),
  /**
   * Readiness fails when the oldest insight behind the graph has waited longer than this, in
   * seconds; 0 only reports the lag in readiness details and never fails on it.
   */
  GRAPH_LAG_READINESS_MAX_SECONDS: z.coerce.number().int().min(0).max(604_800).default(0),
  /**
   * analyze-insight jobs (one insight each) a worker processes at once; also its discover-related
   * and webhook-events jobs (each analysis queues one of each), so they keep pace. Concurrent jobs
   * share their database round trips (groupedCalls), so more of them cost little: 32 gave the most
   * throughput in the worker benchmark (docs/benchmarks.md).
   */
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(32),
  /** Whether workers schedule the re-discovery of related insights for what changed (once per period). */
  REDISCOVERY_ENABLED: bool.default(true),
  /** Period of the re-discovery, in seconds (nightly by default): insights changed in the last period. */
  REDISCOVERY_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(604_800).default(86_400),
  /** Whether workers purge insights that stayed in the trash longer than TRASH_RETENTION_DAYS. */
  TRASH_PURGE_ENABLED: bool.default(true),
  /** Days an insight stays in the trash before the scheduled purge removes it for good. */
  TRASH_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Period of the trash purge, in seconds (a day). */
  TRASH_PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(86_400),
  /** Whether workers refresh review queues (schedule what has no schedule, drop purged insights'). */
  REVIEW_REFRESH_ENABLED: bool.default(true),
  /** Period of the review-queue refresh, in seconds (a day). */
  REVIEW_REFRESH_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(86_400),
  /** Most due insights `GET /review` lists at once. */
  REVIEW_DAILY_LIMIT: z.coerce.number().int().min(1).max(100).default(20),
  /** Whether workers generate the weekly digests. */
  DIGEST_ENABLED: bool.default(true),
  /** Period of the digests, in seconds (a week); each digest covers one period. */
  DIGEST_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(2_678_400).default(604_800),
  /** Whether workers compute the dashboard statistics per user. */
  STATS_ENABLED: bool.default(true),
  /** Period of the dashboard statistics, in seconds (an hour). */
  STATS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** Whether workers write the nightly backup of the database (the format of `npm run backup -- create`). */
  BACKUP_ENABLED: bool.default(true),
  /** Period of the backup, in seconds (a day, at UTC midnight). */
  BACKUP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(2_678_400).default(86_400),
  /** Directory of the backups (daily/, weekly/, monthly/ with 7/4/12 kept); shared by `npm run backup`. */
  BACKUP_DIR: z.string().min(1).default('.data/backups'),
});

export const appConfigSchema = appConfigShape
  .superRefine((config, ctx) => {
    // Local development may use the stack's default password; production never does.
    for (const secret of ['NEO4J_PASSWORD', 'JWT_SECRET'] as const) {
      if (config.NODE_ENV === 'production' && !config[secret]) {
        ctx.addIssue({ code: 'custom', path: [secret], message: 'is required when NODE_ENV=production' });
      }
    }
  })
  .transform((config) => ({
    ...config,
    NEO4J_PASSWORD: config.NEO4J_PASSWORD ?? 'insight-local-dev',
    JWT_SECRET: config.JWT_SECRET ?? 'insight-local-dev-jwt-secret-not-for-production',
  }));

export type AppConfig = z.output<typeof appConfigSchema>;

/** The variable names the apps read; docs and deployment checks derive from it. */
export const APP_CONFIG_KEYS = Object.keys(appConfigShape.shape) as (keyof AppConfig)[];
