import { formatDate, registerLocaleData } from '@angular/common';
import localePt from '@angular/common/locales/pt';
import { ChangeDetectorRef, inject, Pipe, type PipeTransform } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';

// English locale data ships with Angular; Portuguese is registered here (a few KB) so dates follow
// the chosen language without an Angular LOCALE_ID rebuild.
registerLocaleData(localePt, 'pt');

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", "in 2 hours", "now" in `language`; the largest unit that fits at least once. */
export function relativeTime(value: Date | string | number, language: string, now = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(
        unit === 'second' && Math.abs(seconds) < 10 ? 0 : Math.trunc(seconds / size),
        unit,
      );
    }
  }
  return format.format(0, 'second');
}

/** A date in `language`'s own format (Angular's locale data), e.g. "30 Nov 2026" / "30/11/2026". */
export function localDate(value: Date | string | number, format: string, language: string): string {
  return formatDate(value, format, language === 'pt' ? 'pt' : 'en');
}

/**
 * Base of the pipes that format in code: impure so they follow a language switch (and its lazy
 * texts), but each recomputes only when the value, the format or the language changed.
 */
export abstract class LanguageAwarePipe {
  protected readonly transloco = inject(TranslocoService);
  protected language = this.transloco.getActiveLang();
  private last?: { key: string; text: string };

  constructor() {
    const changes = inject(ChangeDetectorRef);
    this.transloco.langChanges$.pipe(takeUntilDestroyed()).subscribe((language) => {
      this.language = language;
      changes.markForCheck();
    });
  }

  protected memo(key: string, compute: () => string): string {
    const full = `${this.language}|${key}`;
    if (this.last?.key !== full) this.last = { key: full, text: compute() };
    return this.last.text;
  }
}

/** `{{ insight.createdAt | localDate }}`: the date in the active language's format. */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe extends LanguageAwarePipe implements PipeTransform {
  transform(value: Date | string | number | null | undefined, format = 'mediumDate'): string {
    if (value === null || value === undefined || value === '') return '';
    return this.memo(`${String(value)}|${format}`, () => localDate(value, format, this.language));
  }
}

/**
 * `{{ insight.createdAt | relativeTime }}`: "3 days ago" in the active language. Computed at
 * render; pages that stay open long re-render on their own events.
 */
@Pipe({ name: 'relativeTime', pure: false })
export class RelativeTimePipe extends LanguageAwarePipe implements PipeTransform {
  transform(value: Date | string | number | null | undefined): string {
    if (value === null || value === undefined || value === '') return '';
    // Minute granularity in the memo key, so "2 minutes ago" moves on when a render happens.
    const minute = Math.floor(Date.now() / 60_000);
    return this.memo(`${String(value)}|${minute}`, () => relativeTime(value, this.language));
  }
}
