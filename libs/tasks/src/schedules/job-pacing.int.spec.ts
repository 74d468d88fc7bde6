import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, RedisClient, RedisModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { JobPacing } from './job-pacing';

jest.setTimeout(30_000);

describe('JobPacing (real Redis)', () => {
  let moduleRef: TestingModule;
  let redis: RedisClient;
  const prefix = `pacing-test-${randomUUID()}`;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), RedisModule],
    }).compile();
    await moduleRef.init();
    redis = moduleRef.get(RedisClient);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await moduleRef.close();
  });

  it('rests a job four times as long as a long run took, for every replica', async () => {
    const one = new JobPacing(redis, prefix);
    const other = new JobPacing(redis, prefix);
    await one.rest('reconcile', 3);
    expect(await other.resting('reconcile')).toBe(true);
    const ttl = await redis.pttl(`${prefix}:resting:reconcile`);
    expect(ttl).toBeGreaterThan(11_000);
    expect(ttl).toBeLessThanOrEqual(12_000);
    let ran = false;
    expect(
      await other.run('reconcile', async () => {
        ran = true;
        return { done: true };
      }),
    ).toEqual({ skipped: 'resting after a long run' });
    expect(ran).toBe(false);
    // Another installation's job of the same name is not resting.
    expect(await new JobPacing(redis, `${prefix}-other`).resting('reconcile')).toBe(false);
  });

  it('never rests a job after a short run', async () => {
    const pacing = new JobPacing(redis, prefix);
    expect(await pacing.run('sweep', async () => ({ done: true }))).toEqual({ done: true });
    await pacing.rest('sweep', 1.5);
    expect(await pacing.resting('sweep')).toBe(false);
  });

  it('rests a job after a run that took long', async () => {
    const pacing = new JobPacing(redis, prefix);
    await pacing.run('clusters', () => new Promise((resolve) => setTimeout(resolve, 2100)));
    expect(await pacing.resting('clusters')).toBe(true);
  });
});
