import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import type { Page, RelationshipSuggestion, RelationshipType, SuggestionStatus } from '@insight/contracts';
import { groupedCalls } from '@insight/platform';
import { findByIds } from '../common/find-by-ids';
import { groupedFindById } from '../common/grouped-find-by-id';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId, userObjectId } from '../common/object-id';
import { CLAIM_ATTEMPTS, WriteClaims } from '../common/write-claims';
import { InsightEntity } from '../insights/insight.schema';
import { InsightWriteClaimEntity } from '../insights/insight-write-claim.schema';
import { typeSeenFrom } from '../relationships/relationship-orientation';
import { SuggestionEntity, SuggestionSourceEntity } from './suggestion.schema';

/** A related insight found by discovery, to be proposed unless the pair is decided. */
export interface ProposedSuggestion {
  targetId: string;
  type: RelationshipType;
  score: number;
  reasons: string[];
}

/** What replacing an insight's open suggestions did. */
export interface SuggestionsReplaced {
  /** Pairs proposed for the first time. */
  created: number;
  /** Open suggestions of this insight refreshed with a new score or reasons. */
  refreshed: number;
  /** Open suggestions of this insight that no longer qualify, removed. */
  removed: number;
}

/** The two ids of a pair in a stable order. */
export function suggestionPair(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/**
 * A suggestion's `_id`, derived from its owner and pair, so discovery reads pairs by `_id` (the
 * only index FerretDB serves; a read by `pair` was a scan of every suggestion, three per
 * discovery). Suggestions stored before ids were derived keep theirs: discovery no longer finds
 * them by pair, but the unique (userId, pair) index still refuses a second suggestion of the pair.
 */
export function suggestionId(owner: Types.ObjectId, pair: string): Types.ObjectId {
  return new Types.ObjectId(
    createHash('sha256').update(`${owner.toHexString()}:${pair}`).digest().subarray(0, 12),
  );
}

/** The claim every writer of one suggestion takes (suggestions have one, not one per version). */
const SUGGESTION_CLAIM = 0;

/** Pairs looked up in one read when an import decides them. */
const PAIRS_PER_READ = 1000;

/** Whether a stored open suggestion already says what discovery proposes now. */
function sameProposal(
  stored: Pick<SuggestionEntity, 'sourceId' | 'type' | 'score' | 'reasons'>,
  proposed: Pick<SuggestionEntity, 'sourceId' | 'type' | 'score' | 'reasons'>,
): boolean {
  return (
    stored.sourceId.equals(proposed.sourceId) &&
    stored.type === proposed.type &&
    stored.score === proposed.score &&
    stored.reasons.length === proposed.reasons.length &&
    stored.reasons.every((reason, index) => reason === proposed.reasons[index])
  );
}

export class InvalidSuggestionCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this list');
  }
}

function encodeCursor(score: number, id: Types.ObjectId): string {
  return Buffer.from(JSON.stringify(['score', score, id.toHexString()])).toString('base64url');
}

function decodeCursor(cursor: string): { score: number; id: Types.ObjectId } | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(payload) || payload.length !== 3 || payload[0] !== 'score') return null;
    const [, score, id] = payload as unknown[];
    if (typeof score !== 'number' || !Number.isFinite(score) || typeof id !== 'string') return null;
    const objectId = parseObjectId(id);
    return objectId ? { score, id: objectId } : null;
  } catch {
    return null;
  }
}

/** The API's view of a stored suggestion, as seen from `insightId`. */
function toSuggestion(
  doc: SuggestionEntity,
  insightId: string,
  related: { id: string; title: string },
): RelationshipSuggestion {
  return {
    id: doc._id.toHexString(),
    insightId,
    relatedInsight: related,
    // Stored from the insight whose analysis proposed it; the other end reads the inverse.
    type: typeSeenFrom(doc.type, doc.sourceId.equals(insightId) ? 'outgoing' : 'incoming'),
    score: doc.score,
    reasons: doc.reasons,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
  };
}

/** What discovery reads of a stored pair. */
const STORED_PAIR_FIELDS = {
  userId: 1,
  pair: 1,
  status: 1,
  sourceId: 1,
  type: 1,
  score: 1,
  reasons: 1,
} as const;
type StoredPair = Pick<SuggestionEntity, '_id' | keyof typeof STORED_PAIR_FIELDS>;

/** One discovery's new suggestions. */
interface NewSuggestions {
  source: Types.ObjectId;
  docs: Record<string, unknown>[];
}

