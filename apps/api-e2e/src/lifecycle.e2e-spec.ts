import { e2eEnv, startApp, waitForOk } from './support/apps';

describe.each([
  ['api', 'API_PORT', 3190],
  ['worker', 'WORKER_PORT', 3191],
] as const)('%s lifecycle', (app, portVariable, port) => {
  it('shuts down gracefully and promptly on SIGTERM', async () => {
    const child = startApp(app, { ...e2eEnv(), [portVariable]: String(port) });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForOk(`http://127.0.0.1:${port}/health`, 30_000);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const started = Date.now();
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    // Nest closes every module, then re-raises the signal: a clean stop ends by SIGTERM, not exit 1.
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output).toContain('shutdown complete (SIGTERM)');
  });
});
