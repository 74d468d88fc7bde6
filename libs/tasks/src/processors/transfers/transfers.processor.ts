import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { resolve } from 'node:path';
import type { ImportResult, TransferCounts } from '@insight/contracts';
import { DataTransfersRepository, type StoredTransfer } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { QUEUES } from '../../queues/queue-names';
import { type TransferJobData, type TransferJobName, transferFilePath } from '../../transfers/transfer-jobs';
import { JsonExportService, type ProgressReporter } from './json-export.service';
import { ImportRefusedError } from '../../transfers/import-checks';
import { JsonImportService } from './json-import.service';
import { MarkdownExportService } from './markdown-export.service';
import { MarkdownImportService } from './markdown-import.service';

const CLEANUP_EVERY_MS = 3600_000;

/**
 * Exports and imports, one at a time per worker (they are long and I/O heavy; the default
 * concurrency of 1 keeps one worker's memory and database load bounded), plus the hourly
 * deletion of expired export files. Outcomes are recorded on the transfer document.
 */
@Processor(QUEUES.dataTransfers)
export class TransfersProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(TransfersProcessor.name);

  constructor(
    private readonly transfers: DataTransfersRepository,
    private readonly jsonExport: JsonExportService,
    private readonly markdownExport: MarkdownExportService,
    private readonly markdownImport: MarkdownImportService,
    private readonly jsonImport: JsonImportService,
    @InjectQueue(QUEUES.dataTransfers) private readonly queue: Queue<Partial<TransferJobData>>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await mkdir(resolve(this.config.TRANSFER_DIR), { recursive: true });
    // A job scheduler makes one job per period however many workers upsert it.
    try {
      await this.queue.upsertJobScheduler(
        'transfer-cleanup',
        { every: CLEANUP_EVERY_MS },
        { name: 'cleanup' },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'could not schedule the cleanup of expired exports');
    }
  }

  async process(job: Job<Partial<TransferJobData>>): Promise<unknown> {
    if ((job.name as TransferJobName) === 'cleanup') return this.cleanup();
    const stored = job.data.transferId ? await this.transfers.byId(job.data.transferId) : null;
    if (!stored) return { skipped: 'no such transfer' };
    const report: ProgressReporter = async (done, total) => {
      const percent = total > 0 ? (done / total) * 100 : 0;
      await Promise.all([
        job.updateProgress(Math.min(99, Math.floor(percent))),
        this.transfers.progress(stored.transfer.id, percent),
      ]);
    };
    await this.transfers.progress(stored.transfer.id, 0);
    try {
      return stored.transfer.kind === 'export'
        ? await this.export(stored, report)
        : await this.import(stored, report);
    } catch (error) {
      const refused = error instanceof ImportRefusedError;
      if (!refused && job.attemptsMade + 1 < (job.opts.attempts ?? 1)) {
        this.logger.warn({ err: error, transferId: stored.transfer.id }, 'transfer failed; retrying');
        throw error;
      }
      const message = refused ? error.message : `failed: ${(error as Error).message}`;
      await this.transfers.failed(stored.transfer.id, message);
      if (!(error instanceof ImportRefusedError))
        this.logger.error({ err: error, transferId: stored.transfer.id }, 'transfer failed');
      throw new UnrecoverableError(message);
    }
  }

  private async export(stored: StoredTransfer, report: ProgressReporter): Promise<TransferCounts> {
    const path = transferFilePath(this.config, stored.fileName);
    const partial = `${path}.partial`;
    try {
      const writer = stored.transfer.format === 'markdown' ? this.markdownExport : this.jsonExport;
      const counts = await writer.write(stored.userId, partial, report);
      await rename(partial, path);
      const { size } = await stat(path);
      const expiresAt = new Date(Date.now() + this.config.EXPORT_RETENTION_HOURS * 3600_000);
      await this.transfers.exportCompleted(stored.transfer.id, counts, size, expiresAt);
      return counts;
    } finally {
      await rm(partial, { force: true });
    }
  }

  private async import(
    stored: StoredTransfer,
    report: ProgressReporter,
  ): Promise<Omit<ImportResult, 'errors'>> {
    const path = transferFilePath(this.config, stored.fileName);
    try {
      const importer = stored.transfer.format === 'markdown' ? this.markdownImport : this.jsonImport;
      const result = await importer.import(stored.userId, path, report);
      await this.transfers.importCompleted(stored.transfer.id, result);
      // The job result stays small; the transfer document has the error list.
      return { created: result.created, skipped: result.skipped, errorCount: result.errorCount };
    } finally {
      // The upload is not kept: a new import uploads again (and imports nothing twice).
      await rm(path, { force: true });
    }
  }

  /** Deletes export files past their time. */
  private async cleanup(): Promise<{ deleted: number }> {
    const expired = await this.transfers.expiredExports(new Date());
    for (const stored of expired) {
      await rm(transferFilePath(this.config, stored.fileName), { force: true });
    }
    await this.transfers.expired(expired.map((stored) => stored.transfer.id));
    return { deleted: expired.length };
  }
}
