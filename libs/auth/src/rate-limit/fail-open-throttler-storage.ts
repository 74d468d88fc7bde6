import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { withTimeout } from '@insight/platform';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a rate-limit check may wait for Redis before the request goes through unchecked. */
const STORAGE_TIMEOUT_MS = 500;
const WARNING_INTERVAL_MS = 30_000;

/**
 * Rate limits protect the service; an unreachable Redis must not take the service down with
 * it. When the store fails or hangs, the request is allowed and a warning logged (at most
 * every 30 s, so an outage does not flood the logs).
 */
export class FailOpenThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private lastWarningAt = 0;

  constructor(
    private readonly store: ThrottlerStorage,
    private readonly timeoutMs = STORAGE_TIMEOUT_MS,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await withTimeout(
        this.store.increment(key, ttl, limit, blockDuration, throttlerName),
        this.timeoutMs,
        'rate-limit store',
      );
    } catch (error) {
      this.warn(error);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(
      { err: error },
      'rate-limit store unavailable; requests are not rate limited until it is back',
    );
  }
}
