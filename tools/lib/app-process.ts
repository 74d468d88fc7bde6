/**
 * Starting the built apps (dist/apps/<name>/main.js) from tools: benchmarks, the soak run.
 * Output goes to tmp/<label>-<name>.log so a failing run can be read afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/**
 * Environment that switches off every scheduled job (reconciliation, clusters, rediscovery, trash
 * purge, review refresh, digests, stats, backup): for a benchmark measuring one kind of work.
 */
export const NO_SCHEDULED_WORK = {
  GRAPH_RECONCILE_ENABLED: 'false',
  GRAPH_CLUSTERS_ENABLED: 'false',
  REDISCOVERY_ENABLED: 'false',
  TRASH_PURGE_ENABLED: 'false',
  REVIEW_REFRESH_ENABLED: 'false',
  DIGEST_ENABLED: 'false',
  STATS_ENABLED: 'false',
  BACKUP_ENABLED: 'false',
} as const;

/**
 * V8's old-space cap per app, in MB, as tools/start.sh and the deployments run them (half the
 * container's memory limit). Uncapped, V8 sizes the heap from this machine's memory and lets
 * garbage grow far past what the app keeps alive, so RSS would measure V8's laziness.
 */
const HEAP_MB = { api: 256, worker: 512 } as const;

export function startApp(
  name: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  label: string,
): { process: ChildProcess; log: string } {
  const main = join(ROOT, 'dist/apps', name, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx run ${name}:build" first`);
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const log = join(ROOT, 'tmp', `${label}-${name}.log`);
  const out = createWriteStream(log, { flags: 'w' });
  // A tool's apps never write the nightly backup (a 100k-insight dump would skew a benchmark) nor
  // purge old trash (it would shrink the standard dataset the next run reuses).
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB[name]}`,
      BACKUP_ENABLED: 'false',
      TRASH_PURGE_ENABLED: 'false',
      ...env,
    },
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return { process: child, log };
}

/** Resolves once `url` answers 200, or rejects after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Stops a child with SIGTERM and waits for it to exit. */
export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc; null once it is gone. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    // Fields after the command name's closing parenthesis (the name may hold one too): utime and
    // stime are the 12th and 13th, in clock ticks (USER_HZ, 100 on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The local stack's database processes (the pid files of tools/stack/stack.sh) that are running. */
export function stackProcesses(): Record<string, number> {
  const runDir = join(process.env['STACK_DATA_DIR'] ?? join(ROOT, '.data'), 'run');
  const found: Record<string, number> = {};
  for (const name of ['ferretdb', 'neo4j', 'redis']) {
    const file = join(runDir, `${name}.pid`);
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (cpuSecondsOf(pid) !== null) found[name] = pid;
  }
  return found;
}

/** Resident and peak resident memory of a process, in MB. */
export function rssOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}
