import { getQueueToken } from '@nestjs/bullmq';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import type { JobStatus, Page } from '@insight/contracts';
import { ValidationProblem } from '@insight/platform';
import { parsePublicJobId } from './job-ids';
import { toStatus } from './job-status.service';
import { redisCall } from './redis-call';
import type { QueueName } from '../queues/queue-names';

/** Opaque cursor of the failed list: base64url of the offset into the queue's failed set. */
function encodeOffset(offset: number): string {
  return Buffer.from(`f${offset}`).toString('base64url');
}

function decodeOffset(cursor: string): number | null {
  const match = /^f(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/**
 * Operators' view of jobs that gave up (kept on failure, see DEFAULT_JOB_OPTIONS): list them per
 * queue, newest failure first, and retry or discard one.
 */
@Injectable()
export class FailedJobsService {
  constructor(private readonly modules: ModuleRef) {}

  async list(queueName: QueueName, limit: number, cursor?: string): Promise<Page<JobStatus>> {
    const offset = cursor === undefined ? 0 : decodeOffset(cursor);
    if (offset === null) {
      throw new ValidationProblem({ cursor: ['is not a cursor of this list; start again without it'] });
    }
    const queue = this.queue(queueName);
    // One more than asked tells whether a next page exists.
    const jobs = await redisCall(queue.getFailed(offset, offset + limit));
    const page = jobs.filter((job): job is Job => Boolean(job)).slice(0, limit);
    return {
      items: page.map((job) => toStatus(queueName, job, 'failed')),
      nextCursor: jobs.length > limit ? encodeOffset(offset + limit) : null,
    };
  }

  /** Moves a failed job back to waiting; its attempts start again. */
  async retry(id: string): Promise<JobStatus> {
    const { queue, job } = await this.failedJob(id);
    await redisCall(job.retry('failed'));
    // The answer is the retry's own outcome. A worker may take the job the next moment (and fail it
    // again), so a second read could mix a later state with the retry's cleared error and times.
    return toStatus(queue, job, 'waiting');
  }

  /** Removes a failed job for good. */
  async discard(id: string): Promise<void> {
    const { job } = await this.failedJob(id);
    await redisCall(job.remove());
  }

  /** @throws NotFoundException for an unknown job, ConflictException for one that has not failed */
  private async failedJob(id: string): Promise<{ queue: QueueName; job: Job }> {
    const parsed = parsePublicJobId(id);
    if (!parsed) throw new NotFoundException(`No job ${id}`);
    const queue = this.queue(parsed.queue);
    const job = await redisCall(queue.getJob(parsed.jobId));
    if (!job) throw new NotFoundException(`No job ${id}`);
    const state = await redisCall(job.getState());
    if (state !== 'failed') throw new ConflictException(`Job ${id} is ${state}, not failed.`);
    return { queue: parsed.queue, job };
  }

  private queue(name: QueueName): Queue {
    return this.modules.get<Queue>(getQueueToken(name), { strict: false });
  }
}
