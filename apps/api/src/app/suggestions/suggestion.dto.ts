import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsMongoId } from 'class-validator';
import {
  type AcceptedSuggestion,
  type AcceptSuggestionRequest,
  type Page,
  RELATIONSHIP_TYPES,
  type RelationshipSuggestion,
  type RelationshipType,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from '@insight/contracts';
import { OptionalNotNull } from '../common/validation';
import { RelationshipDto } from '../relationships/relationship-dtos';

export class RelatedInsightRefDto {
  id!: string;
  title!: string;
}

export class SuggestionDto implements RelationshipSuggestion {
  id!: string;
  /** The insight whose list this is. */
  insightId!: string;
  relatedInsight!: RelatedInsightRefDto;
  /** Proposed type, read from `insightId` to `relatedInsight`. */
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  type!: RelationshipType;
  /** 0–1. */
  score!: number;
  /** Why, in Markdown (`shares keywords *cache*, *latency*`). */
  reasons!: string[];
  @ApiProperty({ enum: SUGGESTION_STATUSES })
  status!: SuggestionStatus;
  createdAt!: string;
}

export class SuggestionPageDto implements Page<RelationshipSuggestion> {
  items!: SuggestionDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class AcceptSuggestionRequestDto implements AcceptSuggestionRequest {
  /** Another type than the one proposed (any vocabulary name, read from `insightId`). */
  @ApiProperty({ enum: RELATIONSHIP_TYPES, required: false })
  @OptionalNotNull()
  @IsIn(RELATIONSHIP_TYPES, { message: `type must be one of ${RELATIONSHIP_TYPES.join(', ')}` })
  type?: RelationshipType;

  /**
   * The insight whose list the suggestion was read in (either of the pair): `type` is read from it
   * to the other. Default: the insight whose analysis proposed the pair.
   */
  @ApiProperty({ required: false })
  @OptionalNotNull()
  @IsMongoId({ message: 'insightId must be an insight id' })
  insightId?: string;
}

export class AcceptedSuggestionDto implements AcceptedSuggestion {
  suggestion!: SuggestionDto;
  relationship!: RelationshipDto;
}
