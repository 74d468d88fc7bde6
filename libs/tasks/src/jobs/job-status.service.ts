import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import type { JobState, JobStatus } from '@insight/contracts';
import type { AuthUser } from '@insight/platform';
import { parsePublicJobId, publicJobId } from './job-ids';
import { canSeeJob } from './job-ownership';
import { redisCall } from './redis-call';
import type { QueueName } from '../queues/queue-names';

/** Reads a job's state, progress and outcome by its public id, for the caller's jobs only. */
@Injectable()
export class JobStatusService {
  constructor(private readonly modules: ModuleRef) {}

  /** @throws NotFoundException for a job that does not exist or that the caller may not see */
  async get(id: string, caller: Pick<AuthUser, 'id' | 'role'>): Promise<JobStatus> {
    const parsed = parsePublicJobId(id);
    if (!parsed) throw new NotFoundException(`No job ${id}`);
    const queue = this.modules.get<Queue>(getQueueToken(parsed.queue), { strict: false });
    // State before data: a job read after it is seen completed already carries its result,
    // whereas data read first can predate the completion that the state then reports.
    const state = await redisCall(queue.getJobState(parsed.jobId));
    const job = state === 'unknown' ? undefined : await redisCall(queue.getJob(parsed.jobId));
    // Someone else's job answers exactly like one that does not exist.
    if (!job || !canSeeJob(caller, job.data)) throw new NotFoundException(`No job ${id}`);
    return toStatus(parsed.queue, job, state as JobState);
  }
}

/** A job as `GET /jobs/:id` shows it. */
export function toStatus(queue: QueueName, job: Job, state: JobState): JobStatus {
  const progress = typeof job.progress === 'number' ? job.progress : 0;
  return {
    id: publicJobId(queue, job.id ?? ''),
    queue,
    name: job.name,
    state: state ?? 'unknown',
    progress: state === 'completed' ? 100 : progress,
    attempts: job.attemptsMade,
    ...(state === 'completed' ? { result: job.returnvalue as unknown } : {}),
    ...(job.failedReason ? { error: job.failedReason } : {}),
    createdAt: new Date(job.timestamp).toISOString(),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
  };
}
