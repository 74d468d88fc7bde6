import { gradeReviewCard, newReviewCard } from './review-scheduler';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-03-10T09:00:00.000Z');
const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY;

describe('review scheduler (FSRS)', () => {
  it('puts a new insight up for review a day after it was written', () => {
    const card = newReviewCard(now, now);
    expect(card.dueAt).toEqual(new Date(now.getTime() + DAY));
    expect(card).toMatchObject({ reps: 0, lapses: 0, lastReviewedAt: null });
  });

  it('puts an old insight enrolled late up for review now, not in the past', () => {
    expect(newReviewCard(new Date('2020-01-01'), now).dueAt).toEqual(now);
  });

  it('orders the next interval by grade: again < hard < good < easy, in whole days', () => {
    const card = newReviewCard(new Date(now.getTime() - DAY), now);
    const next = (['again', 'hard', 'good', 'easy'] as const).map((grade) =>
      days(now, gradeReviewCard(card, grade, now).dueAt),
    );
    expect(next[0]).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < next.length; i++) expect(next[i]).toBeGreaterThan(next[i - 1]);
    next.forEach((interval) => expect(Number.isInteger(interval)).toBe(true));
  });

  it('grows the interval with each good review and shrinks it after a lapse', () => {
    let card = newReviewCard(now, now);
    let at = card.dueAt;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      card = gradeReviewCard(card, 'good', at);
      intervals.push(days(at, card.dueAt));
      at = card.dueAt;
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1]);
    expect(card.reps).toBe(4);

    const lapsed = gradeReviewCard(card, 'again', at);
    expect(lapsed.lapses).toBe(1);
    expect(days(at, lapsed.dueAt)).toBeLessThan(intervals[intervals.length - 1]);
    expect(lapsed.stability).toBeLessThan(card.stability);
    expect(lapsed.lastReviewedAt).toEqual(at);
  });
});
