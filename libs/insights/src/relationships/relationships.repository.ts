import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types } from 'mongoose';
import type {
  CreateRelationshipRequest,
  Page,
  Relationship,
  RelationshipFromInsight,
  UpdateRelationshipRequest,
} from '@insight/contracts';
import { keysetConditions } from '../common/keyset';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId, userObjectId } from '../common/object-id';
import { type CursorPosition, decodeCursor, encodeCursor } from '../common/page-cursor';
import { CLAIM_ATTEMPTS, claimBackoffMs, WriteClaims } from '../common/write-claims';
import { graphPending } from '../insights/insight-versions';
import { InvalidCursorError } from '../insights/insights.repository';
import { InsightEntity } from '../insights/insight.schema';
import { InsightWriteClaimEntity } from '../insights/insight-write-claim.schema';
import { toRelationship, toRelationshipFrom } from './relationship.mapper';
import { RelationshipEntity } from './relationship.schema';
import { storedOrientation } from './relationship-orientation';

export type RelationshipWriteResult =
  | { outcome: 'written'; relationship: Relationship }
  /** An end is not the caller's, is in the trash, or does not exist. */
  | { outcome: 'insight-not-found' }
  | { outcome: 'not-found' }
  | { outcome: 'duplicate' }
  | { outcome: 'self-loop' }
  /** Other writers kept changing it meanwhile; the caller may retry. */
  | { outcome: 'contended' };

/** Reads of one page of an insight's relationships at most, when trashed partners thin them out. */
const MAX_READS_PER_PAGE = 5;

/** Where a page of an insight's relationships (oldest first) stands after `doc`. */
function pagePosition(doc: RelationshipEntity): CursorPosition {
  return { field: 'createdAt', order: 'asc', value: doc.createdAt, id: doc._id };
}

function byCreationOrder(a: RelationshipEntity, b: RelationshipEntity): number {
  return (
    a.createdAt.getTime() - b.createdAt.getTime() || a._id.toHexString().localeCompare(b._id.toHexString())
  );
}

/**
 * Typed relationships between a user's insights. Relationships touching a trashed insight
 * are hidden (not deleted) so restoring the insight brings them back; purging deletes them.
 */
@Injectable()
export class RelationshipsRepository {
  private readonly claims: WriteClaims;

  constructor(
    @InjectModel(RelationshipEntity.name) private readonly relationships: Model<RelationshipEntity>,
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(InsightWriteClaimEntity.name) claims: Model<InsightWriteClaimEntity>,
  ) {
    this.claims = new WriteClaims(claims);
  }

  async create(
    userId: string,
    input: CreateRelationshipRequest,
    createdBy: 'user' | 'system' = 'user',
  ): Promise<RelationshipWriteResult> {
    if (input.sourceId === input.targetId) return { outcome: 'self-loop' };
    const oriented = storedOrientation(input.type, input.sourceId, input.targetId);
    const source = parseObjectId(oriented.sourceId);
    const target = parseObjectId(oriented.targetId);
    if (!source || !target || !(await this.bothActive(userId, [source, target]))) {
      return { outcome: 'insight-not-found' };
    }
    try {
      const doc = await this.relationships.create({
        userId: userObjectId(userId),
        sourceId: source,
        targetId: target,
        type: oriented.type,
        strength: input.strength ?? 0.5,
        note: input.note ?? null,
        createdBy,
        version: 1,
        graphVersion: 0,
        graphPendingSince: new Date(),
      });
      return { outcome: 'written', relationship: toRelationship(doc.toObject()) };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { outcome: 'duplicate' };
      throw error;
    }
  }

