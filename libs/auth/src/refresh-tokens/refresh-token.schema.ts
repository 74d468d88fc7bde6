import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One refresh token of a sign-in "family": every refresh replaces the token with a new one of
 * the same family, so presenting a replaced token reveals a copy and ends the whole family.
 */
@Schema({
  collection: 'refresh_tokens',
  timestamps: { createdAt: true, updatedAt: false },
  versionKey: false,
})
export class RefreshToken {
  /** A random UUID; never shown to clients. */
  @Prop({ type: String, required: true })
  _id!: string;

  /** SHA-256 of the secret in the cookie. */
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: String, required: true })
  userId!: string;

  @Prop({ type: String, required: true })
  familyId!: string;

  /**
   * The token this one replaced (`family-start:<familyId>` for the first). Unique, so of two
   * concurrent exchanges of one token only one can store a successor: the index arbitrates,
   * which also holds on FerretDB, where conditional updates are not atomic under concurrency.
   */
  @Prop({ type: String, required: true })
  rotatedFrom!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  /** The token that replaced this one at its (single permitted) use. */
  @Prop({ type: String, default: null })
  replacedBy!: string | null;

  createdAt!: Date;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
RefreshTokenSchema.index({ rotatedFrom: 1 }, { unique: true });
RefreshTokenSchema.index({ familyId: 1 });
RefreshTokenSchema.index({ userId: 1 });
