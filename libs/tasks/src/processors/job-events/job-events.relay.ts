import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import type { UserEventPayload } from '@insight/contracts';
import { UserEventsPublisher } from '../../events/user-events.publisher';
import { bullWorkers } from '../bull-workers';
import { publicJobId } from '../../jobs/job-ids';
import type { QueueName } from '../../queues/queue-names';

/** The user who asked for the job (`ownerId`), the one who follows it; per-insight work has none. */
function requesterOf(job: Job): string | undefined {
  const owner = (job.data as { ownerId?: unknown } | undefined)?.ownerId;
  return typeof owner === 'string' ? owner : undefined;
}

/**
 * Tells the user who started a job (its `ownerId`) how it goes: `job.progress`, `job.completed`
 * and `job.failed` on their event stream, for every processor of this worker. Per-insight work
 * (graph-sync, analysis) carries no `ownerId`: it reports through its own events
 * (`insight.processed`, …) instead of one per job.
 */
@Injectable()
export class JobEventsRelay implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly events: UserEventsPublisher,
  ) {}

  onApplicationBootstrap(): void {
    for (const worker of bullWorkers(this.discovery)) this.attach(worker);
  }

  private attach(worker: Worker): void {
    const queue = worker.name as QueueName;
    const describe = (job: Job) => ({ jobId: publicJobId(queue, job.id ?? ''), queue, name: job.name });
    worker.on('progress', (job: Job, progress) => {
      if (typeof progress !== 'number') return;
      this.relay(job, { type: 'job.progress', ...describe(job), progress });
    });
    worker.on('completed', (job: Job) => this.relay(job, { type: 'job.completed', ...describe(job) }));
    worker.on('failed', (job: Job | undefined, error: Error) => {
      if (!job) return;
      const willRetry = job.attemptsMade < (job.opts.attempts ?? 1);
      this.relay(job, { type: 'job.failed', ...describe(job), error: error.message, willRetry });
    });
  }

  private relay(job: Job, event: UserEventPayload): void {
    const owner = requesterOf(job);
    if (owner) void this.events.publish(owner, event);
  }
}
