import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import { CATEGORY_COLOUR_PATTERN, CATEGORY_ICON_PATTERN, CATEGORY_LIMITS } from '@insight/contracts';

/** The key that makes names unique per user regardless of case and spacing. */
export function categoryNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A user's category. Indexes:
 * - `{ userId, nameKey }` unique: one name per user, case-insensitively (FerretDB has no
 *   collation, so the lowercased key is stored); also serves the list sorted by name.
 */
@Schema({ collection: 'categories', timestamps: true, versionKey: false })
export class CategoryEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, trim: true, maxlength: CATEGORY_LIMITS.nameMaxLength })
  name!: string;

  @Prop({ type: String, required: true })
  nameKey!: string;

  @Prop({ type: String, required: true, match: CATEGORY_COLOUR_PATTERN, lowercase: true })
  colour!: string;

  @Prop({ type: String, required: true, match: CATEGORY_ICON_PATTERN })
  icon!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export const CategorySchema = SchemaFactory.createForClass(CategoryEntity);
CategorySchema.index({ userId: 1, nameKey: 1 }, { unique: true, name: 'user_name_unique' });
