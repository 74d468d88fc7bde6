import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { InjectMetric, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Job, Queue, Worker } from 'bullmq';
import type { Gauge, Histogram } from 'prom-client';
import { withTimeout } from '@insight/platform';
import { ALL_QUEUES } from '@insight/tasks';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape must not hang while Redis is away; stale values are better than none. */
const REDIS_TIMEOUT_MS = 1000;
const logger = new Logger('QueueMetrics');
const queueTokens = ALL_QUEUES.map((name) => getQueueToken(name));

async function eachQueue(queues: Queue[], read: (queue: Queue) => Promise<void>): Promise<void> {
  try {
    await withTimeout(Promise.all(queues.map(read)), REDIS_TIMEOUT_MS, 'redis');
  } catch (error) {
    logger.debug(`queue metrics not refreshed: ${(error as Error).message}`);
  }
}

// Queue state lives in Redis and is the same for every replica; dashboards combine with max().
const queueJobs = makeGaugeProvider({
  name: 'insight_queue_jobs',
  help: 'Jobs per BullMQ queue and state.',
  labelNames: ['queue', 'state'],
  inject: queueTokens,
  async collect(this: Gauge<string>, ...queues: Queue[]) {
    await eachQueue(queues, async (queue) => {
      const counts = await queue.getJobCounts(...JOB_STATES);
      for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
    });
  },
});

const oldestWaiting = makeGaugeProvider({
  name: 'insight_queue_oldest_waiting_job_age_seconds',
  help: 'Age of the oldest waiting job of the queue (0 when none waits).',
  labelNames: ['queue'],
  inject: queueTokens,
  async collect(this: Gauge<string>, ...queues: Queue[]) {
    await eachQueue(queues, async (queue) => {
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
      this.set({ queue: queue.name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
    });
  },
});

const jobDuration = makeHistogramProvider({
  name: 'insight_job_duration_seconds',
  help: 'Duration of processed jobs by queue and outcome (completed or failed).',
  labelNames: ['queue', 'state'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
});

/** Times every job of every processor of this worker, whatever its queue. */
@Injectable()
export class JobDurationRecorder implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    @InjectMetric('insight_job_duration_seconds') private readonly duration: Histogram<string>,
  ) {}

  onApplicationBootstrap(): void {
    // Workers exist once the BullMQ explorer ran (module init); attach to each of them.
    for (const wrapper of this.discovery.getProviders()) {
      const host: unknown = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      const worker: Worker = host.worker;
      worker.on('completed', (job: Job) => this.observe(worker.name, 'completed', job));
      worker.on('failed', (job: Job | undefined) => job && this.observe(worker.name, 'failed', job));
    }
  }

  private observe(queue: string, state: 'completed' | 'failed', job: Job): void {
    if (job.processedOn === undefined) return;
    const finished = job.finishedOn ?? Date.now();
    this.duration.observe({ queue, state }, Math.max(0, finished - job.processedOn) / 1000);
  }
}

/** Queue depth, oldest waiting job and job durations on the worker's /metrics. */
@Module({
  imports: [DiscoveryModule],
  providers: [queueJobs, oldestWaiting, jobDuration, JobDurationRecorder],
})
export class QueueMetricsModule {}
