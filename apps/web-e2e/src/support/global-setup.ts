import { API_URL, appEnv, startApp, startWebServer, waitForOk, WEB_URL, WORKER_URL } from './servers';

/** Starts api, worker and the web server once for the whole run; teardown stops them. */
export default async function globalSetup(): Promise<void> {
  const env = appEnv();
  const api = startApp('api', env);
  const worker = startApp('worker', env);
  const web = await startWebServer();
  (globalThis as Record<string, unknown>)['__WEB_E2E__'] = { apps: [api, worker], web };
  await Promise.all([
    waitForOk(`${API_URL}/readiness`),
    waitForOk(`${WORKER_URL}/readiness`),
    waitForOk(`${WEB_URL}/`),
  ]);
}
