import type { RedisClient } from '@insight/platform';
import { withTimeout } from '@insight/platform';

const REDIS_TIMEOUT_MS = 2000;
/** A run shorter than this never rests its job: it cost the databases little. */
const REST_AFTER_SECONDS = 2;
/** A run that took d seconds rests its job for this × d, so it keeps the databases busy ≤ 1/(1 + this) of the time. */
const REST_FACTOR = 4;

/**
 * Scheduled maintenance that scans (reconciliation and the sweep read every document on FerretDB,
 * which serves no secondary index) can take longer than its period on a large database; run back
 * to back it would keep the database busy for good and slow every request. After a long run its
 * job rests, across replicas (a key in Redis per installation): periods falling in the rest are
 * skipped at once. Redis trouble never stops the work: the job then runs as if not resting.
 */
export class JobPacing {
  constructor(
    private readonly redis: RedisClient,
    /** The installation's queue prefix, so databases sharing one Redis never mix. */
    private readonly prefix: string,
  ) {}

  async resting(name: string): Promise<boolean> {
    try {
      return (await withTimeout(this.redis.exists(this.key(name)), REDIS_TIMEOUT_MS, 'redis')) === 1;
    } catch {
      return false;
    }
  }

  /** Rests `name` after a run of `seconds`, when it was long enough to matter. */
  async rest(name: string, seconds: number): Promise<void> {
    if (seconds < REST_AFTER_SECONDS) return;
    try {
      const ms = Math.round(seconds * REST_FACTOR * 1000);
      await withTimeout(this.redis.set(this.key(name), String(seconds), 'PX', ms), REDIS_TIMEOUT_MS, 'redis');
    } catch {
      // Without the rest the next period simply runs.
    }
  }

  /** Runs `work` unless `name` is resting, then rests it for its run's length. */
  async run<T>(name: string, work: () => Promise<T>): Promise<T | { skipped: string }> {
    if (await this.resting(name)) return { skipped: 'resting after a long run' };
    const started = performance.now();
    const result = await work();
    await this.rest(name, (performance.now() - started) / 1000);
    return result;
  }

  private key(name: string): string {
    return `${this.prefix}:resting:${name}`;
  }
}
