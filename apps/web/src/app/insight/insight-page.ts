import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { GraphView, Insight, Page, RelationshipFromInsight } from '@insight/contracts';
import { catchError, EMPTY, filter, firstValueFrom, forkJoin, of, switchMap } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { insightAnalysed, LiveEvents } from '../core/live-events';
import { CategoriesStore } from '../core/data/categories.store';
import { InsightsService } from '../core/data/insights.service';
import { applyProblem, describeError } from '../core/problems';
import { renderMarkdown } from '../core/safe-html';
import { LocalDatePipe, RelativeTimePipe } from '../i18n/dates';
import { injectTranslate, LanguageService } from '../i18n/i18n';
import { STATUS_LABELS } from './insight-card';
import { InsightEditor } from './insight-editor';
import { createInsightForm, draftOf, type InsightForm, toRequest } from './insight-form';
import { LocalGraph } from '../graph/local-graph';
import { LinkInsightForm } from './link-insight-form';
import { SuggestionList } from './suggestion-list';
import { analysisEntries, groupRelationships } from './relationship-groups';

const NO_LINKS: Page<RelationshipFromInsight> = { items: [], nextCursor: null };

type LoadState =
  { kind: 'loading' } | { kind: 'loaded' } | { kind: 'missing' } | { kind: 'failed'; message: string };

