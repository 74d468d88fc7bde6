import { spawnSync } from 'node:child_process';
import { API_URL, WORKER_URL } from './support/apps';

// prom-client's default nodejs_active_* gauges break promtool's naming lint; they are ours to accept.
const ACCEPTED = /^nodejs_active_/;

describe.each([
  ['api', API_URL],
  ['worker', WORKER_URL],
])('%s /metrics', (_name, base) => {
  it('passes promtool check metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined(); // promtool comes with Debian's prometheus package
    const problems = `${check.stdout}${check.stderr}`
      .split('\n')
      .filter((line) => line.trim() && !ACCEPTED.test(line.trim()));
    expect(problems).toEqual([]);
  });
});
