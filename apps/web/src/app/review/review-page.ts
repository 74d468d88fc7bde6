import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { REVIEW_GRADES, type ReviewGrade } from '@insight/contracts';
import { renderMarkdown } from '../core/safe-html';
import { LocalDatePipe, RelativeTimePipe } from '../i18n/dates';
import { plural } from '../i18n/plural';
import { RelationshipTypePipe } from '../i18n/relationship-type.pipe';
import { gradeForKey, ReviewStore } from './review.store';

/** Review: today's due insights one at a time (grade with the buttons or keys 1–4), "on this day", the latest digest. */
@Component({
  selector: 'app-review-page',
  imports: [
    LocalDatePipe,
    MatButton,
    MatIcon,
    MatProgressBar,
    RelationshipTypePipe,
    RelativeTimePipe,
    RouterLink,
    TranslocoPipe,
  ],
  providers: [ReviewStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-page.html',
  styleUrl: './review-page.scss',
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class ReviewPage {
  protected readonly store = inject(ReviewStore);
  protected readonly grades = REVIEW_GRADES;
  protected readonly plural = plural;
  protected readonly html = computed(() => {
    const item = this.store.current();
    return item ? renderMarkdown(item.insight.content) : '';
  });
  /** The digest's period ends exclusively; people read the last day included. */
  protected readonly digestLastDay = computed(() => {
    const digest = this.store.digest();
    return digest ? new Date(Date.parse(digest.periodEnd) - 1) : null;
  });

  constructor() {
    void this.store.load();
    void this.store.loadDigest();
  }

  protected grade(grade: ReviewGrade): void {
    void this.store.grade(grade);
  }

  protected retry(): void {
    void this.store.load();
  }

  /** 1–4 grade the current item, unless the user is typing or holds a modifier. */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"], [role="combobox"]')) return;
    if (target?.closest('.cdk-overlay-container')) return;
    const grade = gradeForKey(event.key);
    if (!grade || !this.store.current()) return;
    event.preventDefault();
    this.grade(grade);
  }
}
