import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import type { UserRole } from '@insight/contracts';

export const USER_ROLES: readonly UserRole[] = ['user', 'admin'];

@Schema({ collection: 'users', timestamps: true, versionKey: false })
export class User {
  /** Stored normalised (trimmed, lowercase) so uniqueness ignores case. */
  @Prop({ type: String, required: true, trim: true, lowercase: true, maxlength: 254 })
  email!: string;

  /** Argon2id PHC string; never leaves the server. */
  @Prop({ type: String, required: true })
  passwordHash!: string;

  @Prop({ type: String, required: true, trim: true, minlength: 1, maxlength: 100 })
  displayName!: string;

  @Prop({ type: String, required: true, enum: USER_ROLES, default: 'user' })
  role!: UserRole;

  createdAt!: Date;
  updatedAt!: Date;
}

export type UserDocument = HydratedDocument<User>;

export const UserSchema = SchemaFactory.createForClass(User);
UserSchema.index({ email: 1 }, { unique: true });
