import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { API_PORT, API_URL, ROOT, WORKER_PORT } from './support/apps';
import { freePort } from './support/private-apps';

/**
 * A real Prometheus (Debian's `prometheus` package) scrapes the running api and worker with
 * the shipped docker/prometheus/prometheus.yml, its targets rewritten to loopback and its
 * intervals shortened; the request counter this test causes must show in its query API.
 */
const SHIPPED_CONFIG = join(ROOT, 'docker/prometheus/prometheus.yml');
const TIMEOUT_MS = 60_000;

interface ScrapeConfig {
  job_name: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: unknown[];
  [key: string]: unknown;
}
interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs: ScrapeConfig[];
}
interface ApiResponse<T> {
  status: string;
  data: T;
}
interface Target {
  labels: Record<string, string>;
  health: string;
  lastError: string;
}
interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** The shipped configuration, scraping the e2e api and worker on loopback every second. */
function loopbackConfig(prometheusPort: number): PrometheusConfig {
  const config = parseYaml(readFileSync(SHIPPED_CONFIG, 'utf8')) as PrometheusConfig;
  const loopback: Record<string, string> = {
    api: `127.0.0.1:${API_PORT}`,
    worker: `127.0.0.1:${WORKER_PORT}`,
    prometheus: `127.0.0.1:${prometheusPort}`,
  };
  for (const job of ['api', 'worker']) {
    if (!config.scrape_configs.some((scrape) => scrape.job_name === job)) {
      throw new Error(`${SHIPPED_CONFIG} has no scrape job "${job}"`);
    }
  }
  config.global = {
    ...config.global,
    scrape_interval: '1s',
    scrape_timeout: '1s',
    evaluation_interval: '1s',
  };
  // Rule files are relative to the shipped file's folder, not to the temporary copy.
  config.rule_files = (config.rule_files ?? []).map((pattern) => join(dirname(SHIPPED_CONFIG), pattern));
  config.scrape_configs = config.scrape_configs.map((scrape) => {
    const target = loopback[scrape.job_name];
    if (!target) return scrape;
    // Same job, path and relabelling; only the discovery becomes a fixed loopback target.
    const rewritten: ScrapeConfig = { ...scrape, static_configs: [{ targets: [target] }] };
    delete rewritten.dns_sd_configs;
    return rewritten;
  });
  return config;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops Prometheus: SIGTERM, then SIGKILL after 5 s; resolves within 6 s whatever happens. */
function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    const giveUp = setTimeout(resolve, 6_000);
    child.once('exit', () => {
      clearTimeout(kill);
      clearTimeout(giveUp);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe('Prometheus with the shipped configuration', () => {
  let prometheus: ChildProcess | undefined;
  let workDir = '';
  let baseUrl = '';
  let output = '';

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`);
    const body = (await response.json()) as ApiResponse<T>;
    if (body.status !== 'success') throw new Error(`${path}: ${JSON.stringify(body)}`);
    return body.data;
  }

  async function query(promql: string): Promise<Sample[]> {
    return api<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent(promql)}`).then(
      (d) => d.result,
    );
  }

  beforeAll(async () => {
    const found = spawnSync('prometheus', ['--version'], { encoding: 'utf8' });
    if (found.error) throw new Error('prometheus is not installed: apt-get install prometheus');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    workDir = mkdtempSync(join(tmpdir(), 'insight-prometheus-e2e-'));
    const configFile = join(workDir, 'prometheus.yml');
    writeFileSync(configFile, stringifyYaml(loopbackConfig(port)));
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(workDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    prometheus.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor('Prometheus to be ready', async () => {
      if (prometheus?.exitCode !== null) throw new Error(`prometheus exited: ${output}`);
      return (await fetch(`${baseUrl}/-/ready`)).ok ? true : undefined;
    });
  }, TIMEOUT_MS);

  afterAll(async () => {
    await stop(prometheus);
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 10_000);

  it(
    'scrapes the api and the worker until both targets are up',
    async () => {
      const health = await waitFor('api and worker targets to be up', async () => {
        const { activeTargets } = await api<{ activeTargets: Target[] }>('/api/v1/targets');
        const byJob = Object.fromEntries(activeTargets.map((t) => [t.labels['job'], t]));
        return byJob['api']?.health === 'up' && byJob['worker']?.health === 'up' ? byJob : undefined;
      });
      expect(health['api'].labels['instance']).toBe(`127.0.0.1:${API_PORT}`);
      expect(health['worker'].labels['instance']).toBe(`127.0.0.1:${WORKER_PORT}`);
    },
    TIMEOUT_MS,
  );

  it(
    'loads the shipped alert rules',
    async () => {
      const { groups } = await api<{ groups: { name: string; rules: { name: string }[] }[] }>(
        '/api/v1/rules',
      );
      const alerts = groups.flatMap((group) => group.rules.map((rule) => rule.name));
      expect(alerts).toEqual(expect.arrayContaining(['InsightApiHighErrorRatio', 'InsightGraphSyncLag']));
    },
    TIMEOUT_MS,
  );

  it(
    'shows the requests this test makes in the request counter and histogram',
    async () => {
      const counter =
        'sum(http_request_duration_seconds_count{job="api",method="GET",route="/health",status_code="200"})';
      const valueOf = async (): Promise<number | undefined> => {
        const [sample] = await query(counter);
        return sample ? Number(sample.value[1]) : undefined;
      };
      // One request creates the series; a scrape then gives the baseline.
      expect((await fetch(`${API_URL}/health`)).status).toBe(200);
      const before = await waitFor('the request counter to be scraped', valueOf);
      const requests = 7;
      for (let i = 0; i < requests; i++) expect((await fetch(`${API_URL}/health`)).status).toBe(200);

      const after = await waitFor('the new requests to be scraped', async () => {
        const value = await valueOf();
        return value !== undefined && value >= before + requests ? value : undefined;
      });
      expect(after - before).toBeGreaterThanOrEqual(requests);

      const buckets = await query(
        'http_request_duration_seconds_bucket{job="api",method="GET",route="/health",status_code="200",le="+Inf"}',
      );
      expect(buckets.length).toBeGreaterThan(0);
      expect(Number(buckets[0].value[1])).toBeGreaterThanOrEqual(requests);
      const worker = await query('process_resident_memory_bytes{job="worker"}');
      expect(Number(worker[0]?.value[1])).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
