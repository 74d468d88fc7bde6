import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { SEARCH_LIMITS, type SearchRequest } from '@insight/contracts';
import { OptionalNotNull, queryInteger } from '../common/validation';

export class SearchQueryDto implements SearchRequest {
  /**
   * Words (one typo forgiven; the last word matches as a prefix unless followed by a space),
   * "exact phrases" and filters: `tag:x category:y type:supports is:favorite before:2026-01-01
   * after:2025-06-01`. Any other text, Lucene syntax included, is searched as text.
   */
  @IsString()
  @MaxLength(SEARCH_LIMITS.queryMaxLength)
  q!: string;

  /** Results per page, 1–50; default 20. */
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: SEARCH_LIMITS.limitMax,
    default: SEARCH_LIMITS.limitDefault,
  })
  @OptionalNotNull()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(SEARCH_LIMITS.limitMax)
  limit?: number;

  /** `nextCursor` of the previous page of the same `q`. */
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
