import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsMongoId,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  INSIGHT_LIMITS,
  INSIGHT_SORT_FIELDS,
  INSIGHT_STATUSES,
  type InsightListQuery,
  type InsightSortField,
  type InsightStatus,
  SORT_ORDERS,
  type SortOrder,
  type TrashListQuery,
} from '@insight/contracts';
import { normalisedTagParameters, OptionalNotNull, queryBoolean, queryInteger } from '../common/validation';

/** Cursor and page size, shared by the insight list and the trash. */
export class PageQueryDto implements TrashListQuery {
  /** `nextCursor` of the previous page. */
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  /** Items per page, 1–100; default 20. */
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: INSIGHT_LIMITS.pageSizeMax,
    default: INSIGHT_LIMITS.pageSizeDefault,
  })
  @OptionalNotNull()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(INSIGHT_LIMITS.pageSizeMax)
  limit?: number;
}

export class ListInsightsQueryDto extends PageQueryDto implements InsightListQuery {
  /** Only insights carrying every one of these tags; repeat the parameter for more (at most 10). */
  @ApiProperty({ required: false, type: [String], isArray: true, maxItems: 10 })
  @OptionalNotNull()
  @Transform(normalisedTagParameters)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(INSIGHT_LIMITS.tagMaxLength, { each: true })
  tag?: string[];

  /** Only insights of this category of yours. */
  @OptionalNotNull()
  @IsMongoId()
  categoryId?: string;

  /** Only favourites (true) or only the others (false). */
  @OptionalNotNull()
  @Transform(queryBoolean)
  @IsBoolean()
  favorite?: boolean;

  @ApiProperty({ required: false, enum: INSIGHT_STATUSES })
  @OptionalNotNull()
  @IsIn(INSIGHT_STATUSES)
  status?: InsightStatus;

  /** Inclusive lower bound (ISO 8601) on the sort field: createdAt, or updatedAt when sorting by it. */
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  from?: string;

  /** Inclusive upper bound (ISO 8601) on the sort field. */
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiProperty({ required: false, enum: INSIGHT_SORT_FIELDS, default: 'createdAt' })
  @OptionalNotNull()
  @IsIn(INSIGHT_SORT_FIELDS)
  sort?: InsightSortField;

  @ApiProperty({ required: false, enum: SORT_ORDERS, default: 'desc' })
  @OptionalNotNull()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}
