import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { JobAccepted } from '@insight/contracts';
import { DependencyUnavailableException, withTimeout } from '@insight/platform';
import { publicJobId } from '../jobs/job-ids';
import { QUEUES } from '../queues/queue-names';
import type { GraphRebuildJobData } from './graph-maintenance-jobs';

const REDIS_TIMEOUT_MS = 2000;

/** The queue states in which a rebuild is still to come or running. */
const UNFINISHED = ['active', 'waiting', 'delayed', 'prioritized'] as const;

/** Queues a full rebuild of the graph projection (the worker does it), or names the one under way. */
export async function requestGraphRebuild(
  queue: Queue<GraphRebuildJobData>,
  requestedBy: string,
): Promise<JobAccepted> {
  const unfinished = await queue.getJobs([...UNFINISHED], 0, 200);
  const current = unfinished.find((job) => job.name === 'rebuild');
  const jobId = current?.id ?? `rebuild-${Date.now()}`;
  if (!current) {
    await queue.add(
      'rebuild',
      { requestedBy, requestedAt: new Date().toISOString(), ownerId: requestedBy, visibleToAdmins: true },
      { jobId, attempts: 3, removeOnComplete: { age: 7 * 24 * 3600 } },
    );
  }
  const id = publicJobId(QUEUES.graphMaintenance, jobId);
  return {
    jobId: id,
    queue: QUEUES.graphMaintenance,
    statusUrl: `/api/v1/jobs/${id}`,
  };
}

/** Enqueues graph rebuilds for the API's admin route. */
@Injectable()
export class GraphRebuildProducer {
  constructor(@InjectQueue(QUEUES.graphMaintenance) private readonly queue: Queue<GraphRebuildJobData>) {}

  /** @throws DependencyUnavailableException while Redis is unreachable */
  async request(requestedBy: string): Promise<JobAccepted> {
    try {
      return await withTimeout(requestGraphRebuild(this.queue, requestedBy), REDIS_TIMEOUT_MS, 'redis');
    } catch {
      throw new DependencyUnavailableException('redis');
    }
  }
}
