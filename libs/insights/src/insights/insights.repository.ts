import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types, type UpdateQuery } from 'mongoose';
import type {
  CreateInsightRequest,
  Insight,
  InsightListQuery,
  Page,
  UpdateInsightRequest,
} from '@insight/contracts';
import { findByIds } from '../common/find-by-ids';
import { keysetConditions } from '../common/keyset';
import { parseObjectId, userObjectId } from '../common/object-id';
import { type CursorPosition, decodeCursor, encodeCursor } from '../common/page-cursor';
import { buildInsightListQuery } from './insight-list-query';
import { toInsight } from './insight.mapper';
import { InsightEntity } from './insight.schema';
import { InsightWriteClaimEntity } from './insight-write-claim.schema';
import { type BulkChange, graphPending, refsMatching, versionsOf } from './insight-versions';
import { CLAIM_ATTEMPTS, claimBackoffMs, WriteClaims } from '../common/write-claims';

/** A cursor that is not ours, or was made for another sort. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this list');
  }
}

/** Outcome of a versioned single-insight write. */
export type InsightWriteResult =
  | { outcome: 'written'; insight: Insight; previous: Insight }
  | { outcome: 'not-found' }
  /** The insight is not at the expected version (If-Match); `currentVersion` is what it is at now. */
  | { outcome: 'version-mismatch'; currentVersion: number }
  /** Other writers kept winning the race; the caller may retry. */
  | { outcome: 'contended' };

type Lifecycle = 'active' | 'trashed';

/** Insights, always scoped to their owner: another user's id reads and writes as absent. */
@Injectable()
export class InsightsRepository {
  private readonly claims: WriteClaims;

  constructor(
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(InsightWriteClaimEntity.name) claims: Model<InsightWriteClaimEntity>,
  ) {
    this.claims = new WriteClaims(claims);
  }

  /** Stores a new insight at version 1, pending analysis. Tags must already be normalised. */
  async create(userId: string, input: CreateInsightRequest): Promise<Insight> {
    const doc = await this.insights.create({
      ...input,
      userId: userObjectId(userId),
      categoryId: input.categoryId ? parseObjectId(input.categoryId) : null,
      status: 'pending',
      version: 1,
      graphVersion: 0,
      graphPendingSince: new Date(),
      deletedAt: null,
    });
    return toInsight(doc.toObject());
  }

  /** One of the user's insights outside the trash (or inside it, for `trashed`). */
  async findOwned(userId: string, id: string, lifecycle: Lifecycle = 'active'): Promise<Insight | null> {
    const doc = await this.findOwnedEntity(userId, id, lifecycle);
    return doc ? toInsight(doc) : null;
  }

  /**
   * Those of `ids` that are the user's insights outside the trash, in the order of `ids` (search
   * results keep their ranking).
   */
  async findManyOwned(userId: string, ids: string[]): Promise<Insight[]> {
    const objectIds = ids.map(parseObjectId).filter((id): id is Types.ObjectId => id !== null);
    if (objectIds.length === 0) return [];
    const docs = await findByIds<InsightEntity, InsightEntity>(this.insights, objectIds, {
      where: { userId: userObjectId(userId), deletedAt: null },
    });
    return docs.map(toInsight);
  }

  /** A page of the user's insights outside the trash. @throws InvalidCursorError */
  async list(userId: string, query: InsightListQuery & { limit: number }): Promise<Page<Insight>> {
    const sort = query.sort ?? 'createdAt';
    const order = query.order ?? 'desc';
    const categoryId = query.categoryId === undefined ? undefined : parseObjectId(query.categoryId);
    // A category id that cannot exist matches nothing (never "no filter").
    if (categoryId === null) return { items: [], nextCursor: null };
    const mongoQuery = buildInsightListQuery({
      userId: userObjectId(userId),
      tags: query.tag,
      categoryId,
      favorite: query.favorite,
      status: query.status,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      sort,
      order,
      after: this.cursorPosition(query.cursor, sort, order),
    });
    const docs = await this.insights
      .find(mongoQuery.filter)
      .sort(mongoQuery.sort)
      .limit(query.limit + 1)
      .lean<InsightEntity[]>();
    return this.page(docs, query.limit, (doc) => ({ field: sort, order, value: doc[sort], id: doc._id }));
  }

