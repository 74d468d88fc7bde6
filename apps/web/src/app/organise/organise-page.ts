import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Category, TagCount } from '@insight/contracts';
import { firstValueFrom } from 'rxjs';
import { CategoriesStore } from '../core/data/categories.store';
import { TagsService } from '../core/data/tags.service';
import { applyProblem, describeError } from '../core/problems';
import { categoryRequest, type CategoryForm, createCategoryForm } from './category-form';
import { injectTranslate } from '../i18n/i18n';
import { renamePreview } from './tag-preview';

@Component({
  selector: 'app-organise-page',
  imports: [
    TranslocoPipe,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatProgressBar,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organise-page.html',
  styleUrl: './organise-page.scss',
})
export class OrganisePage {
  private readonly transloco = inject(TranslocoService);
  private readonly t = (key: string, params?: Record<string, unknown>) =>
    this.transloco.translate(key, params);
  private readonly translate = injectTranslate();
  protected readonly categories = inject(CategoriesStore);
  private readonly tagsApi = inject(TagsService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly categoriesError = signal<string | null>(null);
  protected readonly newCategory = createCategoryForm();
  protected readonly createError = signal<string | null>(null);
  protected readonly editingCategory = signal<{
    id: string;
    form: CategoryForm;
    error: string | null;
  } | null>(null);
  protected readonly confirmingCategory = signal<string | null>(null);

  protected readonly tags = signal<TagCount[] | null>(null);
  protected readonly tagsError = signal<string | null>(null);
  protected readonly renaming = signal<{ tag: TagCount; value: string; error: string | null } | null>(null);
  protected readonly confirmingTag = signal<string | null>(null);
  protected readonly preview = computed(() => {
    const renaming = this.renaming();
    return renaming ? renamePreview(this.tags() ?? [], renaming.tag, renaming.value, this.translate()) : null;
  });
  protected readonly busy = signal(false);

  constructor() {
    this.categories
      .load(true)
      .catch((error: unknown) =>
        this.categoriesError.set(describeError(error, this.t('organise.categoriesLoadFailed'))),
      );
    this.loadTags();
  }

  protected loadTags(): void {
    this.tagsError.set(null);
    this.tagsApi.list().subscribe({
      next: (tags) => this.tags.set(tags),
      error: (error: unknown) => this.tagsError.set(describeError(error, this.t('organise.tagsLoadFailed'))),
    });
  }

  protected async createCategory(): Promise<void> {
    this.newCategory.markAllAsTouched();
    if (this.newCategory.invalid) return;
    await this.guard(async () => {
      try {
        const category = await this.categories.create(categoryRequest(this.newCategory));
        this.newCategory.reset();
        this.createError.set(null);
        this.snackBar.open(`Created “${category.name}”`, undefined, { duration: 3000 });
      } catch (error) {
        this.createError.set(applyProblem(this.newCategory, error, this.t('organise.notCreated')));
      }
    });
  }

  protected editCategory(category: Category): void {
    this.confirmingCategory.set(null);
    this.editingCategory.set({ id: category.id, form: createCategoryForm(category), error: null });
  }

  protected async saveCategory(): Promise<void> {
    const editing = this.editingCategory();
    if (!editing) return;
    editing.form.markAllAsTouched();
    if (editing.form.invalid) return;
    await this.guard(async () => {
      try {
        await this.categories.update(editing.id, categoryRequest(editing.form));
        this.editingCategory.set(null);
      } catch (error) {
        this.editingCategory.set({
          ...editing,
          error: applyProblem(editing.form, error, this.t('organise.notSaved')),
        });
      }
    });
  }

  protected async deleteCategory(category: Category): Promise<void> {
    await this.guard(async () => {
      try {
        await this.categories.delete(category.id);
        this.confirmingCategory.set(null);
        this.snackBar.open(`Deleted “${category.name}”; its insights have no category now`, undefined, {
          duration: 4000,
        });
      } catch (error) {
        this.categoriesError.set(describeError(error, this.t('organise.deleteFailed')));
      }
    });
  }

  protected startRename(tag: TagCount): void {
    this.confirmingTag.set(null);
    this.renaming.set({ tag, value: tag.name, error: null });
  }

  protected typed(value: string): void {
    this.renaming.update((r) => (r ? { ...r, value, error: null } : r));
  }

  protected async rename(): Promise<void> {
    const renaming = this.renaming();
    if (!renaming || !this.preview()) return;
    await this.guard(async () => {
      try {
        const result = await firstValueFrom(this.tagsApi.rename(renaming.tag.name, renaming.value));
        this.renaming.set(null);
        this.snackBar.open(
          this.t(result.merged ? 'organise.merged' : 'organise.renamed', {
            from: result.from,
            to: result.to,
            count: result.insightsChanged,
          }),
          undefined,
          { duration: 4000 },
        );
        this.loadTags();
      } catch (error) {
        this.renaming.set({ ...renaming, error: describeError(error, this.t('organise.notRenamed')) });
      }
    });
  }

  protected async deleteTag(tag: TagCount): Promise<void> {
    await this.guard(async () => {
      try {
        const result = await firstValueFrom(this.tagsApi.delete(tag.name));
        this.confirmingTag.set(null);
        this.snackBar.open(`Removed #${result.name} from ${result.insightsChanged} insights`, undefined, {
          duration: 4000,
        });
        this.loadTags();
      } catch (error) {
        this.tagsError.set(describeError(error, this.t('organise.tagDeleteFailed')));
      }
    });
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await action();
    } finally {
      this.busy.set(false);
    }
  }
}
