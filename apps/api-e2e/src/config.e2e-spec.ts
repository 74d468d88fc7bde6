import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support/apps';

describe.each(['api', 'worker'])('%s configuration', (app) => {
  it('exits non-zero naming MONGODB_URI when it is not a URI', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js')], {
      env: { ...process.env, MONGODB_URI: 'not-a-uri' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('MONGODB_URI: must be a mongodb:// or mongodb+srv:// URI (got "not-a-uri")');
  });

  it('exits non-zero naming the flag value that is wrong', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js'), '--api-port=http'], {
      env: process.env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('API_PORT');
  });
});
