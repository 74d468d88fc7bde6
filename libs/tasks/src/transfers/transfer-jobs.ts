import { resolve, join } from 'node:path';
import type { ExportFormat, TransferKind } from '@insight/contracts';
import type { AppConfig } from '@insight/platform';
import { publicJobId } from '../jobs/job-ids';
import type { JobOwnership } from '../jobs/job-ownership';
import { QUEUES } from '../queues/queue-names';

/**
 * Payload of a `data-transfers` job: the transfer record says everything else. `ownerId` (who
 * asked) may read the job and receives its progress events; cleanup jobs have none.
 */
export interface TransferJobData extends JobOwnership {
  transferId: string;
}

export type TransferJobName = TransferKind | 'cleanup';

/** One job per transfer. */
export function transferJobId(transferId: string): string {
  return `transfer-${transferId}`;
}

export function transferPublicJobId(transferId: string): string {
  return publicJobId(QUEUES.dataTransfers, transferJobId(transferId));
}

/** The name of a transfer's file in TRANSFER_DIR: `<id>.<kind>.<jsonl|zip>`. */
export function transferFileName(transferId: string, kind: TransferKind, format: ExportFormat): string {
  return `${transferId}.${kind}.${format === 'json' ? 'jsonl' : 'zip'}`;
}

/** Where a transfer's file lives; refuses anything but the names transferFileName makes. */
export function transferFilePath(config: Pick<AppConfig, 'TRANSFER_DIR'>, fileName: string): string {
  if (!/^[0-9a-f]{24}\.(export|import)\.(jsonl|zip)$/.test(fileName)) {
    throw new Error(`not a transfer file name: ${fileName}`);
  }
  return join(resolve(config.TRANSFER_DIR), fileName);
}
