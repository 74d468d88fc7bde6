import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  type CreateExportRequest,
  type DataTransfer,
  EXPORT_FORMATS,
  type ExportFormat,
  type ImportItemError,
  type ImportResult,
  type TransferCounts,
  type TransferKind,
  type TransferStatus,
} from '@insight/contracts';

export class TransferCountsDto implements TransferCounts {
  categories!: number;
  insights!: number;
  relationships!: number;
  reviewStates!: number;
  suggestionDecisions!: number;
}

export class ImportItemErrorDto implements ImportItemError {
  @ApiProperty({ type: Number, nullable: true })
  line!: number | null;
  @ApiProperty({ type: String, nullable: true })
  item!: string | null;
  reason!: string;
}

export class ImportResultDto implements ImportResult {
  created!: TransferCountsDto;
  skipped!: TransferCountsDto;
  @ApiProperty({ type: [ImportItemErrorDto] })
  errors!: ImportItemErrorDto[];
  errorCount!: number;
}

export class DataTransferDto implements DataTransfer {
  id!: string;
  @ApiProperty({ enum: ['export', 'import'] })
  kind!: TransferKind;
  @ApiProperty({ enum: EXPORT_FORMATS })
  format!: ExportFormat;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed', 'expired'] })
  status!: TransferStatus;
  /** 0–100. */
  progress!: number;
  /** Also followed by `GET /api/v1/jobs/:jobId`. */
  jobId!: string;
  @ApiProperty({ type: Number, nullable: true })
  sizeBytes!: number | null;
  @ApiProperty({ type: String, nullable: true })
  expiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true })
  downloadUrl!: string | null;
  @ApiProperty({ type: TransferCountsDto, nullable: true })
  exported!: TransferCountsDto | null;
  @ApiProperty({ type: ImportResultDto, nullable: true })
  imported!: ImportResultDto | null;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class CreateExportRequestDto implements CreateExportRequest {
  /** `json`: JSON Lines in the portable format; `markdown`: a zip of Markdown files. */
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;
}
