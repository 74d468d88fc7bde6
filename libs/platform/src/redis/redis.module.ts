import {
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { APP_CONFIG } from '../config/app-config.module';
import type { AppConfig } from '../config/app-config.schema';
import { withTimeout } from '../health/with-timeout';

/** Connection options shared by every Redis client of the process. */
export function redisOptions(config: AppConfig): RedisOptions {
  return {
    // Reconnect forever with a capped delay: Redis coming back needs no restart.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    connectionName: 'insight-tracker',
    lazyConnect: false,
    ...(config.REDIS_URL.startsWith('rediss:') ? { tls: {} } : {}),
  };
}

/**
 * The process's general-purpose Redis client (health, rate limits, small state).
 * Commands fail at once while Redis is down instead of queueing without bound.
 */
@Injectable()
export class RedisClient extends Redis implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.REDIS_URL, { ...redisOptions(config), enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Errors surface through commands and readiness; without a listener ioredis logs each retry.
    this.on('error', () => undefined);
  }

  /** Gives the first connection a moment so early commands do not fail; never blocks start for long. */
  async onModuleInit(): Promise<void> {
    if (this.status === 'ready') return;
    await withTimeout(new Promise((resolve) => this.once('ready', resolve)), 3000, 'redis').catch(
      () => undefined,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
