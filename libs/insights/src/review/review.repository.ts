import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import type { ReviewState } from '@insight/contracts';
import { findByIds } from '../common/find-by-ids';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId, userObjectId } from '../common/object-id';
import { InsightEntity } from '../insights/insight.schema';
import { newReviewCard, type ReviewCard } from './review-scheduler';
import { ReviewSettingsEntity, ReviewStateEntity } from './review-state.schema';

/** Most new insights one enrolment call schedules; the next call continues. */
const ENROL_BATCH = 500;
/** How many earlier years "on this day" looks back at most. */
const ON_THIS_DAY_YEARS = 30;
const DAY_MS = 24 * 3600 * 1000;

export function toReviewState(doc: ReviewStateEntity): ReviewState {
  const last = doc.lastReviewedAt;
  return {
    insightId: doc._id.toHexString(),
    dueAt: doc.dueAt.toISOString(),
    intervalDays: last ? Math.round((doc.dueAt.getTime() - last.getTime()) / DAY_MS) : 0,
    stability: doc.stability,
    difficulty: doc.difficulty,
    reps: doc.reps,
    lapses: doc.lapses,
    lastReviewedAt: last ? last.toISOString() : null,
    optedOut: doc.optedOut,
  };
}

/** What enrolment or reconciliation changed. */
export interface ReviewRefreshTally {
  enrolled: number;
  removed: number;
}

/** Review schedules (one per insight) and per-user review settings, always scoped to the owner. */
@Injectable()
export class ReviewRepository {
  constructor(
    @InjectModel(ReviewStateEntity.name) private readonly states: Model<ReviewStateEntity>,
    @InjectModel(ReviewSettingsEntity.name) private readonly settings: Model<ReviewSettingsEntity>,
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
  ) {}

  /** The insight's schedule, or null when it has none yet (or is not the user's). */
  async find(userId: string, insightId: string): Promise<ReviewStateEntity | null> {
    const id = parseObjectId(insightId);
    if (!id) return null;
    const doc = await this.states.findById(id).lean<ReviewStateEntity>();
    return doc && doc.userId.equals(userObjectId(userId)) ? doc : null;
  }

  /** The schedules of those of `insightIds` that have one. */
  async findMany(userId: string, insightIds: string[]): Promise<ReviewStateEntity[]> {
    const ids = insightIds.map(parseObjectId).filter((id): id is Types.ObjectId => id !== null);
    if (ids.length === 0) return [];
    return findByIds<ReviewStateEntity, ReviewStateEntity>(this.states, ids, {
      where: { userId: userObjectId(userId) },
    });
  }

