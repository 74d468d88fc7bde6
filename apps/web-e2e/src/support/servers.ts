import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const API_PORT = Number(process.env['E2E_API_PORT'] ?? 3120);
export const WORKER_PORT = Number(process.env['E2E_WORKER_PORT'] ?? 3121);
export const WEB_PORT = Number(process.env['E2E_WEB_PORT'] ?? 4320);
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const WORKER_URL = `http://127.0.0.1:${WORKER_PORT}`;
export const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;
export const WEB_DIST = join(ROOT, 'dist/apps/web/browser');
export const LOG_DIR = join(ROOT, 'tmp', 'web-e2e-logs');

/** The apps under test: the stack's services, a database and queue prefix of their own. */
export function appEnv(): NodeJS.ProcessEnv {
  const suffix = randomBytes(4).toString('hex');
  const mongo = new URL(process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker');
  mongo.pathname = `/web-e2e-${suffix}`;
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    API_PORT: String(API_PORT),
    WORKER_PORT: String(WORKER_PORT),
    MONGODB_URI: mongo.toString(),
    QUEUE_PREFIX: `web-e2e-${suffix}`,
    // Graph sync must catch up within a test step.
    GRAPH_RECONCILE_INTERVAL_SECONDS: '2',
    GRAPH_RECONCILE_THRESHOLD_SECONDS: '2',
  };
}

/** Starts a built app (dist/apps/<name>/main.js) with its output in tmp/web-e2e-logs. */
export function startApp(name: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'main.js')], { env, cwd: ROOT });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

export async function waitForOk(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const PROXIED = ['/api/', '/health', '/readiness', '/metrics'];

/**
 * The built web app as production serves it: static files, index.html for every app route, and
 * the API paths proxied to the api (same origin, so the SameSite refresh cookie works).
 */
export function startWebServer(): Promise<Server> {
  return serveWebBuild({ dist: WEB_DIST, port: WEB_PORT, apiPort: API_PORT });
}

/** Serves a web build on loopback `port`, proxying the API paths to the api on `apiPort` (tools/bench uses it too). */
export function serveWebBuild(options: { dist: string; port: number; apiPort: number }): Promise<Server> {
  const { dist, port, apiPort } = options;
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`No web build in ${dist}: run npx nx run web:build first.`);
  }
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (PROXIED.some((prefix) => url.startsWith(prefix))) {
      const upstream = request(
        { host: '127.0.0.1', port: apiPort, path: url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(url.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(dist, 'index.html');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}