  /** A page of the user's trash, most recently deleted first. @throws InvalidCursorError */
  async listTrash(userId: string, query: { cursor?: string; limit: number }): Promise<Page<Insight>> {
    const { range, or } = keysetConditions(
      'deletedAt',
      'desc',
      this.cursorPosition(query.cursor, 'deletedAt', 'desc'),
    );
    const docs = await this.insights
      .find({
        userId: userObjectId(userId),
        deletedAt: trusted({ $ne: null, ...range }),
        ...(or ? { $or: or } : {}),
      })
      .sort({ deletedAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<InsightEntity[]>();
    return this.page(docs, query.limit, (doc) => ({
      field: 'deletedAt',
      order: 'desc',
      value: doc.deletedAt ?? new Date(0),
      id: doc._id,
    }));
  }

  /**
   * Applies a partial change with the version bump in the same single-document update.
   * With `expectedVersion` (If-Match) a stale version answers `version-mismatch`; without it
   * the change applies on top of whatever version is current. A change of title or content
   * sets the status back to `pending` (the analysis must run again).
   */
  async update(
    userId: string,
    id: string,
    changes: UpdateInsightRequest,
    expectedVersion?: number,
  ): Promise<InsightWriteResult> {
    return this.writeVersioned(userId, id, 'active', expectedVersion, (current) => {
      const set: Record<string, unknown> = { ...changes };
      if (changes.categoryId !== undefined) {
        set['categoryId'] = changes.categoryId ? parseObjectId(changes.categoryId) : null;
      }
      const textChanged =
        (changes.title !== undefined && changes.title !== current.title) ||
        (changes.content !== undefined && changes.content !== current.content);
      if (textChanged) set['status'] = 'pending';
      return { $set: set };
    });
  }

  /** Moves an insight to the trash. */
  async trash(userId: string, id: string): Promise<InsightWriteResult> {
    return this.writeVersioned(userId, id, 'active', undefined, () => ({ $set: { deletedAt: new Date() } }));
  }

  /** Takes an insight out of the trash. */
  async restore(userId: string, id: string): Promise<InsightWriteResult> {
    return this.writeVersioned(userId, id, 'trashed', undefined, () => ({ $set: { deletedAt: null } }));
  }

  /** Insights of any user that went to the trash before `cutoff`, oldest first (for the scheduled purge). */
  async trashedBefore(cutoff: Date, limit: number): Promise<{ id: string; userId: string }[]> {
    const docs = await this.insights
      .find({ deletedAt: trusted({ $ne: null, $lt: cutoff }) })
      .sort({ deletedAt: 1 })
      .limit(limit)
      .select({ _id: 1, userId: 1 })
      .lean<Pick<InsightEntity, '_id' | 'userId'>[]>();
    return docs.map((doc) => ({ id: doc._id.toHexString(), userId: doc.userId.toHexString() }));
  }

  /** Deletes a trashed insight for good; null when the user has no such insight in the trash. */
  async purge(userId: string, id: string): Promise<Insight | null> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const current = await this.findOwnedEntity(userId, id, 'trashed');
      if (!current) return null;
      // Claimed like an update, so a concurrent restore cannot resurrect half of it on FerretDB.
      if ((await this.claims.claim(current._id, current.version + 1, 'writer')) !== 'claimed') {
        await sleep(claimBackoffMs(attempt));
        continue;
      }
      let deletedCount = 0;
      try {
        ({ deletedCount } = await this.insights.deleteOne({
          _id: current._id,
          userId: current.userId,
          version: current.version,
          deletedAt: trusted({ $ne: null }),
        }));
      } finally {
        await this.claims.release(current._id, current.version + 1);
      }
      if (deletedCount === 1) return toInsight(current);
    }
    return null;
  }

