import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Insight, ReviewGrade, ReviewItem, ReviewQueue, ReviewState } from '@insight/contracts';
import {
  CategoriesRepository,
  gradeReviewCard,
  InsightsRepository,
  newReviewCard,
  ReviewRepository,
  toInsight,
  toReviewState,
} from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { insightNotFound } from '../common/insight-problems';

const ON_THIS_DAY_LIMIT = 10;
/** Due schedules read per request, for the mix across categories and for trashed/opted-out ones skipped. */
const CANDIDATES_PER_SLOT = 4;

/** End of the current UTC day: "due today" includes everything due before tomorrow. */
function endOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - 1);
}

/** Round-robin over categories (each in due order), so one busy category does not fill the list. */
export function mixAcrossCategories<T>(items: T[], categoryOf: (item: T) => string, limit: number): T[] {
  const queues = new Map<string, T[]>();
  for (const item of items) {
    const key = categoryOf(item);
    queues.set(key, [...(queues.get(key) ?? []), item]);
  }
  const mixed: T[] = [];
  while (mixed.length < limit && queues.size > 0) {
    for (const [key, queue] of queues) {
      const next = queue.shift();
      if (next) mixed.push(next);
      if (queue.length === 0) queues.delete(key);
      if (mixed.length === limit) break;
    }
  }
  return mixed;
}

/** Resurfacing: what is due, "on this day", grading and opt-outs. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly insights: InsightsRepository,
    private readonly categories: CategoriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queue(userId: string, now = new Date()): Promise<ReviewQueue> {
    // New insights enter the schedule here too, not only at the daily refresh.
    await this.reviews.enrolNew(userId, now);
    const limit = this.config.REVIEW_DAILY_LIMIT;
    const [candidates, optedOutCategories, onThisDay] = await Promise.all([
      this.reviews.due(userId, endOfDay(now), limit * CANDIDATES_PER_SLOT),
      this.reviews.optedOutCategories(userId),
      this.reviews.onThisDay(userId, now, ON_THIS_DAY_LIMIT * 2),
    ]);
    const excluded = new Set(optedOutCategories.map((id) => id.toHexString()));
    const shown = (insight: Insight) => !insight.categoryId || !excluded.has(insight.categoryId);
    // Trashed insights keep their schedule (a restore brings it back) but never show.
    const active = await this.insights.findManyOwned(
      userId,
      candidates.map((state) => state._id.toHexString()),
    );
    const byId = new Map(active.map((insight) => [insight.id, insight]));
    const items: ReviewItem[] = candidates.flatMap((state) => {
      const insight = byId.get(state._id.toHexString());
      return insight && shown(insight) ? [{ insight, review: toReviewState(state) }] : [];
    });
    const optedOutInsights = new Set(
      (
        await this.reviews.findMany(
          userId,
          onThisDay.map((doc) => doc._id.toHexString()),
        )
      )
        .filter((state) => state.optedOut)
        .map((state) => state._id.toHexString()),
    );
    return {
      due: mixAcrossCategories(items, (item) => item.insight.categoryId ?? '', limit),
      onThisDay: onThisDay
        .map(toInsight)
        .filter((insight) => shown(insight) && !optedOutInsights.has(insight.id))
        .slice(0, ON_THIS_DAY_LIMIT)
        .map((insight) => ({
          insight,
          yearsAgo: now.getUTCFullYear() - new Date(insight.createdAt).getUTCFullYear(),
        })),
    };
  }

  /** The insight's schedule (scheduled now if it had none). */
  async state(userId: string, insightId: string): Promise<ReviewState> {
    const insight = await this.ownInsight(userId, insightId);
    const current = await this.reviews.find(userId, insightId);
    if (current) return toReviewState(current);
    return toReviewState(
      await this.reviews.save(userId, insightId, newReviewCard(new Date(insight.createdAt))),
    );
  }

  /** Records a review and schedules the next one. */
  async grade(userId: string, insightId: string, grade: ReviewGrade, now = new Date()): Promise<ReviewState> {
    const insight = await this.ownInsight(userId, insightId);
    const current = await this.reviews.find(userId, insightId);
    const card = current ?? newReviewCard(new Date(insight.createdAt), now);
    return toReviewState(await this.reviews.save(userId, insightId, gradeReviewCard(card, grade, now)));
  }

  async setInsightOptOut(userId: string, insightId: string, optedOut: boolean): Promise<ReviewState> {
    const insight = await this.ownInsight(userId, insightId);
    return toReviewState(
      await this.reviews.setOptOut(userId, insightId, new Date(insight.createdAt), optedOut),
    );
  }

  async setCategoryOptOut(userId: string, categoryId: string, optedOut: boolean): Promise<void> {
    if (!(await this.categories.isOwned(userId, categoryId))) {
      throw new NotFoundException(`You have no category ${categoryId}.`);
    }
    await this.reviews.setCategoryOptOut(userId, categoryId, optedOut);
  }

  async optedOutCategories(userId: string): Promise<string[]> {
    return (await this.reviews.optedOutCategories(userId)).map((id) => id.toHexString());
  }

  private async ownInsight(userId: string, insightId: string): Promise<Insight> {
    const insight = await this.insights.findOwned(userId, insightId);
    if (!insight) throw insightNotFound(insightId);
    return insight;
  }
}
