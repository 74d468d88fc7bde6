import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';

/**
 * An insight's review schedule (FSRS card). `_id` is the insight's id, so reading or grading
 * one is an `_id` lookup; the due list reads `{ userId, dueAt ≤ end of today }` in dueAt
 * order through the (userId, dueAt) index.
 */
@Schema({ collection: 'review_states', timestamps: true, versionKey: false })
export class ReviewStateEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  dueAt!: Date;

  @Prop({ type: Number, required: true })
  stability!: number;

  @Prop({ type: Number, required: true })
  difficulty!: number;

  @Prop({ type: Number, required: true })
  scheduledDays!: number;

  @Prop({ type: Number, required: true })
  learningSteps!: number;

  @Prop({ type: Number, required: true })
  reps!: number;

  @Prop({ type: Number, required: true })
  lapses!: number;

  @Prop({ type: Number, required: true })
  state!: number;

  @Prop({ type: Date, default: null })
  lastReviewedAt!: Date | null;

  @Prop({ type: Boolean, default: false })
  optedOut!: boolean;
}

export const ReviewStateSchema = SchemaFactory.createForClass(ReviewStateEntity);
ReviewStateSchema.index({ userId: 1, dueAt: 1 }, { name: 'due' });

/** Per-user review settings: categories left out, and how far new insights were enrolled. */
@Schema({ collection: 'review_settings', timestamps: true, versionKey: false })
export class ReviewSettingsEntity {
  /** The user's id. */
  _id!: Types.ObjectId;

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  optedOutCategoryIds!: Types.ObjectId[];

  /** createdAt of the newest insight already enrolled; the next enrolment starts after it. */
  @Prop({ type: Date, default: null })
  enrolledThrough!: Date | null;
}

export const ReviewSettingsSchema = SchemaFactory.createForClass(ReviewSettingsEntity);
