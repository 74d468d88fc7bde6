import { Test, type TestingModule } from '@nestjs/testing';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, AppConfigModule } from '../config/app-config.module';
import type { AppConfig } from '../config/app-config.schema';
import { RedisClient, RedisModule } from '../redis/redis.module';
import { testConfig } from '../testing/test-config';
import { GraphLagHealthIndicator, GraphLagStore } from './graph-lag';

jest.setTimeout(30_000);

async function moduleWith(overrides: Record<string, string> = {}, prefix?: string): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(testConfig({ ...overrides, ...(prefix ? { QUEUE_PREFIX: prefix } : {}) })),
      RedisModule,
    ],
    providers: [HealthIndicatorService, GraphLagStore, GraphLagHealthIndicator],
  }).compile();
  return moduleRef.init();
}

describe('graph lag in readiness (real Redis)', () => {
  let relaxed: TestingModule;
  let strict: TestingModule;
  let prefix: string;

  beforeAll(async () => {
    relaxed = await moduleWith();
    prefix = relaxed.get<AppConfig>(APP_CONFIG).QUEUE_PREFIX;
    // Another replica of the same installation, with a lag limit.
    strict = await moduleWith({ GRAPH_LAG_READINESS_MAX_SECONDS: '60' }, prefix);
  });

  afterAll(async () => {
    await relaxed.get(RedisClient).del(`${prefix}:graph-sync:lag`);
    await Promise.all([relaxed.close(), strict.close()]);
  });

  it('stays up and says the lag is unknown before anything was measured', async () => {
    const result = await relaxed.get(GraphLagHealthIndicator).isHealthy();
    expect(result['graphSync']).toEqual({ status: 'up', lag: 'unknown', message: 'not measured yet' });
  });

  it('details the backlog another replica measured; fails only past the configured limit', async () => {
    const oldest = new Date(Date.now() - 300_000).toISOString();
    const measuredAt = new Date().toISOString();
    await relaxed.get(GraphLagStore).save({ pending: 42, oldestPendingSince: oldest, measuredAt });

    const detail: Record<string, unknown> = (await relaxed.get(GraphLagHealthIndicator).isHealthy())[
      'graphSync'
    ];
    expect(detail).toEqual({
      status: 'up',
      pending: 42,
      oldestPendingSince: oldest,
      lagSeconds: expect.any(Number),
      measuredAt,
    });
    expect(detail['lagSeconds']).toBeGreaterThanOrEqual(300);
    expect(detail['lagSeconds']).toBeLessThan(330);

    const limited: Record<string, unknown> = (await strict.get(GraphLagHealthIndicator).isHealthy())[
      'graphSync'
    ];
    expect(limited).toMatchObject({ status: 'down', pending: 42, maxLagSeconds: 60 });
    expect(limited['message']).toMatch(/behind \(limit 60 s\)/);

    await relaxed.get(GraphLagStore).save({ pending: 0, oldestPendingSince: null, measuredAt });
    expect((await strict.get(GraphLagHealthIndicator).isHealthy())['graphSync']).toMatchObject({
      status: 'up',
      pending: 0,
      lagSeconds: 0,
    });
  });

  it('stays up when Redis does not answer (readiness reports Redis itself)', async () => {
    const away = await moduleWith({ REDIS_URL: 'redis://127.0.0.1:1', HEALTH_TIMEOUT_MS: '500' });
    const result = await away.get(GraphLagHealthIndicator).isHealthy();
    expect(result['graphSync']).toMatchObject({ status: 'up', lag: 'unknown' });
    await away.close();
  });
});
