import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ImportResult,
  type TransferCounts,
  type TransferKind,
  type TransferStatus,
} from '@insight/contracts';

/** An export or import of one user's data; the worker does the work and records the outcome here. */
@Schema({ collection: 'data_transfers', timestamps: true, versionKey: false, minimize: false })
export class DataTransferEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: ['export', 'import'], required: true })
  kind!: TransferKind;

  @Prop({ type: String, enum: EXPORT_FORMATS, required: true })
  format!: ExportFormat;

  @Prop({ type: String, enum: ['queued', 'running', 'completed', 'failed', 'expired'], default: 'queued' })
  status!: TransferStatus;

  @Prop({ type: Number, default: 0 })
  progress!: number;

  /** The file in TRANSFER_DIR: the export written, or the upload to import. */
  @Prop({ type: String, required: true })
  fileName!: string;

  @Prop({ type: Number, default: null })
  sizeBytes!: number | null;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Prop({ type: SchemaTypes.Mixed, default: null })
  exported!: TransferCounts | null;

  @Prop({ type: SchemaTypes.Mixed, default: null })
  imported!: ImportResult | null;

  @Prop({ type: String, default: null })
  error!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const DataTransferSchema = SchemaFactory.createForClass(DataTransferEntity);
DataTransferSchema.index({ userId: 1, _id: -1 }, { name: 'by_user' });
// The cleanup reads finished exports past their time.
DataTransferSchema.index({ expiresAt: 1 }, { name: 'expiry', sparse: true });

/**
 * Which item of which import already exists: `_id` is `<userId>.<source key>` (a lookup by
 * `_id` alone, the one FerretDB answers from an index), `targetId` the insight it became. The
 * key is claimed before the insight is written with that id, so running an import again finds
 * every claimed item and writes it only if the first run stopped in between.
 */
@Schema({ collection: 'import_keys', versionKey: false })
export class ImportKeyEntity {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  targetId!: Types.ObjectId;
}

export const ImportKeySchema = SchemaFactory.createForClass(ImportKeyEntity);
