import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Category, Insight } from '@insight/contracts';
import { LocalDatePipe, RelativeTimePipe } from '../i18n/dates';

/** The first lines of Markdown as plain text, for a card. */
export function excerpt(markdown: string, maxLength = 220): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}

export const STATUS_LABELS = {
  pending: 'status.pending',
  processed: 'status.processed',
  failed: 'status.failed',
} as const;

@Component({
  selector: 'app-insight-card',
  imports: [LocalDatePipe, MatIcon, RelativeTimePipe, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article
      class="card"
      [style.--category-colour]="category()?.colour ?? null"
      [attr.aria-labelledby]="'card-' + insight().id"
    >
      <h2 class="title" [id]="'card-' + insight().id">
        <a [routerLink]="['/insights', insight().id]">{{ insight().title }}</a>
        @if (insight().favorite) {
          <mat-icon class="favourite" [attr.aria-label]="'timeline.favourite' | transloco" role="img"
            >star</mat-icon
          >
        }
      </h2>
      @if (text()) {
        <p class="text">{{ text() }}</p>
      }
      <div class="meta">
        @if (category(); as c) {
          <span class="category"><span class="swatch" aria-hidden="true"></span>{{ c.name }}</span>
        }
        @for (tag of insight().tags; track tag) {
          <span class="tag">#{{ tag }}</span>
        }
        <span class="status" [class]="'status status-' + insight().status">{{
          statusLabel() | transloco
        }}</span>
        <time
          [attr.datetime]="insight().createdAt"
          [attr.title]="insight().createdAt | localDate: 'medium'"
          >{{ insight().createdAt | relativeTime }}</time
        >
      </div>
    </article>
  `,
  styles: `
    .card {
      position: relative;
      padding: 12px 16px 12px 20px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      border-inline-start: 6px solid var(--category-colour, var(--mat-sys-outline-variant));
    }
    .title {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
      a {
        color: inherit;
        text-decoration: none;
        overflow-wrap: anywhere;
      }
      a:hover {
        text-decoration: underline;
      }
      a::after {
        content: '';
        position: absolute;
        inset: 0;
      }
    }
    .favourite {
      color: var(--mat-sys-tertiary);
    }
    .text {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      margin-inline-end: 4px;
      border-radius: 50%;
      background: var(--category-colour);
    }
    .status-pending {
      color: var(--mat-sys-primary);
    }
    .status-failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class InsightCard {
  readonly insight = input.required<Insight>();
  readonly category = input<Category | undefined>();
  protected readonly text = computed(() => excerpt(this.insight().content));
  protected readonly statusLabel = computed(() => STATUS_LABELS[this.insight().status]);
}
