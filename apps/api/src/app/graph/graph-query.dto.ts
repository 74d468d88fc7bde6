import { ApiProperty } from '@nestjs/swagger';
import { Transform, type TransformFnParams } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  GRAPH_LIMITS,
  type GraphPageQuery,
  type GraphPathQuery,
  type NeighborhoodQuery,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '@insight/contracts';
import { OptionalNotNull, queryInteger } from '../common/validation';

/** `types=supports,related` and `types=supports&types=related` both give a list. */
function commaSeparated({ value }: TransformFnParams): unknown {
  const values = typeof value === 'string' ? [value] : value;
  return Array.isArray(values) && values.every((v): v is string => typeof v === 'string')
    ? values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean)
    : value;
}

export class NeighborhoodQueryDto implements NeighborhoodQuery {
  /** Hops from the insight, 1–3; default 1. */
  @ApiProperty({ required: false, minimum: 1, maximum: GRAPH_LIMITS.neighborhoodDepthMax, default: 1 })
  @OptionalNotNull()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(GRAPH_LIMITS.neighborhoodDepthMax)
  depth?: number;

  /** Follow only these types (comma-separated or repeated; inverse names follow their stored type). */
  @ApiProperty({ required: false, enum: RELATIONSHIP_TYPES, isArray: true })
  @OptionalNotNull()
  @Transform(commaSeparated)
  @IsArray()
  @ArrayMaxSize(RELATIONSHIP_TYPES.length)
  @IsIn(RELATIONSHIP_TYPES, {
    each: true,
    message: `types must each be one of ${RELATIONSHIP_TYPES.join(', ')}`,
  })
  types?: RelationshipType[];

  /** Most nodes to answer, the insight itself included: 1–2000; default 200. */
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: GRAPH_LIMITS.neighborhoodLimitMax,
    default: GRAPH_LIMITS.neighborhoodLimitDefault,
  })
  @OptionalNotNull()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(GRAPH_LIMITS.neighborhoodLimitMax)
  limit?: number;
}

export class GraphPathQueryDto implements GraphPathQuery {
  /** The insight the path starts from. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  from!: string;

  /** The insight it ends at. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  to!: string;

  /** Longest path to look for, 1–10 hops; default 6. */
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: GRAPH_LIMITS.pathMaxDepthMax,
    default: GRAPH_LIMITS.pathMaxDepthDefault,
  })
  @OptionalNotNull()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(GRAPH_LIMITS.pathMaxDepthMax)
  maxDepth?: number;
}

export class GraphPageQueryDto implements GraphPageQuery {
  /** Nodes per page, 1–2000; default 500. */
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: GRAPH_LIMITS.pageLimitMax,
    default: GRAPH_LIMITS.pageLimitDefault,
  })
  @OptionalNotNull()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(GRAPH_LIMITS.pageLimitMax)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
