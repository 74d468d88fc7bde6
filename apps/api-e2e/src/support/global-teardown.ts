import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown(): Promise<void> {
  const apps = ((globalThis as Record<string, unknown>)['__E2E_APPS__'] ?? []) as ChildProcess[];
  await Promise.all(
    apps.map(
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
