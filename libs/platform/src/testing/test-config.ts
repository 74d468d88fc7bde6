import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config.schema';
import { loadConfig } from '../config/load-config';

/** A short random suffix so parallel test runs never share data. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Configuration for integration tests against the real local stack (tools/stack):
 * the environment's URIs, but a database and queue prefix of the test's own.
 */
export function testConfig(overrides: Partial<Record<keyof AppConfig, string>> = {}): AppConfig {
  const suffix = uniqueSuffix();
  const base = loadConfig({ env: process.env, argv: [] });
  const mongo = new URL(base.MONGODB_URI);
  mongo.pathname = `/it-${suffix}`;
  return loadConfig({
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      MONGODB_URI: mongo.toString(),
      QUEUE_PREFIX: `it-${suffix}`,
      ...overrides,
    },
    argv: [],
  });
}
