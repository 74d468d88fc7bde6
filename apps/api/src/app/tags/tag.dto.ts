import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  INSIGHT_LIMITS,
  type RenameTagRequest,
  type TagCount,
  type TagDeleteResult,
  type TagRenameResult,
} from '@insight/contracts';
import { normaliseTag } from '@insight/insights';
import { PRINTABLE_TEXT } from '../common/validation';

export class TagCountDto implements TagCount {
  name!: string;
  /** Insights outside the trash carrying the tag. */
  count!: number;
}

export class RenameTagRequestDto implements RenameTagRequest {
  /** The new name (normalised like every tag); if you already use it, the two tags merge. */
  @Transform(({ value }) => (typeof value === 'string' ? normaliseTag(value) : value))
  @IsString()
  @MinLength(1)
  @MaxLength(INSIGHT_LIMITS.tagMaxLength)
  @Matches(PRINTABLE_TEXT, { message: 'name must be printable text' })
  name!: string;
}

export class TagRenameResultDto implements TagRenameResult {
  from!: string;
  to!: string;
  /** True when `to` already existed, so the two tags became one. */
  merged!: boolean;
  /** Insights that carried `from` (trashed ones included). */
  insightsChanged!: number;
}

export class TagDeleteResultDto implements TagDeleteResult {
  name!: string;
  /** Insights that lost the tag (trashed ones included). */
  insightsChanged!: number;
}
