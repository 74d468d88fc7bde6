import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNumber, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  type CreateRelationshipRequest,
  type Page,
  type Relationship,
  type RelationshipFromInsight,
  RELATIONSHIP_LIMITS,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  type RelationshipTypeInfo,
  type UpdateRelationshipRequest,
} from '@insight/contracts';
import { OptionalNotNull, trimmed } from '../common/validation';
import { PageQueryDto } from '../insights/list-insights-query.dto';

const TYPE_MESSAGE = `type must be one of ${RELATIONSHIP_TYPES.join(', ')}`;

/** The field may be left out or set to null (clears it). */
const OptionalOrNull = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

export class CreateRelationshipRequestDto implements CreateRelationshipRequest {
  /** The insight the relationship starts from. */
  @IsString()
  @MaxLength(64)
  sourceId!: string;

  /** The insight it points to; must differ from sourceId. */
  @IsString()
  @MaxLength(64)
  targetId!: string;

  /** Any name of the vocabulary (`GET /relationship-types`); inverse names are stored flipped. */
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  @IsIn(RELATIONSHIP_TYPES, { message: TYPE_MESSAGE })
  type!: RelationshipType;

  /** 0 (weak) to 1 (strong); 0.5 when left out. */
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  strength?: number;

  /** Why the two are linked. */
  @OptionalOrNull()
  @Transform(trimmed)
  @IsString()
  @MaxLength(RELATIONSHIP_LIMITS.noteMaxLength)
  note?: string | null;
}

export class UpdateRelationshipRequestDto implements UpdateRelationshipRequest {
  /** Read in the stored direction (source → target). */
  @ApiProperty({ enum: RELATIONSHIP_TYPES, required: false })
  @OptionalNotNull()
  @IsIn(RELATIONSHIP_TYPES, { message: TYPE_MESSAGE })
  type?: RelationshipType;

  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  strength?: number;

  @OptionalOrNull()
  @Transform(trimmed)
  @IsString()
  @MaxLength(RELATIONSHIP_LIMITS.noteMaxLength)
  note?: string | null;
}

export class ListRelationshipsQueryDto extends PageQueryDto {
  /** The insight whose relationships (both directions) to list. */
  @IsString()
  @MaxLength(64)
  insightId!: string;
}

export class RelationshipDto implements Relationship {
  id!: string;
  sourceId!: string;
  targetId!: string;
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  type!: RelationshipType;
  strength!: number;
  note!: string | null;
  @ApiProperty({ enum: ['user', 'system'] })
  createdBy!: 'user' | 'system';
  version!: number;
  createdAt!: string;
  updatedAt!: string;
}

export class RelationshipFromInsightDto implements RelationshipFromInsight {
  id!: string;
  /** The name from the listed insight's side. */
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  type!: RelationshipType;
  @ApiProperty({ enum: ['outgoing', 'incoming'] })
  direction!: 'outgoing' | 'incoming';
  otherInsightId!: string;
  strength!: number;
  note!: string | null;
  @ApiProperty({ enum: ['user', 'system'] })
  createdBy!: 'user' | 'system';
  createdAt!: string;
  updatedAt!: string;
}

export class RelationshipTypeDto implements RelationshipTypeInfo {
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  type!: RelationshipType;
  label!: string;
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  inverse!: RelationshipType;
  symmetric!: boolean;
  canonical!: boolean;
}

export class RelationshipFromInsightPageDto implements Page<RelationshipFromInsight> {
  items!: RelationshipFromInsightDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
