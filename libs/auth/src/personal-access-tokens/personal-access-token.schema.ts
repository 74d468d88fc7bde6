import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';

@Schema({
  collection: 'personal_access_tokens',
  timestamps: { createdAt: true, updatedAt: false },
  versionKey: false,
})
export class PersonalAccessToken {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, trim: true, minlength: 1, maxlength: 100 })
  name!: string;

  /** SHA-256 of the whole token (`pat_…`); the token itself is shown once and never stored. */
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  createdAt!: Date;
}

export const PersonalAccessTokenSchema = SchemaFactory.createForClass(PersonalAccessToken);
PersonalAccessTokenSchema.index({ tokenHash: 1 }, { unique: true });
PersonalAccessTokenSchema.index({ userId: 1, createdAt: -1 });
