import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type Insight, type InsightListQuery, type InsightStatus } from '@insight/contracts';
import { insightAnalysed, LiveEvents } from '../core/live-events';
import { catchError, EMPTY, filter, mergeMap, of, Subscription } from 'rxjs';
import { CaptureLauncher } from '../capture/capture-launcher';
import { CategoriesStore } from '../core/data/categories.store';
import { InsightsService } from '../core/data/insights.service';
import { TagsService } from '../core/data/tags.service';
import { describeError } from '../core/problems';
import { InsightCard, STATUS_LABELS } from '../insight/insight-card';

export const TIMELINE_PAGE_SIZE = 20;

/** The filter chips' state; empty means everything. */
export interface TimelineFilters {
  favorite: boolean;
  status: InsightStatus | null;
  categoryId: string | null;
  tags: string[];
}

export function toListQuery(filters: TimelineFilters, cursor?: string): InsightListQuery {
  return {
    limit: TIMELINE_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
    ...(filters.favorite ? { favorite: true } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    ...(filters.tags.length ? { tag: filters.tags } : {}),
  };
}

/** Whether an insight captured just now belongs in the list under these filters. */
export function matchesFilters(insight: Insight, filters: TimelineFilters): boolean {
  return (
    (!filters.favorite || insight.favorite) &&
    (!filters.status || insight.status === filters.status) &&
    (!filters.categoryId || insight.categoryId === filters.categoryId) &&
    filters.tags.every((tag) => insight.tags.includes(tag))
  );
}

const NO_FILTERS: TimelineFilters = { favorite: false, status: null, categoryId: null, tags: [] };

@Component({
  selector: 'app-timeline-page',
  imports: [InsightCard, MatButton, MatChipListbox, MatChipOption, MatIcon, MatProgressBar, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './timeline-page.html',
  styleUrl: './timeline-page.scss',
})
export class TimelinePage {
  private readonly insights = inject(InsightsService);
  private readonly injector = inject(Injector);
  private readonly capture = inject(CaptureLauncher);
  protected readonly categories = inject(CategoriesStore);
  private readonly transloco = inject(TranslocoService);
  protected readonly statuses = Object.entries(STATUS_LABELS) as [InsightStatus, string][];
  protected readonly topTags = toSignal(
    inject(TagsService)
      .list()
      .pipe(catchError(() => of([]))),
    {
      initialValue: [],
    },
  );

  protected readonly filters = signal<TimelineFilters>(NO_FILTERS);
  protected readonly items = signal<Insight[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly loadedOnce = signal(false);
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.favorite || f.status !== null || f.categoryId !== null || f.tags.length > 0;
  });
  private request?: Subscription;
  private readonly sentinel = viewChild<ElementRef<HTMLElement>>('sentinel');

  constructor() {
    void this.categories.load().catch(() => undefined);
    effect(() => {
      const filters = this.filters();
      untracked(() => this.reload(filters));
    });
    // The worker finished an insight on screen: show its new state without a reload.
    inject(LiveEvents)
      .events$.pipe(
        filter(insightAnalysed),
        filter((event) => this.items().some((item) => item.id === event.insightId)),
        mergeMap((event) => this.insights.get(event.insightId).pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(),
      )
      .subscribe((updated) =>
        this.items.update((items) => items.map((i) => (i.id === updated.id ? updated : i))),
      );
    this.insights.created$.pipe(takeUntilDestroyed()).subscribe((insight) => {
      if (matchesFilters(insight, this.filters())) this.items.update((items) => [insight, ...items]);
    });
    // Infinite scroll: load the next page when the end of the list comes into view.
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.loadMore();
      });
      const stop = effect(
        () => {
          const element = this.sentinel()?.nativeElement;
          observer.disconnect();
          if (element) observer.observe(element);
        },
        { injector: this.injector },
      );
      destroyRef.onDestroy(() => {
        stop.destroy();
        observer.disconnect();
      });
    });
  }

  protected openCapture(): void {
    void this.capture.open();
  }

  protected setFavourite(selected: boolean): void {
    this.filters.update((f) => ({ ...f, favorite: selected }));
  }

  protected setStatus(change: MatChipListboxChange): void {
    this.filters.update((f) => ({ ...f, status: (change.value as InsightStatus | undefined) ?? null }));
  }

  protected setCategory(change: MatChipListboxChange): void {
    this.filters.update((f) => ({ ...f, categoryId: (change.value as string | undefined) ?? null }));
  }

  protected setTags(change: MatChipListboxChange): void {
    this.filters.update((f) => ({ ...f, tags: (change.value as string[] | undefined) ?? [] }));
  }

  protected clearFilters(): void {
    this.filters.set(NO_FILTERS);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) this.fetch(this.filters(), cursor);
  }

  protected retry(): void {
    this.reload(this.filters());
  }

  private reload(filters: TimelineFilters): void {
    this.items.set([]);
    this.nextCursor.set(null);
    this.fetch(filters);
  }

  private fetch(filters: TimelineFilters, cursor?: string): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.request = this.insights.list(toListQuery(filters, cursor)).subscribe({
      next: (page) => {
        this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loadedOnce.set(true);
      },
      error: (error: unknown) => {
        this.error.set(describeError(error, this.transloco.translate('timeline.loadFailed')));
        this.loading.set(false);
      },
    });
  }
}
