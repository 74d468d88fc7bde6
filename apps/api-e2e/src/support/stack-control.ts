import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './apps';

const STACK = join(ROOT, 'tools/stack/stack.sh');

/**
 * Stops or starts one service of the local stack (tools/stack/stack.sh). Asynchronous on
 * purpose: a synchronous call would stall everything else in the test process (a running load,
 * the apps' probes) for the seconds a database takes to stop or start.
 */
export async function stackService(command: 'up' | 'down', service: string): Promise<void> {
  await promisify(execFile)('bash', [STACK, command, service], { timeout: 170_000 });
}

/** Polls `check` every 500 ms until it holds (a throw counts as "not yet"); false on timeout. */
export async function becomes(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return true;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
