import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { DataTransfer, ExportFormat, TransferKind } from '@insight/contracts';
import { DataTransfersRepository, type StoredTransfer } from '@insight/insights';
import { APP_CONFIG, type AppConfig, ProblemException, ValidationProblem } from '@insight/platform';
import { transferFileName, transferFilePath, transferPublicJobId, TransfersProducer } from '@insight/tasks';

class ImportTooLargeProblem extends ProblemException {
  constructor(limit: number) {
    super(413, {
      type: '/problems/import-too-large',
      title: 'Payload Too Large',
      detail: `The file is larger than ${limit} bytes, the most one import accepts (IMPORT_MAX_BYTES).`,
      errors: { file: [`must be at most ${limit} bytes`] },
    });
  }
}

class ExportNotReadyProblem extends ProblemException {
  constructor(transfer: Pick<DataTransfer, 'status'>) {
    const gone = transfer.status === 'expired';
    super(gone ? 410 : 409, {
      type: gone ? '/problems/export-expired' : '/problems/export-not-ready',
      title: gone ? 'Gone' : 'Conflict',
      detail: gone
        ? 'This export has been deleted after its retention time; request a new one.'
        : `This export is ${transfer.status}; download it once its status is completed.`,
    });
  }
}

function malformedUpload(error: unknown): ValidationProblem {
  return new ValidationProblem({
    file: [`is not a readable multipart/form-data upload (${(error as Error).message})`],
  });
}

/** Which import format a file name stands for. */
function importFormatOf(fileName: string): ExportFormat | null {
  if (/\.(jsonl|ndjson|json)$/i.test(fileName)) return 'json';
  if (/\.zip$/i.test(fileName)) return 'markdown';
  return null;
}

/** Starts exports and imports (the worker does them) and hands finished exports to their owner. */
@Injectable()
export class TransfersService {
  constructor(
    private readonly transfers: DataTransfersRepository,
    private readonly producer: TransfersProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async startExport(userId: string, format: ExportFormat): Promise<DataTransfer> {
    const id = this.transfers.newId();
    const stored = await this.transfers.create({
      id,
      userId,
      kind: 'export',
      format,
      fileName: transferFileName(id, 'export', format),
    });
    return this.enqueued(stored, 'export');
  }

  /** Saves the uploaded file where the worker reads it, then queues the import. */
  async startImport(userId: string, request: FastifyRequest): Promise<DataTransfer> {
    const noFile = () =>
      new ValidationProblem({ file: ['send the file as multipart/form-data in a field named "file"'] });
    if (!request.isMultipart()) throw noFile();
    let file: MultipartFile | undefined;
    try {
      file = await request.file({ limits: { fileSize: this.config.IMPORT_MAX_BYTES, files: 1 } });
    } catch (error) {
      throw malformedUpload(error);
    }
    if (!file || file.fieldname !== 'file') throw noFile();
    const format = importFormatOf(file.filename);
    if (!format) {
      file.file.resume();
      throw new ValidationProblem({
        file: ['must be an Insight Tracker export (.jsonl) or a zipped Markdown vault (.zip)'],
      });
    }
    const id = this.transfers.newId();
    const fileName = transferFileName(id, 'import', format);
    const path = transferFilePath(this.config, fileName);
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(file.file, createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      // The disk failing is ours (500); the upload breaking off is the client's.
      if ((error as { syscall?: string }).syscall) throw error;
      if (!file.file.truncated) throw malformedUpload(error);
    }
    // Past the limit the upload stream ends early and says so.
    if (file.file.truncated) {
      await rm(path, { force: true });
      throw new ImportTooLargeProblem(this.config.IMPORT_MAX_BYTES);
    }
    const stored = await this.transfers.create({
      id,
      userId,
      kind: 'import',
      format,
      fileName,
      sizeBytes: file.file.bytesRead,
    });
    return this.enqueued(stored, 'import');
  }

  async get(userId: string, id: string, kind: TransferKind): Promise<DataTransfer> {
    return this.withJobId((await this.owned(userId, id, kind)).transfer);
  }

  /** The finished export's file, for its owner only. */
  async download(userId: string, id: string): Promise<{ stream: ReadStream; transfer: DataTransfer }> {
    const stored = await this.owned(userId, id, 'export');
    const expired = stored.transfer.expiresAt !== null && new Date(stored.transfer.expiresAt) <= new Date();
    if (stored.transfer.status !== 'completed' || expired) {
      throw new ExportNotReadyProblem({ status: expired ? 'expired' : stored.transfer.status });
    }
    const path = transferFilePath(this.config, stored.fileName);
    const stream = createReadStream(path);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    }).catch(() => {
      throw new ExportNotReadyProblem({ status: 'expired' });
    });
    return { stream, transfer: this.withJobId(stored.transfer) };
  }

  private async owned(userId: string, id: string, kind: TransferKind): Promise<StoredTransfer> {
    const stored = await this.transfers.findOwned(userId, id, kind);
    if (!stored) throw new NotFoundException(`You have no ${kind} ${id}.`);
    return stored;
  }

  private async enqueued(stored: StoredTransfer, kind: TransferKind): Promise<DataTransfer> {
    try {
      await this.producer.enqueue(kind, stored.transfer.id, stored.userId);
    } catch (error) {
      await this.transfers.failed(stored.transfer.id, 'could not be queued: Redis is not reachable');
      throw error;
    }
    return this.withJobId(stored.transfer);
  }

  private withJobId(transfer: StoredTransfer['transfer']): DataTransfer {
    return { ...transfer, jobId: transferPublicJobId(transfer.id) };
  }
}
