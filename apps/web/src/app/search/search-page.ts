import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipRemove, MatChipSet } from '@angular/material/chips';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { SEARCH_LIMITS, type SearchResult } from '@insight/contracts';
import { Subscription } from 'rxjs';
import { CategoriesStore } from '../core/data/categories.store';
import { SearchService } from '../core/data/search.service';
import { describeError, problemOf } from '../core/problems';
import { sanitizeHighlight } from '../core/safe-html';
import { injectTranslate } from '../i18n/i18n';
import { parseQuery, type QueryChip, removeChip } from './query-chips';

export const SEARCH_DEBOUNCE_MS = 250;

interface ShownResult {
  id: string;
  title: SafeHtml;
  snippet: SafeHtml;
  tags: string[];
  categoryName: string | null;
}

@Component({
  selector: 'app-search-page',
  imports: [
    TranslocoPipe,
    MatButton,
    MatChip,
    MatChipRemove,
    MatChipSet,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
})
export class SearchPage {
  /** The `q` query parameter: searches are shareable and survive reloads. */
  readonly q = input<string | undefined>();

  private readonly search = inject(SearchService);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly categories = inject(CategoriesStore);
  private readonly box = viewChild.required<ElementRef<HTMLInputElement>>('box');

  protected readonly maxLength = SEARCH_LIMITS.queryMaxLength;
  protected readonly query = signal('');
  private readonly t = injectTranslate();
  protected readonly parsed = computed(() => parseQuery(this.query(), this.t()));
  protected readonly results = signal<SearchResult[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly searched = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly active = signal(-1);
  protected readonly shown = computed<ShownResult[]>(() =>
    this.results().map((result) => ({
      id: result.insight.id,
      // The API escapes the text and adds <mark>; sanitising keeps only <mark> whatever arrives.
      title: this.sanitizer.bypassSecurityTrustHtml(
        sanitizeHighlight(result.highlights.title || result.insight.title),
      ),
      snippet: this.sanitizer.bypassSecurityTrustHtml(sanitizeHighlight(result.highlights.content)),
      tags: result.insight.tags,
      categoryName: this.categories.byId().get(result.insight.categoryId ?? '')?.name ?? null,
    })),
  );
  private timer?: ReturnType<typeof setTimeout>;
  private request?: Subscription;

  constructor() {
    void this.categories.load().catch(() => undefined);
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        if (q !== this.query()) {
          this.query.set(q);
          this.run(q);
        }
      });
    });
  }

  protected onInput(value: string): void {
    this.query.set(value);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.router.navigate([], { queryParams: { q: value || null }, replaceUrl: true });
      this.run(value);
    }, SEARCH_DEBOUNCE_MS);
  }

  protected removeChip(chip: QueryChip): void {
    const next = removeChip(this.query(), chip);
    this.box().nativeElement.value = next;
    this.onInput(next);
    this.box().nativeElement.focus();
  }

  /** Arrow keys move through the results, Enter opens one, Escape clears. */
  protected onKeydown(event: KeyboardEvent): void {
    const count = this.shown().length;
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return;
        event.preventDefault();
        this.active.set((this.active() + 1) % count);
        break;
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        this.active.set(this.active() <= 0 ? count - 1 : this.active() - 1);
        break;
      case 'Enter': {
        const chosen = this.shown()[this.active()] ?? (count === 1 ? this.shown()[0] : undefined);
        if (chosen) {
          event.preventDefault();
          this.open(chosen.id);
        }
        break;
      }
      case 'Escape':
        if (this.query()) {
          event.preventDefault();
          this.box().nativeElement.value = '';
          this.onInput('');
        }
        break;
    }
    this.scrollActiveIntoView();
  }

  protected open(id: string): void {
    void this.router.navigate(['/insights', id]);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor) this.run(this.query(), cursor);
  }

  private run(q: string, cursor?: string): void {
    this.request?.unsubscribe();
    if (!cursor) {
      this.active.set(-1);
    }
    if (!q.trim()) {
      this.results.set([]);
      this.nextCursor.set(null);
      this.error.set(null);
      this.searched.set(false);
      this.loading.set(false);
      return;
    }
    this.loading.set(true);
    this.request = this.search.search({ q, ...(cursor ? { cursor } : {}) }).subscribe({
      next: (page) => {
        this.results.update((results) => (cursor ? [...results, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.error.set(null);
        this.loading.set(false);
        this.searched.set(true);
      },
      error: (error: unknown) => {
        const problem = problemOf(error);
        const reason = problem?.errors?.['q']?.join(', ');
        this.error.set(
          reason
            ? this.transloco.translate('search.badQuery', { reason })
            : describeError(error, this.transloco.translate('search.failed')),
        );
        this.results.set([]);
        this.nextCursor.set(null);
        this.loading.set(false);
        this.searched.set(true);
      },
    });
  }

  private scrollActiveIntoView(): void {
    const id = this.active() >= 0 ? `result-${this.active()}` : null;
    if (id) queueMicrotask(() => document.getElementById(id)?.scrollIntoView?.({ block: 'nearest' }));
  }
}
