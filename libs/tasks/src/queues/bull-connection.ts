import type { ConnectionOptions } from 'bullmq';
import { type AppConfig, redisOptions } from '@insight/platform';

/** BullMQ connection options from REDIS_URL (BullMQ opens its own connections). */
export function bullConnection(config: AppConfig, role: 'producer' | 'worker'): ConnectionOptions {
  const url = new URL(config.REDIS_URL);
  return {
    ...redisOptions(config),
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    // Producers fail fast while Redis is down (the API answers 503); workers wait and retry.
    ...(role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
      : { maxRetriesPerRequest: null }),
  };
}
