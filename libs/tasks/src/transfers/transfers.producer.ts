import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { TransferKind } from '@insight/contracts';
import { DependencyUnavailableException, withTimeout } from '@insight/platform';
import { QUEUES } from '../queues/queue-names';
import { type TransferJobData, transferJobId } from './transfer-jobs';

/** Queues exports and imports for the worker. */
@Injectable()
export class TransfersProducer {
  constructor(@InjectQueue(QUEUES.dataTransfers) private readonly queue: Queue<TransferJobData>) {}

  /** @throws DependencyUnavailableException while Redis is unreachable */
  async enqueue(kind: TransferKind, transferId: string, ownerId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          kind,
          { transferId, ownerId },
          {
            jobId: transferJobId(transferId),
            // A transient failure (a busy database) is retried: exports start the file again and
            // imports are idempotent (import keys). The last failure is recorded on the transfer.
            attempts: 3,
            backoff: { type: 'exponential', delay: 5000 },
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        ),
        2000,
        'redis',
      );
    } catch {
      throw new DependencyUnavailableException('redis');
    }
  }
}
