import { ApiProperty } from '@nestjs/swagger';
import {
  type Insight,
  type InsightAnalysis,
  INSIGHT_SOURCE_TYPES,
  INSIGHT_STATUSES,
  type InsightSourceType,
  type InsightStatus,
  type Page,
} from '@insight/contracts';

export class InsightDto implements Insight {
  id!: string;
  title!: string;
  /** Markdown. */
  content!: string;
  @ApiProperty({ type: String, nullable: true })
  summary!: string | null;
  /** Normalised: trimmed, lowercase, unique. */
  tags!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'One of your categories, or null.' })
  categoryId!: string | null;
  @ApiProperty({ enum: INSIGHT_SOURCE_TYPES })
  sourceType!: InsightSourceType;
  favorite!: boolean;
  /** 0 (minor) to 1 (essential). */
  importance!: number;
  @ApiProperty({
    enum: INSIGHT_STATUSES,
    description: '`pending` until the analysis ran for the current text.',
  })
  status!: InsightStatus;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Keywords, language, sentiment… filled by the worker; null until then.',
  })
  analysis!: InsightAnalysis | null;
  /** Bumped by every change; also the ETag. Send it back in If-Match to refuse stale edits. */
  version!: number;
  /** The version the knowledge graph reflects; behind `version` while a sync is pending. */
  graphVersion!: number;
  /** ISO 8601 date-time. */
  createdAt!: string;
  /** ISO 8601 date-time. */
  updatedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601 date-time; set while in the trash.' })
  deletedAt!: string | null;
}

export class InsightPageDto implements Page<Insight> {
  @ApiProperty({ type: [InsightDto] })
  items!: InsightDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
