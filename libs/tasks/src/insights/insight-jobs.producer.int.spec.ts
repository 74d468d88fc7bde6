import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { AppConfigModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { QUEUES } from '../queues/queue-names';
import { TaskQueuesModule } from '../queues/task-queues.module';
import { TaskProducersModule } from '../tasks-producers.module';
import { GraphRebuildProducer } from '../graph/graph-rebuild.producer';
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
      kind: 'insight',
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

  it('enqueues relationship and category syncs in the same queue with deterministic ids', async () => {
    await producer.relationshipsChanged([
      { relationshipId: 'r1', userId: 'u', version: 3, sourceId: 's1', reason: 'updated' },
      { relationshipId: 'r2', userId: 'u', version: 1, sourceId: 's2', reason: 'deleted' },
    ]);
    const changedAt = new Date('2026-03-04T05:06:07.000Z');
    await producer.categoriesChanged([{ categoryId: 'c1', userId: 'u', changedAt, reason: 'updated' }]);
    await producer.categoriesChanged([{ categoryId: 'c1', userId: 'u', changedAt, reason: 'updated' }]);
    expect((await graphSync.getJob('rel-r1-v3'))?.data).toEqual({
      kind: 'relationship',
      relationshipId: 'r1',
      userId: 'u',
      version: 3,
      sourceId: 's1',
      reason: 'updated',
    });
    expect(await graphSync.getJob('rel-r2-deleted')).toBeDefined();
    const categoryJobs = (await graphSync.getJobs(['waiting'])).filter((job) => job.id?.startsWith('cat-c1'));
    expect(categoryJobs.map((job) => job.id)).toEqual([`cat-c1-t${changedAt.getTime()}`]);
  });
});

describe('GraphRebuildProducer (real Redis)', () => {
  it('queues one rebuild and names it again while it has not run', async () => {
    const moduleRef = await producerModule();
    const rebuilds = moduleRef.get(GraphRebuildProducer);
    const first = await rebuilds.request('admin-1');
    expect(first).toMatchObject({ queue: 'graph-maintenance', statusUrl: `/api/v1/jobs/${first.jobId}` });
    expect((await rebuilds.request('admin-2')).jobId).toBe(first.jobId);
    await moduleRef.get<Queue>(getQueueToken(QUEUES.graphMaintenance)).obliterate({ force: true });
    await moduleRef.close();
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
    await expect(
      moduleRef
        .get(InsightJobsProducer)
        .relationshipsChanged([
          { relationshipId: 'r', userId: 'u', version: 1, sourceId: 's', reason: 'created' },
        ]),
    ).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(4000);
    await moduleRef.close();
  });
});
