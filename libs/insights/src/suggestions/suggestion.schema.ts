import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import {
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from '@insight/contracts';

/**
 * A proposed link between two of a user's insights, and the user's decision on it. One document
 * per pair (`pair` is the two ids sorted, unique per user), so a rejected pair stays rejected:
 * discovery never overwrites a decided suggestion.
 */
@Schema({ collection: 'suggestions', versionKey: false, timestamps: true })
export class SuggestionEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** `<smaller id>-<larger id>`. */
  @Prop({ type: String, required: true })
  pair!: string;

  /** Both insights, for "suggestions of this insight" from either side. */
  @Prop({ type: [SchemaTypes.ObjectId], required: true })
  insightIds!: Types.ObjectId[];

  /** The insight whose analysis proposed the link; the type reads from it to the target. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sourceId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  targetId!: Types.ObjectId;

  @Prop({ type: String, enum: RELATIONSHIP_TYPES, required: true })
  type!: RelationshipType;

  @Prop({ type: Number, required: true, min: 0, max: 1 })
  score!: number;

  @Prop({ type: [String], default: [] })
  reasons!: string[];

  @Prop({ type: String, enum: SUGGESTION_STATUSES, default: 'open' })
  status!: SuggestionStatus;

  /** The relationship an accepted suggestion created. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  relationshipId!: Types.ObjectId | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const SuggestionSchema = SchemaFactory.createForClass(SuggestionEntity);

SuggestionSchema.index({ userId: 1, pair: 1 }, { name: 'one_per_pair', unique: true });
// The inbox of one insight: open suggestions on either side, best first.
SuggestionSchema.index({ userId: 1, insightIds: 1, status: 1, score: -1, _id: 1 }, { name: 'inbox' });

/**
 * The targets an insight's last discovery proposed (`_id` is the insight's id). The next discovery
 * finds the suggestions it proposes no more from here by `_id`, not by a read of every suggestion
 * of the insight (on FerretDB, which serves only `_id` from an index, a scan per discovery).
 */
@Schema({ collection: 'suggestion_sources', versionKey: false })
export class SuggestionSourceEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  targetIds!: Types.ObjectId[];
}

export const SuggestionSourceSchema = SchemaFactory.createForClass(SuggestionSourceEntity);
