import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatOption, MatSelect } from '@angular/material/select';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import {
  RELATIONSHIP_VOCABULARY,
  type RelationshipSuggestion,
  type RelationshipType,
} from '@insight/contracts';
import { filter, firstValueFrom } from 'rxjs';
import { SuggestionsService } from '../core/data/suggestions.service';
import { LiveEvents } from '../core/live-events';
import { describeError } from '../core/problems';
import { renderMarkdown } from '../core/safe-html';
import { RelationshipTypePipe } from '../i18n/relationship-type.pipe';

interface ShownSuggestion {
  suggestion: RelationshipSuggestion;
  /** The type the user picked; the proposed one until they change it. */
  type: RelationshipType;
  reasons: SafeHtml;
}

/** Suggested links of an insight, with the reasons; each accepted as a chosen type or rejected. */
@Component({
  selector: 'app-suggestion-list',
  imports: [MatButton, MatOption, MatSelect, RelationshipTypePipe, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error()) {
      <p class="error-message" role="alert">{{ error() }}</p>
    }
    <ul class="suggestions">
      @for (item of items(); track item.suggestion.id) {
        <li>
          <div class="head">
            <a [routerLink]="['/insights', item.suggestion.relatedInsight.id]">{{
              item.suggestion.relatedInsight.title
            }}</a>
            <span class="score">{{
              'suggest.match' | transloco: { percent: percent(item.suggestion.score) }
            }}</span>
          </div>
          <div class="reasons" [innerHTML]="item.reasons"></div>
          <div class="actions">
            <mat-select
              class="type"
              [value]="item.type"
              (selectionChange)="choose(item, $event.value)"
              [aria-label]="'suggest.typeFor' | transloco: { title: item.suggestion.relatedInsight.title }"
            >
              @for (info of vocabulary; track info.type) {
                <mat-option [value]="info.type">{{ info.type | relationshipType: info.label }}</mat-option>
              }
            </mat-select>
            <button mat-flat-button type="button" (click)="accept(item)" [disabled]="busy()">
              {{ 'suggest.accept' | transloco
              }}<span class="visually-hidden"> {{ item.suggestion.relatedInsight.title }}</span>
            </button>
            <button mat-button type="button" (click)="reject(item)" [disabled]="busy()">
              {{ 'suggest.reject' | transloco
              }}<span class="visually-hidden"> {{ item.suggestion.relatedInsight.title }}</span>
            </button>
          </div>
        </li>
      } @empty {
        @if (loaded()) {
          <li class="muted">{{ 'suggest.none' | transloco }}</li>
        }
      }
    </ul>
  `,
  styles: `
    .suggestions {
      margin: 0;
      padding: 0;
      list-style: none;
      > li {
        padding-block: 8px;
        border-block-end: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: baseline;
    }
    .score,
    .muted,
    .reasons {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .reasons :first-child {
      margin-block-start: 4px;
    }
    .reasons :last-child {
      margin-block-end: 4px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .type {
      width: 160px;
    }
  `,
})
export class SuggestionList {
  readonly insightId = input.required<string>();
  /** A suggestion became a relationship: the page re-reads its links. */
  readonly accepted = output<void>();

  private readonly api = inject(SuggestionsService);
  private readonly transloco = inject(TranslocoService);
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly vocabulary = RELATIONSHIP_VOCABULARY;
  protected readonly items = signal<ShownSuggestion[]>([]);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.insightId();
      untracked(() => this.load(id));
    });
    // New suggestions for this insight arrive while the page is open.
    inject(LiveEvents)
      .events$.pipe(
        filter((event) => event.type === 'suggestions.created' && event.insightId === this.insightId()),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.load(this.insightId()));
  }

  protected percent(score: number): string {
    return `${Math.round(score * 100)}%`;
  }

  protected choose(item: ShownSuggestion, type: RelationshipType): void {
    this.items.update((items) => items.map((i) => (i === item ? { ...i, type } : i)));
  }

  protected async accept(item: ShownSuggestion): Promise<void> {
    await this.decide(
      item,
      async () => {
        await firstValueFrom(this.api.accept(item.suggestion, item.type));
        this.accepted.emit();
      },
      this.transloco.translate('suggest.acceptFailed'),
    );
  }

  protected async reject(item: ShownSuggestion): Promise<void> {
    await this.decide(
      item,
      async () => {
        await firstValueFrom(this.api.reject(item.suggestion.id));
      },
      this.transloco.translate('suggest.rejectFailed'),
    );
  }

  private load(insightId: string): void {
    this.api.list(insightId).subscribe({
      next: (page) => {
        // A reload (a live event) keeps the types the user already chose.
        const chosen = new Map(this.items().map((item) => [item.suggestion.id, item.type]));
        this.items.set(
          page.items.map((suggestion) => ({
            suggestion,
            type: chosen.get(suggestion.id) ?? suggestion.type,
            // Reasons are Markdown from the worker; rendered and sanitised like insight content.
            reasons: this.sanitizer.bypassSecurityTrustHtml(
              renderMarkdown(suggestion.reasons.map((r) => `- ${r}`).join('\n')),
            ),
          })),
        );
        this.loaded.set(true);
      },
      error: (error: unknown) =>
        this.error.set(describeError(error, this.transloco.translate('suggest.loadFailed'))),
    });
  }

  private async decide(item: ShownSuggestion, action: () => Promise<void>, failure: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
      this.items.update((items) => items.filter((i) => i !== item));
    } catch (error) {
      this.error.set(describeError(error, failure));
    } finally {
      this.busy.set(false);
    }
  }
}
