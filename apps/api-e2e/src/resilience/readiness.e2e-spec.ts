import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { HealthReport } from '@insight/contracts';
import { API_URL, ROOT, WORKER_URL } from '../support/apps';

const STACK = join(ROOT, 'tools/stack/stack.sh');

function stack(command: 'up' | 'down', service: string): void {
  execFileSync('bash', [STACK, command, service], { stdio: 'pipe', timeout: 170_000 });
}

async function readiness(base: string): Promise<{ status: number; report: HealthReport; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${base}/readiness`);
  return {
    status: response.status,
    report: (await response.json()) as HealthReport,
    ms: Date.now() - started,
  };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

describe.each([
  ['neo4j', 'neo4j'],
  ['redis', 'redis'],
  ['ferretdb', 'mongo'],
])('when %s stops', (service, dependency) => {
  afterAll(() => stack('up', service));

  it(`readiness names ${dependency} within 5 s, liveness stays 200, and it recovers without a restart`, async () => {
    stack('down', service);

    for (const base of [API_URL, WORKER_URL]) {
      const down = await readiness(base);
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(5000);
      expect(down.report.error?.[dependency]?.status).toBe('down');
      expect(Object.keys(down.report.error ?? {})).toEqual([dependency]);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    }

    stack('up', service);
    for (const base of [API_URL, WORKER_URL]) {
      expect(await eventually(async () => (await readiness(base)).status === 200, 60_000)).toBe(true);
    }
  });
});
