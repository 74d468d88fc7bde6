import type { Insight } from '../insights/insight';

export const REVIEW_GRADES = ['again', 'hard', 'good', 'easy'] as const;
/** How well the user remembered an insight when it came up for review. */
export type ReviewGrade = (typeof REVIEW_GRADES)[number];

/** An insight's place in the review schedule (FSRS parameters). */
export interface ReviewState {
  insightId: string;
  /** ISO 8601: when it comes up next. */
  dueAt: string;
  /** Days between the last review and `dueAt` (0 before the first review). */
  intervalDays: number;
  /** FSRS memory stability (days until recall probability falls to 90%). */
  stability: number;
  /** FSRS difficulty, 1 (easy) to 10 (hard). */
  difficulty: number;
  reps: number;
  lapses: number;
  lastReviewedAt: string | null;
  /** Left out of review (the insight itself; its category may be opted out too). */
  optedOut: boolean;
}

/** One due insight. */
export interface ReviewItem {
  insight: Insight;
  review: ReviewState;
}

/** An insight written on this month and day in an earlier year. */
export interface OnThisDayItem {
  insight: Insight;
  yearsAgo: number;
}

/** `GET /api/v1/review`: what is due today (capped, mixed across categories) and "on this day". */
export interface ReviewQueue {
  due: ReviewItem[];
  onThisDay: OnThisDayItem[];
}

/** `POST /api/v1/review/:insightId`. */
export interface GradeReviewRequest {
  grade: ReviewGrade;
}

/** `GET /api/v1/review/opt-outs`: categories left out of review. */
export interface ReviewOptOuts {
  categoryIds: string[];
}