@Component({
  selector: 'app-insight-page',
  imports: [
    LocalDatePipe,
    RelativeTimePipe,
    TranslocoPipe,
    InsightEditor,
    LocalGraph,
    LinkInsightForm,
    MatButton,
    MatIcon,
    MatIconButton,
    MatProgressBar,
    ReactiveFormsModule,
    RouterLink,
    SuggestionList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './insight-page.html',
  styleUrl: './insight-page.scss',
})
export class InsightPage {
  readonly id = input.required<string>();

  private readonly insights = inject(InsightsService);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly t = injectTranslate();
  private readonly language = inject(LanguageService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly categories = inject(CategoriesStore);

  protected readonly state = signal<LoadState>({ kind: 'loading' });
  protected readonly insight = signal<Insight | null>(null);
  private readonly relationships = signal<RelationshipFromInsight[]>([]);
  /** Where the next page of links starts; null when all are shown. */
  protected readonly moreLinks = signal<string | null>(null);
  protected readonly loadingLinks = signal(false);
  protected readonly neighbours = signal<GraphView | null>(null);
  protected readonly depth = signal<1 | 2>(1);
  protected readonly editing = signal<InsightForm | null>(null);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);
  protected readonly conflict = signal(false);

  protected readonly html = computed<SafeHtml>(() =>
    // DOMPurify has already sanitised it; Angular's own pass would only strip more.
    this.sanitizer.bypassSecurityTrustHtml(renderMarkdown(this.insight()?.content ?? '')),
  );
  protected readonly category = computed(() => this.categories.byId().get(this.insight()?.categoryId ?? ''));
  protected readonly statusLabel = computed(() => STATUS_LABELS[this.insight()?.status ?? 'pending']);
  protected readonly analysis = computed(() =>
    analysisEntries(this.insight()?.analysis ?? null, this.t(), this.language.language()),
  );
  /** Titles of linked insights the graph does not know yet (it lags new links by a moment). */
  private readonly lateTitles = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly groups = computed(() => {
    const titles = new Map(this.lateTitles());
    for (const node of this.neighbours()?.nodes ?? []) titles.set(node.id, node.title);
    return groupRelationships(this.relationships(), titles, this.t());
  });

  constructor() {
    void this.categories.load().catch(() => undefined);
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    // Analysis finished while this page is open: show it (unless the user is editing).
    inject(LiveEvents)
      .events$.pipe(
        filter(insightAnalysed),
        filter((event) => event.insightId === this.id() && !this.editing()),
        switchMap((event) => this.insights.get(event.insightId).pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(),
      )
      .subscribe((insight) => this.insight.set(insight));
  }

  protected load(id = this.id()): void {
    this.state.set({ kind: 'loading' });
    this.editing.set(null);
    this.conflict.set(false);
    this.depth.set(1);
    forkJoin({
      insight: this.insights.get(id),
      relationships: this.insights.relationships(id).pipe(catchError(() => of(NO_LINKS))),
      // Titles of linked insights; the graph may lag a fresh insight, so its absence is no error.
      neighbours: this.insights.neighborhood(id).pipe(catchError(() => of(null))),
    }).subscribe({
      next: ({ insight, relationships, neighbours }) => {
        this.insight.set(insight);
        this.relationships.set(relationships.items);
        this.moreLinks.set(relationships.nextCursor);
        this.neighbours.set(neighbours);
        this.state.set({ kind: 'loaded' });
        this.fetchLateTitles(relationships.items, neighbours);
      },
      error: (error: unknown) =>
        this.state.set(
          error instanceof HttpErrorResponse && error.status === HttpStatusCode.NotFound
            ? { kind: 'missing' }
            : {
                kind: 'failed',
                message: describeError(error, this.transloco.translate('insight.loadFailed')),
              },
        ),
    });
  }

  protected startEditing(): void {
    const insight = this.insight();
    if (insight) this.editing.set(createInsightForm(draftOf(insight)));
  }

  protected cancelEditing(): void {
    this.editing.set(null);
    this.actionError.set(null);
  }

  protected async saveEdit(): Promise<void> {
    const form = this.editing();
    const insight = this.insight();
    if (!form || !insight) return;
    form.markAllAsTouched();
    if (form.invalid) return;
    await this.run(
      async () => {
        this.insight.set(await firstValueFrom(this.insights.update(insight, toRequest(form.getRawValue()))));
        this.editing.set(null);
      },
      this.transloco.translate('insight.notSaved'),
      form,
    );
  }

  protected async toggleFavourite(): Promise<void> {
    const insight = this.insight();
    if (!insight) return;
    await this.run(async () => {
      this.insight.set(await firstValueFrom(this.insights.update(insight, { favorite: !insight.favorite })));
    }, this.transloco.translate('insight.favouriteFailed'));
  }

  protected async delete(): Promise<void> {
    const insight = this.insight();
    if (!insight) return;
    await this.run(async () => {
      await firstValueFrom(this.insights.trash(insight.id));
      await this.router.navigateByUrl('/');
      this.snackBar
        .open(
          this.transloco.translate('insight.trashed', { title: insight.title }),
          this.transloco.translate('insight.undo'),
          { duration: 8000 },
        )
        .onAction()
        .subscribe(() => {
          this.insights.restore(insight.id).subscribe({
            next: () => void this.router.navigate(['/insights', insight.id]),
            error: (error: unknown) =>
              this.snackBar.open(
                describeError(error, this.transloco.translate('insight.restoreFailed')),
                this.transloco.translate('insight.close'),
              ),
          });
        });
    }, this.transloco.translate('insight.deleteFailed'));
  }

  /**
   * Usually the neighbourhood names every linked insight in one call; only links the graph has
   * not synced yet (just made, or Neo4j catching up) are read one by one, at most a few.
   */
  private fetchLateTitles(relationships: RelationshipFromInsight[], neighbours: GraphView | null): void {
    const known = new Set((neighbours?.nodes ?? []).map((node) => node.id));
    const missing = [...new Set(relationships.map((r) => r.otherInsightId))]
      .filter((id) => !known.has(id))
      .slice(0, 10);
    this.lateTitles.set(new Map());
    if (missing.length === 0) return;
    forkJoin(missing.map((id) => this.insights.get(id).pipe(catchError(() => of(null))))).subscribe((found) =>
      this.lateTitles.set(new Map(found.filter((i): i is Insight => i !== null).map((i) => [i.id, i.title]))),
    );
  }

  /** Appends the next page of links (an insight may have thousands). */
  protected loadMoreLinks(): void {
    const cursor = this.moreLinks();
    if (!cursor || this.loadingLinks()) return;
    this.loadingLinks.set(true);
    this.insights.relationships(this.id(), cursor).subscribe({
      next: (page) => {
        this.relationships.update((links) => [...links, ...page.items]);
        this.moreLinks.set(page.nextCursor);
        this.loadingLinks.set(false);
      },
      error: () => {
        this.loadingLinks.set(false);
        this.snackBar.open(this.transloco.translate('insight.linksFailed'), undefined, { duration: 5000 });
      },
    });
  }

  /** Shows one or two hops around the insight. */
  protected setDepth(depth: 1 | 2): void {
    const insight = this.insight();
    if (!insight || depth === this.depth()) return;
    this.depth.set(depth);
    this.insights
      .neighborhood(insight.id, depth)
      .pipe(catchError(() => of(null)))
      .subscribe((view) => view && this.neighbours.set(view));
  }

  protected linked(): void {
    this.load();
  }

  private async run(action: () => Promise<void>, failure: string, form?: InsightForm): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    this.conflict.set(false);
    try {
      await action();
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.PreconditionFailed) {
        this.conflict.set(true);
        this.actionError.set(
          `${failure}: this insight changed since you opened it (perhaps in another tab).`,
        );
      } else {
        this.actionError.set(form ? applyProblem(form, error, failure) : describeError(error, failure));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
