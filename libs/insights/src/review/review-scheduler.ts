import { createEmptyCard, type Card, fsrs, generatorParameters, Rating, type Grade } from 'ts-fsrs';
import type { ReviewGrade } from '@insight/contracts';

/** The FSRS card of one insight, as stored (see review-state.schema). */
export interface ReviewCard {
  dueAt: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReviewedAt: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Insights are resurfaced over days, not drilled like flashcards: no same-day learning steps
 * (every interval is whole days), and fuzz spreads insights graded together over nearby days.
 */
const scheduler = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: true }));

const RATINGS: Record<ReviewGrade, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** A new insight's card: first due a day after it was written (or now, for older ones enrolled late). */
export function newReviewCard(createdAt: Date, now = new Date()): ReviewCard {
  const dueAt = new Date(Math.max(createdAt.getTime() + DAY_MS, now.getTime()));
  return { ...fromCard(createEmptyCard(now)), dueAt };
}

/** The card after the user graded it at `now`. */
export function gradeReviewCard(card: ReviewCard, grade: ReviewGrade, now = new Date()): ReviewCard {
  return fromCard(scheduler.next(toCard(card), now, RATINGS[grade]).card);
}

function toCard(card: ReviewCard): Card {
  return {
    due: card.dueAt,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0, // derived by ts-fsrs from last_review
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReviewedAt ?? undefined,
  };
}

function fromCard(card: Card): ReviewCard {
  return {
    dueAt: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReviewedAt: card.last_review ?? null,
  };
}
