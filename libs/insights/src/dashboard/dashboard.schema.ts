import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import type { DashboardStats, Digest } from '@insight/contracts';

/** The latest dashboard statistics of one user; `_id` is the user's id (one lookup). */
@Schema({ collection: 'user_stats', versionKey: false })
export class UserStatsEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.Mixed, required: true })
  stats!: DashboardStats;
}

export const UserStatsSchema = SchemaFactory.createForClass(UserStatsEntity);

/** One stored weekly digest; (userId, periodStart) is unique, so a rerun of a period adds nothing. */
@Schema({ collection: 'digests', versionKey: false })
export class DigestEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  periodStart!: Date;

  @Prop({ type: Date, required: true })
  periodEnd!: Date;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: SchemaTypes.Mixed, required: true })
  content!: Pick<Digest, 'counts' | 'topKeywords' | 'strongestLinks' | 'due'>;
}

export const DigestSchema = SchemaFactory.createForClass(DigestEntity);
DigestSchema.index({ userId: 1, periodStart: 1 }, { unique: true, name: 'one_per_period' });
// GET /digests: the user's digests, newest first, by _id.
DigestSchema.index({ userId: 1, _id: -1 }, { name: 'list' });