/** Suggestions, always scoped to their owner; a pair's decision is kept for good. */
@Injectable()
export class SuggestionsRepository {
  private readonly claims: WriteClaims;
  // Every discovery reads its candidates' pairs and its record, and writes both: the calls of
  // concurrent discoveries go together (see groupedCalls).
  private readonly pairById: (id: Types.ObjectId) => Promise<StoredPair | null>;
  private readonly recordById: (id: Types.ObjectId) => Promise<SuggestionSourceEntity | null>;
  private readonly recordGrouped: (record: SuggestionSourceEntity) => Promise<void>;
  private readonly insertGrouped: (batch: NewSuggestions) => Promise<number>;

  constructor(
    @InjectModel(SuggestionEntity.name) private readonly suggestions: Model<SuggestionEntity>,
    @InjectModel(SuggestionSourceEntity.name) private readonly sources: Model<SuggestionSourceEntity>,
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(InsightWriteClaimEntity.name) claims: Model<InsightWriteClaimEntity>,
  ) {
    this.claims = new WriteClaims(claims);
    this.pairById = groupedFindById(suggestions, STORED_PAIR_FIELDS);
    this.recordById = groupedFindById(sources, { userId: 1, targetIds: 1 });
    this.recordGrouped = groupedCalls(async (records) => {
      await this.sources.bulkWrite(
        records.map(({ _id, userId, targetIds }) => ({
          updateOne: { filter: { _id }, update: { $set: { userId, targetIds } }, upsert: true },
        })),
        { ordered: false },
      );
      return records.map(() => undefined);
    });
    this.insertGrouped = groupedCalls((batches) => this.insertNewOf(batches));
  }

  /** Candidates whose pair with `insightId` the user has already decided (accepted or rejected). */
  async decidedAmong(userId: string, insightId: string, candidateIds: string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const owner = userObjectId(userId);
    const candidateOf = new Map(candidateIds.map((id) => [suggestionPair(insightId, id), id]));
    const docs = await Promise.all(
      [...candidateOf.keys()].map((pair) => this.pairById(suggestionId(owner, pair))),
    );
    return new Set(
      docs
        .filter((doc) => doc !== null && doc.userId.equals(owner) && doc.status !== 'open')
        .flatMap((doc) => candidateOf.get(doc?.pair ?? '') ?? []),
    );
  }

  /**
   * Makes `proposed` the open suggestions this insight's discovery stands behind: new pairs are
   * created, changed open ones refreshed, decided pairs left alone, and open suggestions it
   * proposed before but not now are removed. Idempotent. A refresh or removal holds the
   * suggestion's claim and skips it when a decision holds it (the decision wins).
   */
  async replaceOpen(
    userId: string,
    insightId: string,
    proposed: ProposedSuggestion[],
  ): Promise<SuggestionsReplaced> {
    const owner = userObjectId(userId);
    const source = new Types.ObjectId(insightId);
    const pairs = proposed.map((suggestion) => suggestionPair(insightId, suggestion.targetId));
    const targetIds = proposed.map((suggestion) => new Types.ObjectId(suggestion.targetId));
    const before = await this.proposedBefore(owner, source, targetIds);
    const existing = new Map(
      (await Promise.all(pairs.map((pair) => this.pairById(suggestionId(owner, pair)))))
        .filter((doc): doc is StoredPair => doc !== null && doc.userId.equals(owner))
        .map((doc) => [doc.pair, doc]),
    );
    let refreshed = 0;
    const fresh: Record<string, unknown>[] = [];
    for (const [index, suggestion] of proposed.entries()) {
      const target = new Types.ObjectId(suggestion.targetId);
      const pair = pairs[index];
      const fields = {
        sourceId: source,
        targetId: target,
        type: suggestion.type,
        score: suggestion.score,
        reasons: suggestion.reasons,
      };
      const found = existing.get(pair);
      if (!found) {
        fresh.push({
          _id: suggestionId(owner, pair),
          ...fields,
          userId: owner,
          pair,
          insightIds: [source, target],
          status: 'open',
          relationshipId: null,
        });
        continue;
      }
      if (found.status !== 'open' || sameProposal(found, fields)) continue;
      const written = await this.holdingClaim(found._id, 'skip', () =>
        this.suggestions.updateOne({ _id: found._id, status: 'open' }, { $set: fields }),
      );
      if (written !== 'busy' && written.modifiedCount > 0) refreshed++;
    }
    const created = fresh.length > 0 ? await this.insertGrouped({ source, docs: fresh }) : 0;
    const proposedNow = new Set(pairs);
    const dropped = before
      .map((target) => suggestionPair(insightId, target.toHexString()))
      .filter((pair) => !proposedNow.has(pair));
    const stale = await findByIds<{ _id: Types.ObjectId }, SuggestionEntity>(
      this.suggestions,
      dropped.map((pair) => suggestionId(owner, pair)),
      { where: { userId: owner, sourceId: source, status: 'open' }, select: { _id: 1 } },
    );
    let removed = 0;
    for (const { _id } of stale) {
      const deleted = await this.holdingClaim(_id, 'skip', () =>
        this.suggestions.deleteOne({ _id, status: 'open' }),
      );
      if (deleted !== 'busy') removed += deleted.deletedCount;
    }
    // The record holds what was proposed before and now; those no longer proposed leave it.
    if (dropped.length > 0) await this.recordProposed(owner, source, targetIds);
    return { created, refreshed, removed };
  }

