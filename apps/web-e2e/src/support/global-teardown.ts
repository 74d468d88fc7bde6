import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';

export default async function globalTeardown(): Promise<void> {
  const running = (globalThis as Record<string, unknown>)['__WEB_E2E__'] as
    { apps: ChildProcess[]; web: Server } | undefined;
  if (!running) return;
  running.web.closeAllConnections();
  await new Promise<void>((resolve) => running.web.close(() => resolve()));
  await Promise.all(
    running.apps.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
