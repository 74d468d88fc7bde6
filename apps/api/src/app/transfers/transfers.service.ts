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
import {
  checkVault,
  ImportRefusedError,
  LineLengthLimit,
  transferFileName,
  transferFilePath,
  transferPublicJobId,
  TransfersProducer,
} from '@insight/tasks';
import { writeFolderZip } from './folder-upload';

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

/** A file refused as a whole at upload time: 413 when a size limit is why, 400 otherwise. */
function refusedUpload(error: ImportRefusedError, field = 'file'): ProblemException {
  if (!error.tooLarge) return new ValidationProblem({ [field]: [error.message] });
  return new ProblemException(413, {
    type: '/problems/import-too-large',
    title: 'Payload Too Large',
    detail: `The file cannot be imported: ${error.message}.`,
    errors: { [field]: [error.message] },
  });
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

  /**
   * Saves the upload where the worker reads it, then queues the import: one file in field `file`
   * (a .jsonl export or a zipped vault), or a folder's files in fields `files` (written into a zip
   * for the same vault import).
   */
  async startImport(userId: string, request: FastifyRequest): Promise<DataTransfer> {
    const noFile = () =>
      new ValidationProblem({
        file: ['send the file as multipart/form-data in a field named "file" (a folder: fields "files")'],
      });
    if (!request.isMultipart()) throw noFile();
    let parts: AsyncIterator<MultipartFile>;
    let first: MultipartFile | undefined;
    try {
      parts = request
        .files({
          // A folder's files are named by their paths in it (the path is checked, never trusted).
          preservePath: true,
          limits: { fileSize: this.config.IMPORT_MAX_BYTES },
        })
        [Symbol.asyncIterator]();
      first = (await parts.next()).value as MultipartFile | undefined;
    } catch (error) {
      throw malformedUpload(error);
    }
    if (first?.fieldname === 'files') return this.importFolder(userId, first, parts);
    if (!first || first.fieldname !== 'file') {
      first?.file.resume();
      throw noFile();
    }
    const file = first;
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
    const lines = new LineLengthLimit();
    try {
      if (format === 'json') await pipeline(file.file, lines, createWriteStream(path));
      else await pipeline(file.file, createWriteStream(path));
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
    await this.refuseEarly(path, format, lines);
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

  private async importFolder(
    userId: string,
    first: MultipartFile,
    rest: AsyncIterator<MultipartFile>,
  ): Promise<DataTransfer> {
    const id = this.transfers.newId();
    const fileName = transferFileName(id, 'import', 'markdown');
    const path = transferFilePath(this.config, fileName);
    await mkdir(dirname(path), { recursive: true });
    async function* all(): AsyncGenerator<MultipartFile> {
      yield first;
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
    }
    let sizeBytes: number;
    try {
      sizeBytes = await writeFolderZip(all(), path, this.config);
    } catch (error) {
      await rm(path, { force: true });
      if (error instanceof ImportRefusedError) throw refusedUpload(error, 'files');
      if (error instanceof ProblemException || (error as { syscall?: string }).syscall) throw error;
      throw malformedUpload(error);
    }
    const stored = await this.transfers.create({
      id,
      userId,
      kind: 'import',
      format: 'markdown',
      fileName,
      sizeBytes,
    });
    return this.enqueued(stored, 'import');
  }

  /**
   * What can be known before the job starts is answered now: a JSON item over the per-item limit
   * (seen while the upload was written), and for a zip what its central directory says (unsafe
   * paths, a note over the per-item limit, too many notes, a zip bomb). The worker checks again.
   */
  private async refuseEarly(path: string, format: ExportFormat, lines: LineLengthLimit): Promise<void> {
    try {
      if (lines.refused) throw lines.refused;
      if (format === 'markdown') await checkVault(path, this.config);
    } catch (error) {
      await rm(path, { force: true });
      throw error instanceof ImportRefusedError ? refusedUpload(error) : error;
    }
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
