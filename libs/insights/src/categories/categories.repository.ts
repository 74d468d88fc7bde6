import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Category, CreateCategoryRequest, UpdateCategoryRequest } from '@insight/contracts';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId, userObjectId } from '../common/object-id';
import { CategoryEntity, categoryNameKey } from './category.schema';

/** The user already has a category of that name (compared case-insensitively). */
export class CategoryNameTakenError extends Error {
  constructor(readonly categoryName: string) {
    super(`A category named "${categoryName}" already exists`);
  }
}

function toCategory(doc: CategoryEntity): Category {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    colour: doc.colour,
    icon: doc.icon,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** Categories, always scoped to their owner; another user's id reads as absent. */
@Injectable()
export class CategoriesRepository {
  constructor(@InjectModel(CategoryEntity.name) private readonly categories: Model<CategoryEntity>) {}

  /** The user's categories by name. */
  async list(userId: string): Promise<Category[]> {
    const docs = await this.categories
      .find({ userId: userObjectId(userId) })
      .sort({ nameKey: 1 })
      .lean<CategoryEntity[]>();
    return docs.map(toCategory);
  }

  async findOwned(userId: string, id: string): Promise<Category | null> {
    const doc = await this.findOwnedEntity(userId, id);
    return doc ? toCategory(doc) : null;
  }

  /** Whether `id` names one of the user's categories. */
  async isOwned(userId: string, id: string): Promise<boolean> {
    return (await this.findOwnedEntity(userId, id)) !== null;
  }

  /** @throws CategoryNameTakenError */
  async create(userId: string, input: CreateCategoryRequest): Promise<Category> {
    try {
      const doc = await this.categories.create({
        ...input,
        userId: userObjectId(userId),
        nameKey: categoryNameKey(input.name),
      });
      return toCategory(doc.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new CategoryNameTakenError(input.name);
      throw error;
    }
  }

  /** Null when the user has no such category. @throws CategoryNameTakenError */
  async update(userId: string, id: string, changes: UpdateCategoryRequest): Promise<Category | null> {
    const existing = await this.findOwnedEntity(userId, id);
    if (!existing) return null;
    const nameKey = changes.name !== undefined ? categoryNameKey(changes.name) : undefined;
    // Checked first because FerretDB reports a unique clash in findAndModify as an internal
    // error (and leaks the query's iterator); the unique index still decides any race.
    if (nameKey !== undefined && nameKey !== existing.nameKey) {
      const clash = await this.categories.exists({ userId: existing.userId, nameKey });
      if (clash) throw new CategoryNameTakenError(changes.name ?? existing.name);
    }
    const set = { ...changes, ...(nameKey !== undefined ? { nameKey } : {}) };
    try {
      const doc = await this.categories
        .findOneAndUpdate(
          { _id: existing._id, userId: existing.userId },
          { $set: set },
          { returnDocument: 'after' },
        )
        .lean<CategoryEntity>();
      return doc ? toCategory(doc) : null;
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new CategoryNameTakenError(changes.name ?? existing.name);
      throw error;
    }
  }

  /** Deletes the category; false when the user has none of that id. */
  async delete(userId: string, id: string): Promise<boolean> {
    const existing = await this.findOwnedEntity(userId, id);
    if (!existing) return false;
    const { deletedCount } = await this.categories.deleteOne({ _id: existing._id, userId: existing.userId });
    return deletedCount === 1;
  }

  /**
   * Looks the category up by `_id` (the `_id` index, on MongoDB and the local FerretDB alike) and
   * checks the owner here.
   */
  private async findOwnedEntity(userId: string, id: string): Promise<CategoryEntity | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    const doc = await this.categories.findById(objectId).lean<CategoryEntity>();
    return doc && doc.userId.equals(userObjectId(userId)) ? doc : null;
  }
}
