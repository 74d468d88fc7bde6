import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { JobAccepted, PingRequest } from '@insight/contracts';
import { DependencyUnavailableException, withTimeout } from '@insight/platform';
import { publicJobId } from '../jobs/job-ids';
import type { JobOwnership } from '../jobs/job-ownership';
import { QUEUES } from '../queues/queue-names';

/** Who asked follows the job on their event stream; every admin may read it. */
export interface PingJobData extends JobOwnership {
  message: string;
  requestedAt: string;
}

/** Enqueues `ping` jobs: the smallest proof that API → Redis → worker works. */
@Injectable()
export class PingProducer {
  constructor(@InjectQueue(QUEUES.ping) private readonly queue: Queue<PingJobData>) {}

  async enqueue(request: PingRequest, requestedBy?: string): Promise<JobAccepted> {
    const jobId = `ping-${randomUUID()}`;
    const data: PingJobData = {
      message: request.message ?? 'ping',
      requestedAt: new Date().toISOString(),
      ...(requestedBy ? { ownerId: requestedBy, visibleToAdmins: true } : {}),
    };
    try {
      await withTimeout(this.queue.add('ping', data, { jobId, attempts: 1 }), 2000, 'redis');
    } catch {
      throw new DependencyUnavailableException('redis');
    }
    const id = publicJobId(QUEUES.ping, jobId);
    return { jobId: id, queue: QUEUES.ping, statusUrl: `/api/v1/jobs/${id}` };
  }
}
