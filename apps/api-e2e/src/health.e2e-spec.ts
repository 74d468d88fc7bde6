import type { HealthReport } from '@insight/contracts';
import { API_URL, E2E_GRAPH, WORKER_URL } from './support/apps';
import { eventually } from './support/graph';

describe.each([
  ['api', API_URL],
  ['worker', WORKER_URL],
])('%s probes', (_name, base) => {
  it('answers /health with 200 without touching dependencies', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as HealthReport).status).toBe('ok');
  });

  it('answers /readiness with 200 and lists mongo, neo4j and redis as up', async () => {
    const response = await fetch(`${base}/readiness`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as HealthReport;
    expect(report.status).toBe('ok');
    expect(Object.keys(report.details).sort()).toEqual(['graphSync', 'mongo', 'neo4j', 'redis']);
    for (const dependency of Object.values(report.details)) expect(dependency.status).toBe('up');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of ['mongo', 'neo4j', 'redis']) {
      expect(metrics).toContain(`insight_dependency_up{dependency="${name}"} 1`);
    }
  });

  it("details the graph lag measured by reconciliation: pending insights and the oldest one's age", async () => {
    // Reconciliation runs every E2E_GRAPH.reconcileSeconds and records the measurement.
    const detail = await eventually(
      async () => {
        const report = (await (await fetch(`${base}/readiness`)).json()) as HealthReport;
        const graphSync = report.details['graphSync'];
        return typeof graphSync?.['pending'] === 'number' ? graphSync : null;
      },
      (E2E_GRAPH.reconcileSeconds + 10) * 1000,
    );
    expect(detail).toEqual({
      status: 'up',
      pending: expect.any(Number),
      oldestPendingSince: detail['pending'] === 0 ? null : expect.any(String),
      lagSeconds: expect.any(Number),
      measuredAt: expect.any(String),
    });
    expect(Date.now() - Date.parse(detail['measuredAt'] as string)).toBeLessThan(60_000);
  });

  it('serves Prometheus metrics including the HTTP duration histogram', async () => {
    await fetch(`${base}/health`);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('worker graph lag metrics', () => {
  it('reports the pending count and the lag from the same measurement', async () => {
    const metrics = await eventually(
      async () => {
        const text = await (await fetch(`${WORKER_URL}/metrics`)).text();
        return /^insight_graph_sync_pending \d+$/m.test(text) ? text : null;
      },
      (E2E_GRAPH.reconcileSeconds + 15) * 1000,
    );
    expect(metrics).toMatch(/^insight_graph_sync_lag_seconds \d+(\.\d+)?$/m);
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-ID and makes one up otherwise', async () => {
    const given = await fetch(`${API_URL}/health`, { headers: { 'X-Request-ID': 'e2e-req-1' } });
    expect(given.headers.get('x-request-id')).toBe('e2e-req-1');
    const hostile = await fetch(`${API_URL}/health`, { headers: { 'X-Request-ID': 'bad id with spaces' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