  /**
   * Uncategorises the user's insights (trashed ones too, so a restore brings no dangling
   * reference) in one updateMany that also bumps their versions.
   */
  async clearCategory(userId: string, categoryId: string): Promise<BulkChange> {
    const owner = userObjectId(userId);
    const category = parseObjectId(categoryId);
    if (!category) return { matched: 0, changed: [] };
    const filter = { userId: owner, categoryId: category };
    const refs = await refsMatching(this.insights, filter);
    if (refs.length === 0) return { matched: 0, changed: [] };
    // Claimed like single writes, so on FerretDB no concurrent write (nor the graph sync's record
    // of graphVersion) rewrites one of these documents from a copy read before this update.
    const release = await this.claims.claimMany(refs, 1);
    let matchedCount: number;
    try {
      ({ matchedCount } = await this.insights.updateMany(filter, {
        $set: { categoryId: null },
        $inc: { version: 1 },
        $min: graphPending(),
      }));
    } finally {
      await release();
    }
    return {
      matched: matchedCount,
      changed: await versionsOf(
        this.insights,
        owner,
        refs.map((ref) => ref._id),
      ),
    };
  }

  /** Reads by `_id` alone and checks owner and lifecycle here (see findOwnedEntity). */
  private async findOwnedEntity(
    userId: string,
    id: string,
    lifecycle: Lifecycle,
  ): Promise<InsightEntity | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    // Read by `_id` (the `_id` index, on MongoDB and the local FerretDB alike), owner and trash
    // checked here.
    const doc = await this.insights.findById(objectId).lean<InsightEntity>();
    if (!doc || !doc.userId.equals(userObjectId(userId))) return null;
    return (doc.deletedAt === null) === (lifecycle === 'active') ? doc : null;
  }

  private async writeVersioned(
    userId: string,
    id: string,
    lifecycle: Lifecycle,
    expectedVersion: number | undefined,
    buildUpdate: (current: InsightEntity) => UpdateQuery<InsightEntity>,
  ): Promise<InsightWriteResult> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const current = await this.findOwnedEntity(userId, id, lifecycle);
      if (!current) return { outcome: 'not-found' };
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        return { outcome: 'version-mismatch', currentVersion: current.version };
      }
      const claim = await this.claims.claim(current._id, current.version + 1, 'writer');
      if (claim !== 'claimed') {
        // Another request is producing the next version right now. (The graph sync only holds
        // the claim for a moment to record graphVersion; it produces no version, so wait.)
        if (expectedVersion !== undefined && claim === 'writer')
          return { outcome: 'version-mismatch', currentVersion: current.version + 1 };
        await sleep(claimBackoffMs(attempt));
        continue;
      }
      const update = buildUpdate(current);
      let updated: InsightEntity | null;
      try {
        updated = await this.insights
          .findOneAndUpdate(
            {
              _id: current._id,
              userId: current.userId,
              version: current.version,
              deletedAt: lifecycle === 'active' ? null : trusted({ $ne: null }),
            },
            { ...update, $inc: { version: 1 }, $min: graphPending() },
            { returnDocument: 'after', runValidators: true },
          )
          .lean<InsightEntity>();
      } finally {
        // Once this update has finished, any later one re-reads the new version and its version
        // condition fails, so the claim has done its job; releasing it keeps the collection empty.
        await this.claims.release(current._id, current.version + 1);
      }
      if (updated) {
        return { outcome: 'written', insight: toInsight(updated), previous: toInsight(current) };
      }
      // A bulk change (tag rename, category deletion) bumped the version without a claim.
      if (expectedVersion !== undefined) {
        const now = await this.findOwnedEntity(userId, id, lifecycle);
        return now ? { outcome: 'version-mismatch', currentVersion: now.version } : { outcome: 'not-found' };
      }
    }
    return { outcome: 'contended' };
  }

  private cursorPosition(
    cursor: string | undefined,
    field: string,
    order: 'asc' | 'desc',
  ): CursorPosition | undefined {
    if (cursor === undefined) return undefined;
    const position = decodeCursor(cursor, field, order);
    if (!position) throw new InvalidCursorError();
    return position;
  }

  private page(
    docs: InsightEntity[],
    limit: number,
    positionOf: (doc: InsightEntity) => CursorPosition,
  ): Page<Insight> {
    const items = docs.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toInsight),
      nextCursor: docs.length > limit && last ? encodeCursor(positionOf(last)) : null,
    };
  }
}
