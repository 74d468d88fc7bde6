import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsMongoId,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  type CreateInsightRequest,
  INSIGHT_LIMITS,
  INSIGHT_SOURCE_TYPES,
  type InsightSourceType,
} from '@insight/contracts';
import { normalisedTags, OptionalNotNull, PRINTABLE_TEXT, trimmed } from '../common/validation';

export class CreateInsightRequestDto implements CreateInsightRequest {
  /** 1–200 characters (surrounding spaces are trimmed). */
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(INSIGHT_LIMITS.titleMaxLength)
  title!: string;

  /** Markdown, at most 100,000 characters. */
  @OptionalNotNull()
  @IsString()
  @MaxLength(INSIGHT_LIMITS.contentMaxLength)
  content?: string;

  /** A short summary, at most 2,000 characters. */
  @ApiProperty({ type: String, nullable: true, required: false, maxLength: INSIGHT_LIMITS.summaryMaxLength })
  @IsOptional()
  @IsString()
  @MaxLength(INSIGHT_LIMITS.summaryMaxLength)
  summary?: string | null;

  /** At most 50 tags of 1–64 characters; stored trimmed, lowercase and without duplicates. */
  @OptionalNotNull()
  @Transform(normalisedTags)
  @IsArray()
  @ArrayMaxSize(INSIGHT_LIMITS.tagsMaxCount)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each tag must not be empty' })
  @MaxLength(INSIGHT_LIMITS.tagMaxLength, { each: true })
  @Matches(PRINTABLE_TEXT, { each: true, message: 'each tag must be printable text' })
  tags?: string[];

  /** One of your categories, or null for none. */
  @ApiProperty({ type: String, nullable: true, required: false })
  @IsOptional()
  @IsMongoId()
  categoryId?: string | null;

  /** How the insight was captured; default `text`. */
  @ApiProperty({ enum: INSIGHT_SOURCE_TYPES, required: false })
  @OptionalNotNull()
  @IsIn(INSIGHT_SOURCE_TYPES)
  sourceType?: InsightSourceType;

  /** Default false. */
  @OptionalNotNull()
  @IsBoolean()
  favorite?: boolean;

  /** 0 (minor) to 1 (essential); default 0.5. */
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  importance?: number;
}
