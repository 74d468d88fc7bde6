/**
 * Graph explorer frame-rate benchmark: a user with 10,000 insights and 30,000 relationships
 * (tools/datagen, synced to Neo4j by an admin rebuild), the built web app served as production
 * serves it (static files + the API proxied, same origin) and Debian's Chromium through
 * playwright-core opening /graph:
 *
 *   1. time to interactive: from navigation start until the graph is drawn (summary shown, the
 *      WebGL canvases there) and the page paints its next frame;
 *   2. frames per second while panning (mouse drags on the canvas, one move per 16 ms), counted
 *      with requestAnimationFrame: once while the ForceAtlas2 layout still runs in its worker,
 *      once after it settled. The target (≥ 30 fps) is judged on the settled pan.
 *
 * Loopback only, bounded in time (a watchdog ends the run), stops everything it started.
 * Build first: `npx nx run-many -t build -p api worker web`. See tools/bench/README.md.
 */
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
// The browser tests' Chromium launcher (flags for WebGL without a GPU) and their production-like
// web server, reused rather than copied: a benchmark is a test tool, not part of the apps.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { launchChromium } from '../../apps/web-e2e/src/support/browser';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { serveWebBuild } from '../../apps/web-e2e/src/support/servers';
import { generatedEmail, GENERATED_PASSWORD } from '../datagen/generate-data';
import { ROOT, startApp, stopApp, waitForOk } from '../lib/app-process';
import { removeQueuedJobs } from '../lib/queues';
import { ensureGeneratedData, promoteHeavyUser, rebuildGraph, signInHeavyUser } from './generated-user';

interface Profile {
  name: string;
  insights: number;
  relationships: number;
  panSeconds: number;
}

const PROFILES: Record<string, Profile> = {
  short: { name: 'short', insights: 1_000, relationships: 3_000, panSeconds: 3 },
  full: { name: 'full', insights: 10_000, relationships: 30_000, panSeconds: 5 },
};
export const EXPLORER_TARGET_FPS = 30;
/** Its own seed, so this user (and its Neo4j projection) never overlaps the graph bench's. */
const SEED = 1066;

function log(line: string): void {
  console.log(`[explorer-bench] ${line}`);
}

function options() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'full' },
      short: { type: 'boolean', default: false },
      insights: { type: 'string' },
      relationships: { type: 'string' },
      seconds: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      port: { type: 'string', default: '3770' },
      'web-port': { type: 'string' },
      'max-minutes': { type: 'string', default: '20' },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
      out: { type: 'string', default: join(ROOT, 'bench/results-explorer.json') },
    },
  });
  const base = PROFILES[values.short ? 'short' : values.profile];
  if (!base) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  const profile = { ...base };
  if (values.insights) profile.insights = Number(values.insights);
  if (values.relationships) profile.relationships = Number(values.relationships);
  if (values.seconds) profile.panSeconds = Number(values.seconds);
  const database = `insight-bench-explorer-${profile.insights}-${profile.relationships}`;
  const mongo = new URL(values['mongodb-base']);
  mongo.pathname = `/${database}`;
  const port = Number(values.port);
  return {
    profile,
    database,
    regenerate: values.regenerate,
    port,
    webPort: values['web-port'] ? Number(values['web-port']) : port + 2,
    maxMinutes: Number(values['max-minutes']),
    mongodbUri: mongo.toString(),
    out: values.out,
  };
}

/** Frame figures from requestAnimationFrame timestamps (ms). */
export function frameStats(timestamps: readonly number[]): {
  frames: number;
  seconds: number;
  fps: number;
  p95FrameMs: number;
  longestFrameMs: number;
  slowFrames: number;
} {
  const intervals = timestamps.slice(1).map((t, i) => t - timestamps[i]);
  const seconds = timestamps.length > 1 ? (timestamps[timestamps.length - 1] - timestamps[0]) / 1000 : 0;
  const sorted = [...intervals].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    frames: intervals.length,
    seconds: round(seconds),
    fps: seconds > 0 ? round(intervals.length / seconds) : 0,
    p95FrameMs: sorted.length
      ? round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))])
      : 0,
    longestFrameMs: sorted.length ? round(sorted[sorted.length - 1]) : 0,
    // Frames that missed 30 fps.
    slowFrames: intervals.filter((interval) => interval > 1000 / EXPLORER_TARGET_FPS).length,
  };
}