  /**
   * Inserts the new suggestions of concurrent discoveries in one write and says how many each
   * made. When a pair clashes (the other insight's discovery proposed it at the same moment) they
   * go one by one: FerretDB stops an unordered insert at its first error, so which of the rest
   * landed is not known; a clash whose stored suggestion names this source is one the bulk made.
   */
  private async insertNewOf(batches: readonly NewSuggestions[]): Promise<number[]> {
    try {
      await this.suggestions.insertMany(
        batches.flatMap((batch) => batch.docs),
        { ordered: false },
      );
      return batches.map((batch) => batch.docs.length);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const created: number[] = [];
    for (const { source, docs } of batches) {
      let made = 0;
      const clashed: unknown[] = [];
      for (const doc of docs) {
        try {
          await this.suggestions.create(doc);
          made++;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          clashed.push(doc['_id']);
        }
      }
      const stored = await findByIds<{ sourceId: Types.ObjectId }, SuggestionEntity>(
        this.suggestions,
        clashed,
        { select: { sourceId: 1 } },
      );
      created.push(made + stored.filter((doc) => doc.sourceId.equals(source)).length);
    }
    return created;
  }

  /**
   * What this insight's discovery proposed last time. The record first grows to hold this time's
   * targets too, so a discovery that stops half-way leaves none of its suggestions unrecorded.
   */
  private async proposedBefore(
    owner: Types.ObjectId,
    source: Types.ObjectId,
    now: Types.ObjectId[],
  ): Promise<Types.ObjectId[]> {
    const record = await this.recordById(source);
    const before = record?.userId.equals(owner) ? record.targetIds : [];
    const known = new Set(before.map(String));
    if (now.some((target) => !known.has(String(target))))
      await this.recordProposed(owner, source, [
        ...before,
        ...now.filter((target) => !known.has(String(target))),
      ]);
    return before;
  }

  private recordProposed(
    owner: Types.ObjectId,
    source: Types.ObjectId,
    targetIds: Types.ObjectId[],
  ): Promise<void> {
    return this.recordGrouped({ _id: source, userId: owner, targetIds });
  }

  /**
   * Removes every suggestion naming a purged insight, decided ones too (no pair with it can come
   * back), and its record of what it proposed.
   */
  async removeForInsight(userId: string, insightId: string): Promise<number> {
    const owner = userObjectId(userId);
    const id = parseObjectId(insightId);
    if (!id) return 0;
    const { deletedCount } = await this.suggestions.deleteMany({ userId: owner, insightIds: id });
    await this.sources.deleteOne({ _id: id, userId: owner });
    return deletedCount;
  }

  /**
   * A page of the open suggestions of one of the user's insights, best first, leaving out those
   * whose other insight is in the trash. Null when the insight is not the user's active insight.
   * @throws InvalidSuggestionCursorError
   */
  async listForInsight(
    userId: string,
    insightId: string,
    query: { cursor?: string; limit: number },
  ): Promise<Page<RelationshipSuggestion> | null> {
    const owner = userObjectId(userId);
    const id = parseObjectId(insightId);
    if (!id) return null;
    const insight = await this.insights
      .findById(id)
      .select({ userId: 1, deletedAt: 1 })
      .lean<InsightEntity>();
    if (!insight || !insight.userId.equals(owner) || insight.deletedAt !== null) return null;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) throw new InvalidSuggestionCursorError();
    const items: RelationshipSuggestion[] = [];
    let position = after;
    let more = false;
    // Trashed partners are filtered after the read, so a page may take more than one read.
    for (let round = 0; round < 5 && items.length <= query.limit; round++) {
      const docs = await this.suggestions
        .find({
          userId: owner,
          insightIds: id,
          status: 'open',
          ...(position
            ? {
                $or: [
                  { score: trusted({ $lt: position.score }) },
                  { score: position.score, _id: trusted({ $gt: position.id }) },
                ],
              }
            : {}),
        })
        .sort({ score: -1, _id: 1 })
        .limit(query.limit + 1)
        .lean<SuggestionEntity[]>();
      if (docs.length === 0) break;
      const otherIds = docs.map((doc) => (doc.sourceId.equals(id) ? doc.targetId : doc.sourceId));
      const others = await findByIds<{ _id: Types.ObjectId; title: string }, InsightEntity>(
        this.insights,
        otherIds,
        { where: { userId: owner, deletedAt: null }, select: { _id: 1, title: 1 } },
      );
      const titles = new Map(others.map((doc) => [doc._id.toHexString(), doc.title]));
      for (const [index, doc] of docs.entries()) {
        const otherId = otherIds[index].toHexString();
        const title = titles.get(otherId);
        if (title === undefined) continue;
        if (items.length === query.limit) {
          more = true;
          break;
        }
        items.push(toSuggestion(doc, insightId, { id: otherId, title }));
        position = { score: doc.score, id: doc._id };
      }
      if (more || docs.length <= query.limit) break;
      const last = docs[docs.length - 1];
      position = { score: last.score, id: last._id };
    }
    const last = items.at(-1);
    return {
      items,
      nextCursor: more && last ? encodeCursor(last.score, new Types.ObjectId(last.id)) : null,
    };
  }