  /**
   * A page of one insight's relationships, both directions, oldest first, leaving out those whose
   * other insight is in the trash (so a page may hold fewer than `limit`; follow `nextCursor`).
   * Null when the insight is not the caller's active insight. @throws InvalidCursorError
   */
  async listForInsight(
    userId: string,
    insightId: string,
    page: { cursor?: string; limit: number },
  ): Promise<Page<RelationshipFromInsight> | null> {
    const id = parseObjectId(insightId);
    if (!id || !(await this.bothActive(userId, [id]))) return null;
    let position = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 'createdAt', 'asc');
    if (position === null) throw new InvalidCursorError();
    const owner = userObjectId(userId);
    const items: { doc: RelationshipEntity; view: RelationshipFromInsight }[] = [];
    let exhausted = false;
    // Trashed partners are left out after the read, so a page may take more than one read.
    for (let round = 0; round < MAX_READS_PER_PAGE && items.length <= page.limit && !exhausted; round++) {
      const wanted = page.limit + 1 - items.length;
      const keyset = keysetConditions('createdAt', 'asc', position);
      // One indexed read per direction instead of an $or; the first `wanted` of both are the next ones.
      const direction = (end: 'sourceId' | 'targetId') =>
        this.relationships
          .find({
            userId: owner,
            [end]: id,
            ...(keyset.range ? { createdAt: trusted(keyset.range) } : {}),
            ...(keyset.or ? { $or: keyset.or } : {}),
          })
          .sort({ createdAt: 1, _id: 1 })
          .limit(wanted)
          .lean<RelationshipEntity[]>();
      const [outgoing, incoming] = await Promise.all([direction('sourceId'), direction('targetId')]);
      const next = [...outgoing, ...incoming].sort(byCreationOrder).slice(0, wanted);
      // A direction that filled its read may hold more; then another read says so.
      exhausted =
        outgoing.length < wanted &&
        incoming.length < wanted &&
        next.length === outgoing.length + incoming.length;
      const otherEnd = (doc: RelationshipEntity) => (doc.sourceId.equals(id) ? doc.targetId : doc.sourceId);
      const hidden = await this.trashedAmong(userId, next.map(otherEnd));
      for (const doc of next) {
        position = pagePosition(doc);
        if (!hidden.has(otherEnd(doc).toHexString())) {
          items.push({ doc, view: toRelationshipFrom(doc, insightId) });
        }
      }
    }
    const shown = items.slice(0, page.limit);
    const last = items.length > page.limit ? shown.at(-1)?.doc : undefined;
    const resumeAt = last ? pagePosition(last) : exhausted ? undefined : position;
    return { items: shown.map((item) => item.view), nextCursor: resumeAt ? encodeCursor(resumeAt) : null };
  }

  /** One visible relationship of the caller's, or null. */
  async findOwned(userId: string, id: string): Promise<Relationship | null> {
    const doc = await this.findVisible(userId, id);
    return doc ? toRelationship(doc) : null;
  }

  /**
   * Applies a change with a version bump, claimed like an insight write so that on FerretDB no
   * concurrent write (nor the graph sync recording graphVersion) silently undoes it.
   */
  async update(
    userId: string,
    id: string,
    patch: UpdateRelationshipRequest,
  ): Promise<RelationshipWriteResult> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const current = await this.findVisible(userId, id);
      if (!current) return { outcome: 'not-found' };
      if ((await this.claims.claim(current._id, current.version + 1, 'writer')) !== 'claimed') {
        await sleep(claimBackoffMs(attempt));
        continue;
      }
      let doc: RelationshipEntity | null;
      try {
        doc = await this.relationships
          .findOneAndUpdate(
            { _id: current._id, userId: current.userId, version: current.version },
            { $set: this.changes(current, patch), $inc: { version: 1 }, $min: graphPending() },
            { returnDocument: 'after' },
          )
          .lean<RelationshipEntity>();
      } catch (error) {
        if (isDuplicateKeyError(error)) return { outcome: 'duplicate' };
        throw error;
      } finally {
        await this.claims.release(current._id, current.version + 1);
      }
      if (doc) return { outcome: 'written', relationship: toRelationship(doc) };
    }
    return { outcome: 'contended' };
  }

  async delete(userId: string, id: string): Promise<Relationship | null> {
    const current = await this.findVisible(userId, id);
    if (!current) return null;
    const deleted = await this.relationships
      .findOneAndDelete({ _id: current._id, userId: current.userId })
      .lean<RelationshipEntity>();
    return deleted ? toRelationship(deleted) : null;
  }

  /** Deletes every relationship of a purged insight; returns them for the projection. */
  async deleteAllOfInsight(userId: string, insightId: string): Promise<Relationship[]> {
    const id = parseObjectId(insightId);
    if (!id) return [];
    const owner = userObjectId(userId);
    const filter = { userId: owner, $or: [{ sourceId: id }, { targetId: id }] };
    const docs = await this.relationships.find(filter).lean<RelationshipEntity[]>();
    await this.relationships.deleteMany({ _id: trusted({ $in: docs.map((d) => d._id) }), userId: owner });
    return docs.map(toRelationship);
  }

  private changes(
    current: RelationshipEntity,
    patch: UpdateRelationshipRequest,
  ): Partial<RelationshipEntity> {
    const set: Partial<RelationshipEntity> = {};
    if (patch.type !== undefined) {
      const oriented = storedOrientation(
        patch.type,
        current.sourceId.toHexString(),
        current.targetId.toHexString(),
      );
      set.type = oriented.type;
      set.sourceId = parseObjectId(oriented.sourceId) as Types.ObjectId;
      set.targetId = parseObjectId(oriented.targetId) as Types.ObjectId;
    }
    if (patch.strength !== undefined) set.strength = patch.strength;
    if (patch.note !== undefined) set.note = patch.note;
    return set;
  }

  /** A relationship of the caller's whose two insights are both outside the trash. */
  private async findVisible(userId: string, id: string): Promise<RelationshipEntity | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    const doc = await this.relationships
      .findOne({ _id: objectId, userId: userObjectId(userId) })
      .lean<RelationshipEntity>();
    if (!doc) return null;
    return (await this.bothActive(userId, [doc.sourceId, doc.targetId])) ? doc : null;
  }

  private async bothActive(userId: string, ids: Types.ObjectId[]): Promise<boolean> {
    // trusted(): our own operators, built from parsed ObjectIds; sanitizeFilter would neutralise them.
    const found = await this.insights.countDocuments({
      _id: trusted({ $in: ids }),
      userId: userObjectId(userId),
      deletedAt: null,
    });
    return found === new Set(ids.map((id) => id.toHexString())).size;
  }

  private async trashedAmong(userId: string, ids: Types.ObjectId[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const trashed = await this.insights
      .find(
        { _id: trusted({ $in: ids }), userId: userObjectId(userId), deletedAt: trusted({ $ne: null }) },
        { _id: 1 },
      )
      .lean<{ _id: Types.ObjectId }[]>();
    return new Set(trashed.map((doc) => doc._id.toHexString()));
  }
}
