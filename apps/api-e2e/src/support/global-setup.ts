import { e2eEnv, API_URL, E2E_MONGODB_URI, E2E_QUEUE_PREFIX, startApp, waitForOk, WORKER_URL } from './apps';

/** Starts api and worker once for the whole run; teardown stops them. */
export default async function globalSetup(): Promise<void> {
  const env = e2eEnv();
  // Tests read the apps' database directly to check what a request did (or did not) change.
  process.env[E2E_MONGODB_URI] = env['MONGODB_URI'];
  process.env[E2E_QUEUE_PREFIX] = env['QUEUE_PREFIX'];
  const api = startApp('api', env);
  const worker = startApp('worker', env);
  (globalThis as Record<string, unknown>)['__E2E_APPS__'] = [api, worker];
  await Promise.all([
    waitForOk(`${API_URL}/readiness`, 60_000),
    waitForOk(`${WORKER_URL}/readiness`, 60_000),
  ]);
}
