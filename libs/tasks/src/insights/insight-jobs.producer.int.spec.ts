import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { AppConfigModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { QUEUES } from '../queues/queue-names';
import { TaskQueuesModule } from '../queues/task-queues.module';
import { TaskProducersModule } from '../tasks-producers.module';
import { InsightJobsProducer } from './insight-jobs.producer';

jest.setTimeout(30_000);

async function producerModule(overrides: Parameters<typeof testConfig>[0] = {}): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(testConfig(overrides)),
      TaskQueuesModule.forRoot('producer'),
      TaskProducersModule,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('InsightJobsProducer (real Redis)', () => {
  let moduleRef: TestingModule;
  let producer: InsightJobsProducer;
  let graphSync: Queue;
  let analyze: Queue;

  beforeAll(async () => {
    moduleRef = await producerModule();
    producer = moduleRef.get(InsightJobsProducer);
    graphSync = moduleRef.get(getQueueToken(QUEUES.graphSync));
    analyze = moduleRef.get(getQueueToken(QUEUES.analyzeInsight));
  });

  afterAll(async () => {
    await Promise.all([graphSync.obliterate({ force: true }), analyze.obliterate({ force: true })]);
    await moduleRef.close();
  });

  it('enqueues graph-sync for every change and analysis only when the text changed, with deterministic ids', async () => {
    await producer.changed([
      { insightId: 'a1', userId: 'u', version: 1, reason: 'created', analyze: true },
      { insightId: 'b2', userId: 'u', version: 4, reason: 'updated', analyze: false },
      { insightId: 'c3', userId: 'u', version: 7, reason: 'purged', analyze: true },
    ]);
    expect((await graphSync.getJob('a1-v1'))?.data).toEqual({
      insightId: 'a1',
      userId: 'u',
      version: 1,
      reason: 'created',
    });
    expect(await graphSync.getJob('b2-v4')).toBeDefined();
    expect(await graphSync.getJob('c3-purged')).toBeDefined();
    expect((await analyze.getJob('a1-v1'))?.data).toEqual({ insightId: 'a1', userId: 'u', version: 1 });
    expect(await analyze.getJob('b2-v4')).toBeUndefined();
    expect(await analyze.getJob('c3-v7')).toBeUndefined();
  });

  it('creates one job however often the same version is enqueued', async () => {
    const change = { insightId: 'd4', userId: 'u', version: 2, reason: 'updated', analyze: true } as const;
    await producer.changed([change]);
    await producer.changed([change, change]);
    const waiting = await graphSync.getJobs(['waiting']);
    expect(waiting.filter((job) => job.id === 'd4-v2')).toHaveLength(1);
  });
});

describe('InsightJobsProducer while Redis is unreachable', () => {
  it('resolves promptly instead of failing the write that called it', async () => {
    const moduleRef = await producerModule({ REDIS_URL: 'redis://127.0.0.1:1' });
    const started = Date.now();
    await expect(
      moduleRef
        .get(InsightJobsProducer)
        .changed([{ insightId: 'e5', userId: 'u', version: 1, reason: 'created', analyze: true }]),
    ).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
    await moduleRef.close();
  });
});
