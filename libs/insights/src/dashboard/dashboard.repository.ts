import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types } from 'mongoose';
import type {
  CountOf,
  DashboardStats,
  Digest,
  DigestLink,
  InsightStatus,
  Page,
  RelationshipType,
} from '@insight/contracts';
import { findByIds } from '../common/find-by-ids';
import { CategoryEntity } from '../categories/category.schema';
import { decodeIdCursor, encodeIdCursor } from '../common/id-cursor';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { userObjectId } from '../common/object-id';
import { InsightEntity } from '../insights/insight.schema';
import { RelationshipEntity } from '../relationships/relationship.schema';
import { ReviewStateEntity } from '../review/review-state.schema';
import { DigestEntity, UserStatsEntity } from './dashboard.schema';

const WEEKS = 12;
const TOP = 10;
const DAY_MS = 24 * 3600 * 1000;
const CURSOR_BATCH = 1000;

/** Monday 00:00 UTC of the week `date` falls in. */
export function weekStart(date: Date): Date {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/** The `limit` largest counts, ties by key, as `{ key, count }`. */
export function topCounts<K extends string>(counts: Map<K, number>, limit = TOP): CountOf<K>[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key, count]) => ({ key, count }));
}

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

interface KeywordsOf {
  analysis?: { keywords?: { term?: unknown }[] } | null;
}

function keywordTerms(doc: KeywordsOf): string[] {
  const keywords = doc.analysis?.keywords;
  if (!Array.isArray(keywords)) return [];
  return keywords.flatMap((keyword) => (typeof keyword?.term === 'string' ? [keyword.term] : []));
}

function toDigest(doc: DigestEntity): Digest {
  return {
    id: doc._id.toHexString(),
    periodStart: doc.periodStart.toISOString(),
    periodEnd: doc.periodEnd.toISOString(),
    createdAt: doc.createdAt.toISOString(),
    ...doc.content,
  };
}

/**
 * Dashboard statistics and weekly digests. Both read one user's documents in a single streamed
 * pass each (projected to the fields they count), so memory stays bounded by the number of
 * distinct tags and keywords, and no aggregation stage FerretDB lacks is needed.
 */
@Injectable()
export class DashboardRepository {
  constructor(
    @InjectModel(UserStatsEntity.name) private readonly stats: Model<UserStatsEntity>,
    @InjectModel(DigestEntity.name) private readonly digests: Model<DigestEntity>,
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(RelationshipEntity.name) private readonly relationships: Model<RelationshipEntity>,
    @InjectModel(CategoryEntity.name) private readonly categories: Model<CategoryEntity>,
    @InjectModel(ReviewStateEntity.name) private readonly reviews: Model<ReviewStateEntity>,
  ) {}

  /** Every user who has written an insight (the users scheduled work has something to do for). */
  async usersWithInsights(): Promise<string[]> {
    const ids = (await this.insights.distinct('userId')) as Types.ObjectId[];
    return ids.map((id) => id.toHexString());
  }

  async computeStats(userId: string, now = new Date()): Promise<DashboardStats> {
    const owner = userObjectId(userId);
    const firstWeek = new Date(weekStart(now).getTime() - (WEEKS - 1) * 7 * DAY_MS);
    const perWeek = new Map<number, number>();
    const byCategory = new Map<string, number>();
    const tags = new Map<string, number>();
    const keywords = new Map<string, number>();
    const status: Record<InsightStatus, number> = { pending: 0, processed: 0, failed: 0 };
    const totals = { insights: 0, trashed: 0, favorites: 0, relationships: 0 };

    const cursor = this.insights
      .find({ userId: owner })
      .select({
        createdAt: 1,
        deletedAt: 1,
        categoryId: 1,
        tags: 1,
        favorite: 1,
        status: 1,
        'analysis.keywords.term': 1,
      })
      .lean<(InsightEntity & KeywordsOf)[]>()
      .cursor({ batchSize: CURSOR_BATCH });
    for await (const doc of cursor) {
      if (doc.deletedAt) {
        totals.trashed++;
        continue;
      }
      totals.insights++;
      if (doc.favorite) totals.favorites++;
      status[doc.status] = (status[doc.status] ?? 0) + 1;
      bump(byCategory, doc.categoryId ? doc.categoryId.toHexString() : '');
      doc.tags.forEach((tag) => bump(tags, tag));
      new Set(keywordTerms(doc)).forEach((term) => bump(keywords, term));
      if (doc.createdAt >= firstWeek) bump(perWeek, weekStart(doc.createdAt).getTime());
    }

    const types = new Map<RelationshipType, number>();
    const edges = this.relationships
      .find({ userId: owner })
      .select({ type: 1 })
      .lean<RelationshipEntity[]>()
      .cursor({ batchSize: CURSOR_BATCH });
    for await (const edge of edges) {
      totals.relationships++;
      bump(types, edge.type);
    }

    const names = new Map(
      (await this.categories.find({ userId: owner }).select({ name: 1 }).lean<CategoryEntity[]>()).map(
        (category) => [category._id.toHexString(), category.name],
      ),
    );
    return {
      generatedAt: now.toISOString(),
      totals,
      insightsPerWeek: Array.from({ length: WEEKS }, (_, i) => {
        const start = firstWeek.getTime() + i * 7 * DAY_MS;
        return { weekStart: new Date(start).toISOString(), count: perWeek.get(start) ?? 0 };
      }),
      byCategory: topCounts(byCategory, Number.MAX_SAFE_INTEGER).map(({ key, count }) => ({
        categoryId: key || null,
        name: key ? (names.get(key) ?? null) : null,
        count,
      })),
      topTags: topCounts(tags),
      topKeywords: topCounts(keywords),
      relationshipTypes: topCounts(types, Number.MAX_SAFE_INTEGER),
      processingStatus: status,
    };
  }

