import type { HealthReport } from '@insight/contracts';
import { API_URL, WORKER_URL } from '../support/apps';
import { becomes, stackService } from '../support/stack-control';

async function readiness(base: string): Promise<{ status: number; report: HealthReport; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${base}/readiness`);
  return {
    status: response.status,
    report: (await response.json()) as HealthReport,
    ms: Date.now() - started,
  };
}

describe.each([
  ['neo4j', 'neo4j'],
  ['redis', 'redis'],
  ['ferretdb', 'mongo'],
])('when %s stops', (service, dependency) => {
  afterAll(() => stackService('up', service));

  it(`readiness names ${dependency} within 5 s, liveness stays 200, and it recovers without a restart`, async () => {
    await stackService('down', service);

    for (const base of [API_URL, WORKER_URL]) {
      const down = await readiness(base);
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(5000);
      expect(down.report.error?.[dependency]?.status).toBe('down');
      expect(Object.keys(down.report.error ?? {})).toEqual([dependency]);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    }

    await stackService('up', service);
    for (const base of [API_URL, WORKER_URL]) {
      expect(await becomes(async () => (await readiness(base)).status === 200, 60_000)).toBe(true);
    }
  });
});
