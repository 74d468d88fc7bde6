import { Test, type TestingModule } from '@nestjs/testing';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfigModule } from '../config/app-config.module';
import { RedisClient, RedisModule } from '../redis/redis.module';
import { testConfig, uniqueSuffix } from '../testing/test-config';
import { register } from 'prom-client';
import { MetricsModule } from '../metrics/metrics.module';
import { DependencyProbe, RedisHealthIndicator } from './indicators';

jest.setTimeout(30_000);

async function moduleWith(redisUrl?: string): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(testConfig(redisUrl ? { REDIS_URL: redisUrl, HEALTH_TIMEOUT_MS: '500' } : {})),
      RedisModule,
      MetricsModule,
    ],
    providers: [HealthIndicatorService, DependencyProbe, RedisHealthIndicator],
  }).compile();
  return moduleRef.init();
}

describe('Redis client and health (real Redis)', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await moduleWith();
  });

  afterAll(() => moduleRef.close());

  it('writes a key and reads it back', async () => {
    const redis = moduleRef.get(RedisClient);
    const key = `it:${uniqueSuffix()}`;
    await redis.set(key, 'value', 'EX', 30);
    expect(await redis.get(key)).toBe('value');
    await redis.del(key);
  });

  it('reports redis up with its latency', async () => {
    const result = await moduleRef.get(RedisHealthIndicator).isHealthy();
    expect(result['redis']).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    expect(await register.getSingleMetricAsString('insight_dependency_up')).toContain(
      'insight_dependency_up{dependency="redis"} 1',
    );
  });

  it('reports redis down, within the timeout, when nothing listens', async () => {
    const unreachable = await moduleWith('redis://127.0.0.1:1');
    const started = Date.now();
    const result = await unreachable.get(RedisHealthIndicator).isHealthy();
    expect(result['redis'].status).toBe('down');
    expect(await register.getSingleMetricAsString('insight_dependency_up')).toContain(
      'insight_dependency_up{dependency="redis"} 0',
    );
    expect(Date.now() - started).toBeLessThan(1500);
    await unreachable.close();
  });
});
