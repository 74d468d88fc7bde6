import { DependencyUnavailableException, withTimeout } from '@insight/platform';

const REDIS_TIMEOUT_MS = 2000;

/** Runs a queue read or write for an API request: 503 (problem+json) when Redis does not answer. */
export async function redisCall<T>(work: Promise<T>): Promise<T> {
  try {
    return await withTimeout(work, REDIS_TIMEOUT_MS, 'redis');
  } catch {
    throw new DependencyUnavailableException('redis');
  }
}
