import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { Category, CreateCategoryRequest, UpdateCategoryRequest } from '@insight/contracts';
import { firstValueFrom } from 'rxjs';
import { API } from '../api';

/** The caller's categories, loaded once and kept current by this client's own changes. */
@Injectable({ providedIn: 'root' })
export class CategoriesStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Category[] | null>(null);
  private loading: Promise<void> | null = null;

  readonly categories = computed(() => this.state() ?? []);
  readonly loaded = computed(() => this.state() !== null);
  readonly byId = computed(() => new Map(this.categories().map((category) => [category.id, category])));

  load(force = false): Promise<void> {
    if (this.state() !== null && !force) return Promise.resolve();
    this.loading ??= firstValueFrom(this.http.get<Category[]>(`${API}/categories`))
      .then((categories) => this.state.set(sortByName(categories)))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  async create(request: CreateCategoryRequest): Promise<Category> {
    const category = await firstValueFrom(this.http.post<Category>(`${API}/categories`, request));
    this.state.update((list) => sortByName([...(list ?? []), category]));
    return category;
  }

  async update(id: string, changes: UpdateCategoryRequest): Promise<Category> {
    const category = await firstValueFrom(
      this.http.patch<Category>(`${API}/categories/${encodeURIComponent(id)}`, changes),
    );
    this.state.update((list) => sortByName((list ?? []).map((c) => (c.id === id ? category : c))));
    return category;
  }

  async delete(id: string): Promise<void> {
    await firstValueFrom(this.http.delete<void>(`${API}/categories/${encodeURIComponent(id)}`));
    this.state.update((list) => (list ?? []).filter((c) => c.id !== id));
  }

  /** Forgets everything (on sign-out, so the next account never sees these). */
  reset(): void {
    this.state.set(null);
  }
}

function sortByName(categories: Category[]): Category[] {
  return [...categories].sort((a, b) => a.name.localeCompare(b.name));
}
