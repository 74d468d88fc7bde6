import { Injectable, NotFoundException } from '@nestjs/common';
import type { Category, CreateCategoryRequest, UpdateCategoryRequest } from '@insight/contracts';
import { CategoriesRepository, CategoryNameTakenError, InsightsRepository } from '@insight/insights';
import { ProblemException } from '@insight/platform';
import { InsightJobsProducer } from '@insight/tasks';

function categoryNotFound(id: string): NotFoundException {
  return new NotFoundException(`You have no category ${id}.`);
}

class CategoryNameTakenProblem extends ProblemException {
  constructor(name: string) {
    super(409, {
      type: '/problems/category-name-taken',
      title: 'Conflict',
      detail: `You already have a category named "${name}".`,
      errors: { name: ['is already used by another of your categories (case does not matter)'] },
    });
  }
}

/** The caller's categories; deleting one uncategorises its insights. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly categories: CategoriesRepository,
    private readonly insights: InsightsRepository,
    private readonly jobs: InsightJobsProducer,
  ) {}

  list(userId: string): Promise<Category[]> {
    return this.categories.list(userId);
  }

  async get(userId: string, id: string): Promise<Category> {
    const category = await this.categories.findOwned(userId, id);
    if (!category) throw categoryNotFound(id);
    return category;
  }

  async create(userId: string, request: CreateCategoryRequest): Promise<Category> {
    const category = await this.nameChecked(() => this.categories.create(userId, request));
    await this.synced(userId, category, 'created');
    return category;
  }

  /** A new name or colour reaches the graph too (`category:` searches by name). */
  async update(userId: string, id: string, changes: UpdateCategoryRequest): Promise<Category> {
    const category = await this.nameChecked(() => this.categories.update(userId, id, changes));
    if (!category) throw categoryNotFound(id);
    await this.synced(userId, category, 'updated');
    return category;
  }

  /**
   * Uncategorises the insights first (one updateMany), then deletes the category: a crash in
   * between leaves an empty category rather than insights pointing at a deleted one.
   */
  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.categories.isOwned(userId, id))) throw categoryNotFound(id);
    const { changed } = await this.insights.clearCategory(userId, id);
    await this.categories.delete(userId, id);
    await this.jobs.changed(changed.map((ref) => ({ ...ref, reason: 'bulk-updated', analyze: false })));
    await this.jobs.categoriesChanged([{ categoryId: id, userId, changedAt: new Date(), reason: 'deleted' }]);
  }

  private synced(userId: string, category: Category, reason: 'created' | 'updated'): Promise<void> {
    return this.jobs.categoriesChanged([
      { categoryId: category.id, userId, changedAt: new Date(category.updatedAt), reason },
    ]);
  }

  private async nameChecked<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof CategoryNameTakenError) throw new CategoryNameTakenProblem(error.categoryName);
      throw error;
    }
  }
}
