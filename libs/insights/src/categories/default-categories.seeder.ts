import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { userObjectId } from '../common/object-id';
import { CategoryEntity, categoryNameKey } from './category.schema';
import { DEFAULT_CATEGORIES } from './default-categories';

/** Gives a new account the default categories Work, Personal, Ideas and Tasks. */
@Injectable()
export class DefaultCategoriesSeeder {
  constructor(@InjectModel(CategoryEntity.name) private readonly categories: Model<CategoryEntity>) {}

  /**
   * Idempotent: upserts by (userId, lowercased name) in one round trip, so running it twice,
   * or after the user created "work" themselves, neither duplicates nor overwrites anything.
   */
  async seedFor(userId: string): Promise<void> {
    const owner = userObjectId(userId);
    try {
      await this.categories.bulkWrite(
        DEFAULT_CATEGORIES.map((category) => ({
          updateOne: {
            filter: { userId: owner, nameKey: categoryNameKey(category.name) },
            update: { $setOnInsert: { ...category, userId: owner, nameKey: categoryNameKey(category.name) } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      // Two concurrent seeds race to insert the same key; the unique index keeps one, which is the goal.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
