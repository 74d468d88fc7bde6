import { computed, inject, Injectable, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import {
  type Digest,
  type OnThisDayItem,
  REVIEW_GRADES,
  type ReviewGrade,
  type ReviewItem,
  type ReviewState,
} from '@insight/contracts';
import { firstValueFrom } from 'rxjs';
import { ReviewService } from '../core/data/review.service';
import { describeError } from '../core/problems';

/** The last grade given, so the page can say when that insight comes back. */
export interface GradedItem {
  insightId: string;
  title: string;
  grade: ReviewGrade;
  next: ReviewState;
}

/** Keys 1–4 grade again/hard/good/easy, in the order of the buttons. */
export function gradeForKey(key: string): ReviewGrade | null {
  const index = ['1', '2', '3', '4'].indexOf(key);
  return index < 0 ? null : REVIEW_GRADES[index];
}

/**
 * One review session: the due queue shown one at a time, the grading, "on this day" and the
 * latest digest. Provided by the review page, so each visit starts from the server's queue.
 */
@Injectable()
export class ReviewStore {
  private readonly api = inject(ReviewService);
  private readonly transloco = inject(TranslocoService);

  readonly loading = signal(true);
  readonly error = signal<string | null>(null);
  readonly due = signal<ReviewItem[]>([]);
  readonly onThisDay = signal<OnThisDayItem[]>([]);
  readonly current = computed(() => this.due()[0] ?? null);
  readonly reviewed = signal(0);
  readonly lastGraded = signal<GradedItem | null>(null);
  readonly busy = signal(false);
  readonly gradeError = signal<string | null>(null);

  readonly digest = signal<Digest | null>(null);
  readonly digestLoading = signal(true);
  readonly digestError = signal<string | null>(null);

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const queue = await firstValueFrom(this.api.queue());
      this.due.set(queue.due);
      this.onThisDay.set(queue.onThisDay);
    } catch (error) {
      this.error.set(describeError(error, this.t('review.loadFailed')));
    } finally {
      this.loading.set(false);
    }
  }

  async loadDigest(): Promise<void> {
    this.digestLoading.set(true);
    this.digestError.set(null);
    try {
      this.digest.set(await firstValueFrom(this.api.latestDigest()));
    } catch (error) {
      this.digestError.set(describeError(error, this.t('review.digestFailed')));
    } finally {
      this.digestLoading.set(false);
    }
  }

  /** Grades the current item; on success it leaves the queue and the next one shows. */
  async grade(grade: ReviewGrade): Promise<void> {
    const item = this.current();
    if (!item || this.busy()) return;
    this.busy.set(true);
    this.gradeError.set(null);
    try {
      const next = await firstValueFrom(this.api.grade(item.insight.id, grade));
      this.due.update((due) => due.filter((other) => other.insight.id !== item.insight.id));
      this.reviewed.update((count) => count + 1);
      this.lastGraded.set({ insightId: item.insight.id, title: item.insight.title, grade, next });
    } catch (error) {
      // The item stays current, so the user can try again.
      this.gradeError.set(describeError(error, this.t('review.gradeFailed')));
    } finally {
      this.busy.set(false);
    }
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.transloco.translate(key, params);
  }
}
