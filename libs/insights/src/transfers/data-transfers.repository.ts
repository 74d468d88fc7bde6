import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import type {
  DataTransfer,
  ExportFormat,
  ImportResult,
  TransferCounts,
  TransferKind,
} from '@insight/contracts';
import { parseObjectId, userObjectId } from '../common/object-id';
import { DataTransferEntity } from './data-transfer.schema';

/** A stored transfer with where its file is, for the API and the worker. */
export interface StoredTransfer {
  /** Everything but the job id, which the tasks lib derives from the transfer id. */
  transfer: Omit<DataTransfer, 'jobId'>;
  userId: string;
  fileName: string;
}

function toStored(doc: DataTransferEntity): StoredTransfer {
  const id = doc._id.toHexString();
  return {
    userId: doc.userId.toHexString(),
    fileName: doc.fileName,
    transfer: {
      id,
      kind: doc.kind,
      format: doc.format,
      status: doc.status,
      progress: doc.progress,
      sizeBytes: doc.sizeBytes ?? null,
      expiresAt: doc.expiresAt ? doc.expiresAt.toISOString() : null,
      downloadUrl:
        doc.kind === 'export' && doc.status === 'completed' ? `/api/v1/exports/${id}/download` : null,
      exported: doc.exported ?? null,
      imported: doc.imported ?? null,
      error: doc.error ?? null,
      createdAt: doc.createdAt.toISOString(),
      updatedAt: doc.updatedAt.toISOString(),
    },
  };
}

/** Exports and imports, scoped to their owner for the API; by id for the worker. */
@Injectable()
export class DataTransfersRepository {
  constructor(@InjectModel(DataTransferEntity.name) private readonly transfers: Model<DataTransferEntity>) {}

  /** A new id, so the file name can be chosen before the record exists. */
  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(input: {
    id: string;
    userId: string;
    kind: TransferKind;
    format: ExportFormat;
    fileName: string;
    sizeBytes?: number;
  }): Promise<StoredTransfer> {
    const doc = await this.transfers.create({
      _id: new Types.ObjectId(input.id),
      userId: userObjectId(input.userId),
      kind: input.kind,
      format: input.format,
      fileName: input.fileName,
      sizeBytes: input.sizeBytes ?? null,
    });
    return this.stored(doc.toObject());
  }

  async findOwned(userId: string, id: string, kind: TransferKind): Promise<StoredTransfer | null> {
    const _id = parseObjectId(id);
    if (!_id) return null;
    const doc = await this.transfers
      .findOne({ _id, userId: userObjectId(userId), kind })
      .lean<DataTransferEntity>();
    return doc ? this.stored(doc) : null;
  }

  async byId(id: string): Promise<StoredTransfer | null> {
    const _id = parseObjectId(id);
    const doc = _id ? await this.transfers.findById(_id).lean<DataTransferEntity>() : null;
    return doc ? this.stored(doc) : null;
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.transfers.updateOne(
      { _id: parseObjectId(id) },
      { $set: { status: 'running', progress: Math.min(99, Math.max(0, Math.floor(progress))) } },
    );
  }

  async exportCompleted(
    id: string,
    counts: TransferCounts,
    sizeBytes: number,
    expiresAt: Date,
  ): Promise<void> {
    await this.transfers.updateOne(
      { _id: parseObjectId(id) },
      { $set: { status: 'completed', progress: 100, exported: counts, sizeBytes, expiresAt, error: null } },
    );
  }

  async importCompleted(id: string, result: ImportResult): Promise<void> {
    await this.transfers.updateOne(
      { _id: parseObjectId(id) },
      { $set: { status: 'completed', progress: 100, imported: result, error: null } },
    );
  }

  async failed(id: string, error: string): Promise<void> {
    await this.transfers.updateOne(
      { _id: parseObjectId(id) },
      { $set: { status: 'failed', error: error.slice(0, 1000) } },
    );
  }

  /** Finished exports past their time (the cleanup deletes their files, then calls `expired`). */
  async expiredExports(now: Date, limit = 500): Promise<StoredTransfer[]> {
    const docs = await this.transfers
      .find({ kind: 'export', status: 'completed', expiresAt: trusted({ $lte: now }) })
      .limit(limit)
      .lean<DataTransferEntity[]>();
    return docs.map((doc) => this.stored(doc));
  }

  async expired(ids: string[]): Promise<void> {
    const wanted = ids.map(parseObjectId).filter((id): id is Types.ObjectId => id !== null);
    if (wanted.length === 0) return;
    await this.transfers.updateMany({ _id: trusted({ $in: wanted }) }, { $set: { status: 'expired' } });
  }

  private stored(doc: DataTransferEntity): StoredTransfer {
    return toStored(doc);
  }
}
