import { Test, type TestingModule } from '@nestjs/testing';
import type { PingResult } from '@insight/contracts';
import { MongoConnectionModule } from '@insight/insights';
import { AppConfigModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { JobStatusService } from '../jobs/job-status.service';
import { TaskProcessorsModule } from '../processors/task-processors.module';
import { TaskQueuesModule } from '../queues/task-queues.module';
import { TaskProducersModule } from '../tasks-producers.module';
import { PingProducer } from './ping.producer';

jest.setTimeout(30_000);

describe('ping job (real Redis + BullMQ worker)', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(testConfig({ GRAPH_RECONCILE_ENABLED: 'false' })),
        // The processors module also holds the graph sync, which reads MongoDB.
        MongoConnectionModule,
        TaskQueuesModule.forRoot('worker'),
        TaskProducersModule,
        TaskProcessorsModule,
      ],
    }).compile();
    await moduleRef.init();
  });

  afterAll(() => moduleRef.close());

  const admin = { id: 'an-admin', role: 'admin' } as const;

  it('is enqueued, processed by the worker and its result is readable', async () => {
    const accepted = await moduleRef.get(PingProducer).enqueue({ message: 'round trip' });
    expect(accepted.statusUrl).toBe(`/api/v1/jobs/${accepted.jobId}`);
    const jobs = moduleRef.get(JobStatusService);
    let status = await jobs.get(accepted.jobId, admin);
    for (let i = 0; i < 100 && status.state !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await jobs.get(accepted.jobId, admin);
    }
    expect(status.state).toBe('completed');
    expect(status.progress).toBe(100);
    const result = status.result as PingResult;
    expect(result.pong).toBe(true);
    expect(result.message).toBe('round trip');
    // A system job is for admins: anyone else is told it does not exist.
    await expect(jobs.get(accepted.jobId, { id: 'someone', role: 'user' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers 404 for a job that does not exist', async () => {
    await expect(
      moduleRef.get(JobStatusService).get('ping.ping-does-not-exist', admin),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});