  /** One suggestion of the user's whose two insights are outside the trash, or null. */
  async findOwned(userId: string, id: string): Promise<SuggestionEntity | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    const doc = await this.suggestions.findById(objectId).lean<SuggestionEntity>();
    if (!doc || !doc.userId.equals(userObjectId(userId))) return null;
    const active = await findByIds(this.insights, [doc.sourceId, doc.targetId], {
      where: { userId: doc.userId, deletedAt: null },
      select: { _id: 1 },
    });
    return active.length === 2 ? doc : null;
  }

  /** Records the user's decision on an open suggestion; null when it was no longer open. */
  async decide(
    id: Types.ObjectId,
    status: Exclude<SuggestionStatus, 'open'>,
    relationshipId: string | null = null,
  ): Promise<SuggestionEntity | null> {
    return this.holdingClaim(id, 'wait', () =>
      this.suggestions
        .findOneAndUpdate(
          { _id: id, status: 'open' },
          { $set: { status, relationshipId: relationshipId ? new Types.ObjectId(relationshipId) : null } },
          { returnDocument: 'after' },
        )
        .lean<SuggestionEntity>(),
    );
  }

  /**
   * Decides the user's open suggestions of these pairs (an import carrying decisions for pairs
   * discovery has proposed meanwhile), each under its claim. Returns how many were decided.
   */
  async decideOpenPairs(
    userId: string,
    pairs: string[],
    status: Exclude<SuggestionStatus, 'open'>,
  ): Promise<number> {
    let decided = 0;
    for (let start = 0; start < pairs.length; start += PAIRS_PER_READ) {
      const open = await this.suggestions
        .find({
          userId: userObjectId(userId),
          pair: trusted({ $in: pairs.slice(start, start + PAIRS_PER_READ) }),
          status: 'open',
        })
        .select({ _id: 1 })
        .lean<{ _id: Types.ObjectId }[]>();
      for (const { _id } of open) if (await this.decide(_id, status)) decided++;
    }
    return decided;
  }

  /**
   * Runs one write of a suggestion holding its claim (see InsightWriteClaimEntity): on FerretDB a
   * conditional update is a read, then a whole-document write, so a rediscovery refreshing an open
   * suggestion could otherwise write `open` back over the user's decision made in between. There
   * is one claim per suggestion (suggestions have no versions). A decision `wait`s for a refresh;
   * a refresh or removal `skip`s a suggestion being decided. A decision that cannot get the claim
   * in time goes ahead without it rather than fail the user's request.
   */
  private async holdingClaim<T>(id: Types.ObjectId, whenHeld: 'wait', write: () => Promise<T>): Promise<T>;
  private async holdingClaim<T>(
    id: Types.ObjectId,
    whenHeld: 'skip',
    write: () => Promise<T>,
  ): Promise<T | 'busy'>;
  private async holdingClaim<T>(
    id: Types.ObjectId,
    whenHeld: 'wait' | 'skip',
    write: () => Promise<T>,
  ): Promise<T | 'busy'> {
    const attempts = whenHeld === 'wait' ? CLAIM_ATTEMPTS : 0;
    const claimed = (await this.claims.claimWaiting(id, SUGGESTION_CLAIM, 'writer', attempts)) === 'claimed';
    if (!claimed && whenHeld === 'skip') return 'busy';
    try {
      return await write();
    } finally {
      if (claimed) await this.claims.release(id, SUGGESTION_CLAIM);
    }
  }

  /** The API's view of a suggestion (after a decision) from one of its insights, its source by default. */
  async view(
    doc: SuggestionEntity,
    fromInsightId = doc.sourceId.toHexString(),
  ): Promise<RelationshipSuggestion> {
    const otherId = doc.sourceId.equals(fromInsightId) ? doc.targetId : doc.sourceId;
    const other = await this.insights.findById(otherId).select({ title: 1 }).lean<{ title: string }>();
    return toSuggestion(doc, fromInsightId, { id: otherId.toHexString(), title: other?.title ?? '' });
  }
}
