import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import {
  INSIGHT_LIMITS,
  INSIGHT_SORT_FIELDS,
  INSIGHT_SOURCE_TYPES,
  INSIGHT_STATUSES,
  type InsightAnalysis,
  type InsightSourceType,
  type InsightStatus,
} from '@insight/contracts';

/** The insight document. `version` is bumped by every write in the same single-document update. */
@Schema({ collection: 'insights', timestamps: true, versionKey: false, minimize: false })
export class InsightEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, minlength: 1, maxlength: INSIGHT_LIMITS.titleMaxLength })
  title!: string;

  @Prop({ type: String, default: '', maxlength: INSIGHT_LIMITS.contentMaxLength })
  content!: string;

  @Prop({ type: String, default: null, maxlength: INSIGHT_LIMITS.summaryMaxLength })
  summary!: string | null;

  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  categoryId!: Types.ObjectId | null;

  @Prop({ type: String, enum: INSIGHT_SOURCE_TYPES, default: 'text' })
  sourceType!: InsightSourceType;

  @Prop({ type: Boolean, default: false })
  favorite!: boolean;

  @Prop({ type: Number, default: 0.5, min: 0, max: 1 })
  importance!: number;

  @Prop({ type: String, enum: INSIGHT_STATUSES, default: 'pending' })
  status!: InsightStatus;

  @Prop({ type: SchemaTypes.Mixed, default: null })
  analysis!: InsightAnalysis | null;

  @Prop({ type: Number, default: 1, min: 1 })
  version!: number;

  @Prop({ type: Number, default: 0, min: 0 })
  graphVersion!: number;

  /**
   * When the oldest version not yet in the graph was written; absent once the graph sync has
   * caught up. Every write keeps the oldest time (`$min`), so the age is the sync's lag.
   */
  @Prop({ type: Date, required: false })
  graphPendingSince?: Date;

  /** Set while in the trash; stored as an explicit null otherwise so `deletedAt: null` is an index equality. */
  @Prop({ type: Date, default: null })
  deletedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const InsightSchema = SchemaFactory.createForClass(InsightEntity);

/**
 * Every list query is `{ userId, deletedAt: null [, one equality filter] } sorted by
 * (sortField, _id)`, with from/to as a range on the sort field, so each index follows
 * equality → sort → range and starts with userId (no query touches another user's documents):
 *
 *   list_<sort>             { userId, deletedAt, <sort>: -1, _id: -1 }                no filter, from/to
 *   list_<sort>_tags        { userId, deletedAt, tags, <sort>: -1, _id: -1 }          tag (all-of: one bound, rest filtered)
 *   list_<sort>_category    { userId, deletedAt, categoryId, <sort>: -1, _id: -1 }    categoryId
 *   list_<sort>_favorite    { userId, deletedAt, favorite, <sort>: -1, _id: -1 }      favorite
 *   list_<sort>_status      { userId, deletedAt, status, <sort>: -1, _id: -1 }        status
 *     for <sort> in createdAt, updatedAt; ascending order walks the same indexes backwards.
 *   trash                   { userId, deletedAt: -1, _id: -1 }                        GET /trash, newest deletion first
 *
 * Combined filters use the index of one equality (the planner picks the most selective)
 * and check the others on the user's documents only. Tag counts ($match userId + deletedAt)
 * and the bulk tag/category updates ({ userId, tags } / { userId, categoryId }) use the same
 * prefixes. Note: FerretDB 1.24 (SQLite) creates these indexes but answers only `_id` lookups
 * from an index (tools/stack/ferretdb-patches); they are for MongoDB, which production runs.
 */
for (const sort of INSIGHT_SORT_FIELDS) {
  InsightSchema.index({ userId: 1, deletedAt: 1, [sort]: -1, _id: -1 }, { name: `list_${sort}` });
  for (const [filter, suffix] of [
    ['tags', 'tags'],
    ['categoryId', 'category'],
    ['favorite', 'favorite'],
    ['status', 'status'],
  ] as const) {
    InsightSchema.index(
      { userId: 1, deletedAt: 1, [filter]: 1, [sort]: -1, _id: -1 },
      { name: `list_${sort}_${suffix}` },
    );
  }
}
InsightSchema.index({ userId: 1, deletedAt: -1, _id: -1 }, { name: 'trash' });
// The scheduled purge: trashed insights of every user older than the retention, oldest first.
InsightSchema.index({ deletedAt: 1 }, { name: 'trash_age' });
// Only insights behind the graph carry the marker, so reconciliation and the lag metric read a
// small sparse index on MongoDB (FerretDB scans either way).
InsightSchema.index({ graphPendingSince: 1 }, { name: 'graph_pending', sparse: true });
// The nightly re-discovery of related insights reads what changed since a time, across users.
InsightSchema.index({ updatedAt: 1, _id: 1 }, { name: 'changed_since' });