  async saveStats(userId: string, stats: DashboardStats): Promise<void> {
    await this.stats.updateOne({ _id: userObjectId(userId) }, { $set: { stats } }, { upsert: true });
  }

  async findStats(userId: string): Promise<DashboardStats | null> {
    const doc = await this.stats.findById(userObjectId(userId)).lean<UserStatsEntity>();
    return doc?.stats ?? null;
  }

  /** What the user did in [start, end): new insights and their keywords, new links, and what is due now. */
  async buildDigest(
    userId: string,
    start: Date,
    end: Date,
    now = new Date(),
  ): Promise<DigestEntity['content']> {
    const owner = userObjectId(userId);
    const period = trusted({ $gte: start, $lt: end });
    let newInsights = 0;
    const keywords = new Map<string, number>();
    const fresh = this.insights
      .find({ userId: owner, deletedAt: null, createdAt: period })
      .select({ 'analysis.keywords.term': 1 })
      .lean<(InsightEntity & KeywordsOf)[]>()
      .cursor({ batchSize: CURSOR_BATCH });
    for await (const doc of fresh) {
      newInsights++;
      new Set(keywordTerms(doc)).forEach((term) => bump(keywords, term));
    }

    const [newRelationships, strongest, due, dueCount] = await Promise.all([
      this.relationships.countDocuments({ userId: owner, createdAt: period }),
      this.relationships
        .find({ userId: owner, createdAt: period })
        .sort({ strength: -1, _id: 1 })
        .limit(5)
        .lean<RelationshipEntity[]>(),
      this.reviews
        .find({ userId: owner, optedOut: false, dueAt: trusted({ $lte: now }) })
        .sort({ dueAt: 1 })
        .limit(5)
        .lean<ReviewStateEntity[]>(),
      this.reviews.countDocuments({ userId: owner, optedOut: false, dueAt: trusted({ $lte: now }) }),
    ]);
    const ids = [
      ...new Set([...strongest.flatMap((r) => [r.sourceId, r.targetId]), ...due.map((d) => d._id)]),
    ];
    const titles = new Map(
      (
        await findByIds<InsightEntity, InsightEntity>(this.insights, ids, {
          where: { userId: owner, deletedAt: null },
          select: { title: 1 },
        })
      ).map((doc) => [doc._id.toHexString(), doc.title]),
    );
    const strongestLinks: DigestLink[] = strongest.flatMap((r) => {
      const [source, target] = [titles.get(r.sourceId.toHexString()), titles.get(r.targetId.toHexString())];
      if (source === undefined || target === undefined) return [];
      return [
        {
          relationshipId: r._id.toHexString(),
          type: r.type,
          strength: r.strength,
          source: { id: r.sourceId.toHexString(), title: source },
          target: { id: r.targetId.toHexString(), title: target },
        },
      ];
    });
    return {
      counts: { newInsights, newRelationships, dueForReview: dueCount },
      topKeywords: topCounts(keywords),
      strongestLinks,
      due: due.flatMap((state) => {
        const title = titles.get(state._id.toHexString());
        return title === undefined
          ? []
          : [{ insightId: state._id.toHexString(), title, dueAt: state.dueAt.toISOString() }];
      }),
    };
  }

  /** Stores the user's digest of a period; null when that period already has one. */
  async saveDigest(
    userId: string,
    start: Date,
    end: Date,
    content: DigestEntity['content'],
    now = new Date(),
  ): Promise<Digest | null> {
    try {
      const doc = await this.digests.create({
        userId: userObjectId(userId),
        periodStart: start,
        periodEnd: end,
        createdAt: now,
        content,
      });
      return toDigest(doc.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** A page of the user's digests, newest first. @returns null for a cursor that is not ours */
  async listDigests(userId: string, limit: number, cursor?: string): Promise<Page<Digest> | null> {
    const after = cursor === undefined ? undefined : decodeIdCursor(cursor);
    if (after === null) return null;
    const docs = await this.digests
      .find({ userId: userObjectId(userId), ...(after ? { _id: trusted({ $lt: after }) } : {}) })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<DigestEntity[]>();
    const page = docs.slice(0, limit);
    return {
      items: page.map(toDigest),
      nextCursor: docs.length > limit ? encodeIdCursor(page[page.length - 1]._id) : null,
    };
  }
}
