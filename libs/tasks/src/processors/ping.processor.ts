import { hostname } from 'node:os';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { PingResult } from '@insight/contracts';
import type { PingJobData } from '../ping/ping.producer';
import { QUEUES } from '../queues/queue-names';

/** Answers a ping with who processed it and when. */
@Processor(QUEUES.ping)
export class PingProcessor extends WorkerHost {
  async process(job: Job<PingJobData>): Promise<PingResult> {
    await job.updateProgress(50);
    return {
      pong: true,
      message: job.data.message,
      processedBy: `${hostname()}:${process.pid}`,
      processedAt: new Date().toISOString(),
    };
  }
}