/** Drags the view in a circle for `seconds`, counting animation frames meanwhile. */
async function panAndCount(page: Page, seconds: number): Promise<ReturnType<typeof frameStats>> {
  const box = await page.locator('.canvas').boundingBox();
  if (!box) throw new Error('the graph canvas is not on the page');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() => {
    const state = window as unknown as { benchFrames: number[]; benchStop: boolean };
    state.benchFrames = [];
    state.benchStop = false;
    const tick = (time: number) => {
      if (state.benchStop) return;
      state.benchFrames.push(time);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const end = Date.now() + seconds * 1000;
  for (let step = 0; Date.now() < end; step++) {
    const angle = step * 0.12;
    await page.mouse.move(cx + 140 * Math.cos(angle) - 140, cy + 90 * Math.sin(angle));
    await new Promise((r) => setTimeout(r, 16));
  }
  // A drag this long is never a click for sigma (draggedEventsTolerance), so nothing navigates.
  const frames = await page.evaluate(() => {
    const state = window as unknown as { benchFrames: number[]; benchStop: boolean };
    state.benchStop = true;
    return state.benchFrames;
  });
  await page.mouse.up();
  return frameStats(frames);
}

async function measureExplorer(webUrl: string, seconds: number) {
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(120_000);
    await page.goto(`${webUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(generatedEmail(0));
    await page.getByLabel('Password').fill(GENERATED_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    // A full load of /graph (the session comes back from the refresh cookie), timed in the page.
    await page.goto(`${webUrl}/graph`);
    const drawn = await page.waitForFunction(
      () => {
        const summary = Array.from(document.querySelectorAll('[role=status]')).find((el) =>
          /\d[\d,.]* insights?/.test(el.textContent ?? ''),
        );
        return summary && document.querySelector('.canvas canvas')
          ? { at: performance.now(), summary: (summary.textContent ?? '').trim() }
          : null;
      },
      undefined,
      { polling: 50, timeout: 180_000 },
    );
    const { at: drawnMs, summary } = (await drawn.jsonValue()) as { at: number; summary: string };
    const interactiveMs = await page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
    );
    log(`drawn at ${Math.round(drawnMs)} ms, interactive at ${Math.round(interactiveMs)} ms: ${summary}`);
    const layoutWasRunning = (await page.getByRole('button', { name: 'Pause layout' }).count()) > 0;

    const duringLayout = await panAndCount(page, seconds);
    log(`panning while the layout runs: ${duringLayout.fps} fps (p95 frame ${duringLayout.p95FrameMs} ms)`);
    // The layout stops on its own (at most 10 s for the largest graphs).
    await page.getByRole('button', { name: 'Run layout' }).waitFor({ timeout: 60_000 });
    const settled = await panAndCount(page, seconds);
    log(`panning after the layout settled: ${settled.fps} fps (p95 frame ${settled.p95FrameMs} ms)`);
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
    });
    return {
      summary,
      drawnMs: Math.round(drawnMs),
      timeToInteractiveMs: Math.round(interactiveMs),
      layoutWasRunning,
      duringLayout,
      settled,
      renderer,
    };
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const { profile, database, regenerate, port, webPort, maxMinutes, mongodbUri, out } = options();
  const children: ChildProcess[] = [];
  let server: Server | undefined;
  // Bounded: whatever hangs, the run ends and takes its children with it.
  const watchdog = setTimeout(() => {
    console.error(`[explorer-bench] gave up after ${maxMinutes} minutes`);
    for (const child of children) child.kill('SIGKILL');
    server?.close();
    process.exit(1);
  }, maxMinutes * 60_000);

  await ensureGeneratedData(profile, mongodbUri, { regenerate, seed: SEED, log });
  const connection = await mongoose.createConnection(mongodbUri).asPromise();
  await promoteHeavyUser(connection);
  await connection.close();

  const queuePrefix = `bench-explorer-${Date.now().toString(36)}`;
  const env = {
    MONGODB_URI: mongodbUri,
    QUEUE_PREFIX: queuePrefix,
    API_PORT: String(port),
    WORKER_PORT: String(port + 1),
    LOG_LEVEL: 'warn',
    // As the browser tests run it: plain http on loopback keeps the refresh cookie.
    NODE_ENV: 'test',
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    JWT_SECRET: 'explorer-bench-secret-explorer-bench-secret-0123',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    GRAPH_CLUSTERS_ENABLED: 'false',
  };
  try {
    children.push(startApp('api', env, 'bench-explorer').process);
    children.push(startApp('worker', env, 'bench-explorer').process);
    const apiUrl = `http://127.0.0.1:${port}`;
    await Promise.all([
      waitForOk(`${apiUrl}/readiness`),
      waitForOk(`http://127.0.0.1:${port + 1}/readiness`),
    ]);
    const sync = await rebuildGraph(apiUrl, await signInHeavyUser(apiUrl), 'graph sync', log);
    server = await serveWebBuild({ dist: join(ROOT, 'dist/apps/web/browser'), port: webPort, apiPort: port });

    const measured = await measureExplorer(`http://127.0.0.1:${webPort}`, profile.panSeconds);
    const met = measured.settled.fps >= EXPLORER_TARGET_FPS;
    const report = {
      benchmark: 'explorer',
      profile: profile.name,
      database,
      insights: profile.insights,
      relationships: profile.relationships,
      sync: { insights: sync.insights, relationships: sync.relationships, seconds: sync.seconds },
      ...measured,
      targetFps: EXPLORER_TARGET_FPS,
      met,
      date: new Date().toISOString(),
      wallSeconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        '',
        `Graph explorer, ${profile.insights.toLocaleString('en')} insights / ${profile.relationships.toLocaleString('en')} relationships (${measured.renderer})`,
        `  time to interactive   ${measured.timeToInteractiveMs} ms (graph drawn at ${measured.drawnMs} ms)`,
        `  pan, layout running   ${measured.duringLayout.fps} fps, p95 frame ${measured.duringLayout.p95FrameMs} ms, longest ${measured.duringLayout.longestFrameMs} ms`,
        `  pan, layout settled   ${measured.settled.fps} fps, p95 frame ${measured.settled.p95FrameMs} ms, longest ${measured.settled.longestFrameMs} ms`,
        `  target ≥ ${EXPLORER_TARGET_FPS} fps (settled): ${met ? 'met' : 'MISSED'}`,
        `Written to ${out} (${report.wallSeconds} s in all)`,
      ].join('\n'),
    );
  } finally {
    clearTimeout(watchdog);
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await Promise.all(children.map((child) => stopApp(child)));
    await removeQueuedJobs(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', queuePrefix).catch(
      () => undefined,
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