  /** Stores the card of one of the user's insights (creating the schedule if it had none). */
  async save(
    userId: string,
    insightId: string,
    card: ReviewCard,
    optedOut?: boolean,
  ): Promise<ReviewStateEntity> {
    const id = new Types.ObjectId(insightId);
    const doc = await this.states
      .findOneAndUpdate(
        { _id: id, userId: userObjectId(userId) },
        { $set: { ...card, ...(optedOut === undefined ? {} : { optedOut }) } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<ReviewStateEntity>();
    return doc as ReviewStateEntity;
  }

  /** Sets or clears the insight's opt-out, scheduling it first if it had no schedule. */
  async setOptOut(
    userId: string,
    insightId: string,
    createdAt: Date,
    optedOut: boolean,
  ): Promise<ReviewStateEntity> {
    const current = await this.find(userId, insightId);
    if (current) {
      const doc = await this.states
        .findOneAndUpdate(
          { _id: current._id, userId: current.userId },
          { $set: { optedOut } },
          { returnDocument: 'after' },
        )
        .lean<ReviewStateEntity>();
      return doc ?? { ...current, optedOut };
    }
    return this.save(userId, insightId, newReviewCard(createdAt), optedOut);
  }

  /**
   * The user's schedules due by `until`, most overdue first, not opted out: at most `limit`, read
   * through the (userId, dueAt) index.
   */
  async due(userId: string, until: Date, limit: number): Promise<ReviewStateEntity[]> {
    return this.states
      .find({ userId: userObjectId(userId), optedOut: false, dueAt: trusted({ $lte: until }) })
      .sort({ dueAt: 1, _id: 1 })
      .limit(limit)
      .lean<ReviewStateEntity[]>();
  }

  async optedOutCategories(userId: string): Promise<Types.ObjectId[]> {
    const doc = await this.settings.findById(userObjectId(userId)).lean<ReviewSettingsEntity>();
    return doc?.optedOutCategoryIds ?? [];
  }

  async setCategoryOptOut(userId: string, categoryId: string, optedOut: boolean): Promise<void> {
    const category = new Types.ObjectId(categoryId);
    await this.settings.updateOne(
      { _id: userObjectId(userId) },
      optedOut
        ? { $addToSet: { optedOutCategoryIds: category } }
        : { $pull: { optedOutCategoryIds: category } },
      { upsert: true },
    );
  }

  /**
   * Schedules the user's insights written since the last enrolment (oldest first, a batch at a
   * time), so a new insight enters review without a scan of everything the user has.
   */
  async enrolNew(userId: string, now = new Date()): Promise<number> {
    const owner = userObjectId(userId);
    const settings = await this.settings.findById(owner).lean<ReviewSettingsEntity>();
    const since = settings?.enrolledThrough ?? null;
    const fresh = await this.insights
      .find({ userId: owner, deletedAt: null, ...(since ? { createdAt: trusted({ $gt: since }) } : {}) })
      .sort({ createdAt: 1 })
      .limit(ENROL_BATCH)
      .select({ _id: 1, createdAt: 1 })
      .lean<Pick<InsightEntity, '_id' | 'createdAt'>[]>();
    if (fresh.length === 0) return 0;
    const enrolled = await this.insertCards(owner, fresh, now);
    await this.settings.updateOne(
      { _id: owner },
      { $set: { enrolledThrough: fresh[fresh.length - 1].createdAt } },
      { upsert: true },
    );
    return enrolled;
  }

  /**
   * Compares the user's insights with their schedules: schedules what has none (imports with old
   * dates, restored insights) and removes the schedules of purged insights. Reads ids only.
   */
  async reconcile(userId: string, now = new Date()): Promise<ReviewRefreshTally> {
    const owner = userObjectId(userId);
    const [insights, states] = await Promise.all([
      this.insights
        .find({ userId: owner })
        .select({ _id: 1, createdAt: 1, deletedAt: 1 })
        .lean<Pick<InsightEntity, '_id' | 'createdAt' | 'deletedAt'>[]>(),
      this.states.find({ userId: owner }).select({ _id: 1 }).lean<Pick<ReviewStateEntity, '_id'>[]>(),
    ]);
    const scheduled = new Set(states.map((state) => state._id.toHexString()));
    const existing = new Set(insights.map((insight) => insight._id.toHexString()));
    const missing = insights.filter(
      (insight) => insight.deletedAt === null && !scheduled.has(insight._id.toHexString()),
    );
    const gone = states.filter((state) => !existing.has(state._id.toHexString())).map((state) => state._id);
    const enrolled = missing.length > 0 ? await this.insertCards(owner, missing, now) : 0;
    const removed =
      gone.length > 0
        ? (await this.states.deleteMany({ _id: trusted({ $in: gone }), userId: owner })).deletedCount
        : 0;
    return { enrolled, removed };
  }

  /** Removes the schedule of an insight that no longer exists. */
  async removeForInsight(userId: string, insightId: string): Promise<void> {
    const id = parseObjectId(insightId);
    if (id) await this.states.deleteOne({ _id: id, userId: userObjectId(userId) });
  }

  /**
   * The user's insights (outside the trash) written on `day`'s month and day in earlier years,
   * newest first: one range per year on the (userId, deletedAt, createdAt) index.
   */
  async onThisDay(userId: string, day: Date, limit: number): Promise<InsightEntity[]> {
    const owner = userObjectId(userId);
    const ranges = [];
    for (let back = 1; back <= ON_THIS_DAY_YEARS; back++) {
      const year = day.getUTCFullYear() - back;
      const start = new Date(Date.UTC(year, day.getUTCMonth(), day.getUTCDate()));
      // 29 February in a year without one rolls to 1 March: skip rather than show the wrong day.
      if (start.getUTCMonth() !== day.getUTCMonth()) continue;
      ranges.push({ createdAt: trusted({ $gte: start, $lt: new Date(start.getTime() + DAY_MS) }) });
    }
    if (ranges.length === 0) return [];
    return this.insights
      .find({ userId: owner, deletedAt: null, $or: ranges })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<InsightEntity[]>();
  }

  private async insertCards(
    owner: Types.ObjectId,
    insights: Pick<InsightEntity, '_id' | 'createdAt'>[],
    now: Date,
  ): Promise<number> {
    try {
      const inserted = await this.states.insertMany(
        insights.map((insight) => ({
          _id: insight._id,
          userId: owner,
          ...newReviewCard(insight.createdAt, now),
        })),
        { ordered: false },
      );
      return inserted.length;
    } catch (error) {
      // Scheduled meanwhile (a concurrent enrolment or grade): those keep their card.
      if (!isDuplicateKeyError(error)) throw error;
      const { insertedCount } = error as { insertedCount?: number };
      return insertedCount ?? 0;
    }
  }
}
