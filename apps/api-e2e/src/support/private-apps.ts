import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { e2eEnv, startApp, waitForOk } from './apps';

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** An api and workers of a spec's own: their own ports, database and queue prefix. */
export interface PrivateApps {
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  workers: { url: string; process: ChildProcess }[];
  api: ChildProcess;
  /** SIGTERMs everything still running and waits for it to exit. */
  stop(): Promise<void>;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * Starts one api and `workers` worker processes with `overrides` on top of the e2e environment
 * (for short schedules and the like), and waits until all are ready.
 */
export async function startPrivateApps(
  workers: number,
  overrides: NodeJS.ProcessEnv = {},
): Promise<PrivateApps> {
  const env = { ...e2eEnv(), ...overrides };
  const apiPort = await freePort();
  const api = startApp('api', { ...env, API_PORT: String(apiPort) });
  const started: { url: string; process: ChildProcess }[] = [];
  for (let i = 0; i < workers; i++) {
    const port = await freePort();
    started.push({
      url: `http://127.0.0.1:${port}`,
      process: startApp('worker', { ...env, WORKER_PORT: String(port) }),
    });
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const all = [api, ...started.map((worker) => worker.process)];
  const stop = async () => {
    await Promise.all(
      all.map((child) => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited(child);
      }),
    );
  };
  try {
    await Promise.all(
      [apiUrl, ...started.map((worker) => worker.url)].map((url) => waitForOk(`${url}/readiness`, 60_000)),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, apiUrl, workers: started, api, stop };
}
