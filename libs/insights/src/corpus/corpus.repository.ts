import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import { corpusChange } from '@insight/analysis';
import { groupedCalls } from '@insight/platform';
import { findByIds } from '../common/find-by-ids';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId, userObjectId } from '../common/object-id';
import {
  type CountedDocument,
  CorpusDocumentEntity,
  CorpusLockEntity,
  CorpusStatsEntity,
  CorpusTermEntity,
  type PendingCorpusChange,
} from './corpus.schema';

/** A crashed holder's lock is taken over after this. */
const LOCK_LIFETIME_MS = 15_000;
/** How long a change waits for the user's lock before it gives up (the job is retried). */
const LOCK_WAIT_MS = 20_000;

/** Whether a document's stems were counted now, or had been already. */
export type CorpusRecordOutcome = 'counted' | 'already-counted' | 'newer-counted';

/** What `record` did, and the user's document count right after (what TF-IDF divides by). */
export interface CorpusRecorded {
  outcome: CorpusRecordOutcome;
  documentCount: number;
}

/** What TF-IDF needs of a user's corpus for one document's stems. */
export interface CorpusFrequencies {
  documentCount: number;
  /** Stem → number of the user's insights containing it (absent: none). */
  frequencies: Map<string, number>;
}

function termId(userId: string, stem: string): string {
  return `${userId}:${stem}`;
}

/** Changes of one user applied in one go: one lock, one round of writes for all of them. */
const MAX_GROUP = 200;

/** One `frequencies` call, as grouped. */
interface FrequenciesRequest {
  userId: string;
  stems: readonly string[];
  documentCount?: number;
}

interface WaitingChange extends CountedDocument {
  /** null: take the insight out of the corpus. */
  nextStems: string[] | null;
  resolve(recorded: CorpusRecorded): void;
  reject(error: unknown): void;
}

/**
 * Each user's document frequencies, kept incrementally: a document's change adds +1 for the
 * stems it gains and −1 for those it loses, never a recount. Changes of one user are serialised
 * by a lock (FerretDB's `$inc` is not atomic) and grouped: while one group is applied, the next
 * changes of that user in this process gather and are applied together, so one user's burst
 * neither crawls nor holds every worker slot. A group is first recorded as `pending` on the
 * user's stats, then applied to counters that remember the last change they took (`seq`), then
 * committed in one write, so a crash at any point is finished by the next change and no insight
 * version is ever counted twice.
 */
@Injectable()
export class CorpusRepository {
  private readonly waiting = new Map<string, WaitingChange[]>();
  // Every analysis reads its stems' frequencies: the reads of concurrent analyses go together.
  private readonly frequenciesGrouped: (request: FrequenciesRequest) => Promise<CorpusFrequencies>;

  constructor(
    @InjectModel(CorpusStatsEntity.name) private readonly stats: Model<CorpusStatsEntity>,
    @InjectModel(CorpusTermEntity.name) private readonly terms: Model<CorpusTermEntity>,
    @InjectModel(CorpusDocumentEntity.name) private readonly documents: Model<CorpusDocumentEntity>,
    @InjectModel(CorpusLockEntity.name) private readonly locks: Model<CorpusLockEntity>,
  ) {
    this.frequenciesGrouped = groupedCalls((requests) => this.frequenciesOfMany(requests));
  }

  /**
   * Makes the user's counters include `version` of the insight with these stems (null: take the
   * insight out). A version at or below the one counted changes nothing.
   */
  record(
    userId: string,
    insightId: string,
    version: number,
    stems: readonly string[] | null,
  ): Promise<CorpusRecorded> {
    const owner = userObjectId(userId);
    if (!parseObjectId(insightId))
      return Promise.reject(new Error(`insight id ${insightId} is not an ObjectId`));
    return new Promise<CorpusRecorded>((resolve, reject) => {
      const queue = this.waiting.get(userId);
      const change: WaitingChange = {
        insightId,
        version,
        stems: stems ? [...stems] : [],
        nextStems: stems ? [...stems] : null,
        resolve,
        reject,
      };
      if (queue) {
        queue.push(change);
        return;
      }
      this.waiting.set(userId, [change]);
      void this.drain(owner);
    });
  }

  /** Applies the user's waiting changes group by group until none is left. */
  private async drain(owner: Types.ObjectId): Promise<void> {
    const userId = owner.toHexString();
    for (;;) {
      const queue = this.waiting.get(userId) ?? [];
      if (queue.length === 0) {
        this.waiting.delete(userId);
        return;
      }
      const group = queue.splice(0, MAX_GROUP);
      try {
        const { outcomes, documentCount } = await this.withLock(owner, () => this.applyGroup(owner, group));
        group.forEach((change, index) => change.resolve({ outcome: outcomes[index], documentCount }));
      } catch (error) {
        for (const change of group) change.reject(error);
      }
    }
  }

  private async applyGroup(
    owner: Types.ObjectId,
    group: WaitingChange[],
  ): Promise<{ outcomes: CorpusRecordOutcome[]; documentCount: number }> {
    const stats = await this.currentStats(owner);
    const ids = [...new Set(group.map((change) => change.insightId))];
    // One read for the whole group, not one per insight.
    const counted = await findByIds<CorpusDocumentEntity, CorpusDocumentEntity>(
      this.documents,
      ids.map((id) => new Types.ObjectId(id)),
    );
    const known = new Map<string, CountedDocument | null>(ids.map((id) => [id, null]));
    for (const doc of counted) {
      const id = doc._id.toHexString();
      known.set(id, { insightId: id, version: doc.version, stems: doc.stems });
    }
    const deltas = new Map<string, number>();
    let documentCountDelta = 0;
    const changed = new Map<string, CountedDocument>();
    const outcomes = group.map((change): CorpusRecordOutcome => {
      const current = known.get(change.insightId) ?? null;
      if (current && current.version > change.version) return 'newer-counted';
      if (current && current.version === change.version) return 'already-counted';
      const diff = corpusChange(current ? current.stems : null, change.nextStems);
      for (const stem of diff.increment) deltas.set(stem, (deltas.get(stem) ?? 0) + 1);
      for (const stem of diff.decrement) deltas.set(stem, (deltas.get(stem) ?? 0) - 1);
      documentCountDelta += diff.documentCountDelta;
      const next = { insightId: change.insightId, version: change.version, stems: change.stems };
      known.set(change.insightId, next);
      changed.set(change.insightId, next);
      return 'counted';
    });
    if (changed.size === 0) return { outcomes, documentCount: stats.documentCount };
    const pending: PendingCorpusChange = {
      seq: stats.seq + 1,
      documents: [...changed.values()],
      deltas: [...deltas].filter(([, delta]) => delta !== 0).map(([stem, delta]) => ({ stem, delta })),
      documentCountDelta,
    };
    await this.stats.updateOne({ _id: owner }, { $set: { pending } });
    await this.apply(owner, pending);
    return { outcomes, documentCount: stats.documentCount + documentCountDelta };
  }

  /**
   * The user's document count and the frequencies of these stems (no read of the count when the
   * caller knows it, e.g. from `record`); concurrent calls share their reads.
   */
  async frequencies(
    userId: string,
    stems: readonly string[],
    documentCount?: number,
  ): Promise<CorpusFrequencies> {
    userObjectId(userId);
    return this.frequenciesGrouped({ userId, stems, documentCount });
  }

  /** The answers of many `frequencies` calls: one read of the counters, one of the counts missing. */
  private async frequenciesOfMany(requests: readonly FrequenciesRequest[]): Promise<CorpusFrequencies[]> {
    const uncounted = [
      ...new Set(requests.filter((r) => r.documentCount === undefined).map((r) => r.userId)),
    ];
    const termIds = [...new Set(requests.flatMap((r) => r.stems.map((stem) => termId(r.userId, stem))))];
    const [stats, terms] = await Promise.all([
      findByIds<CorpusStatsEntity, CorpusStatsEntity>(this.stats, uncounted.map(userObjectId), {
        select: { _id: 1, documentCount: 1 },
      }),
      findByIds<CorpusTermEntity, CorpusTermEntity>(this.terms, termIds, { select: { _id: 1, df: 1 } }),
    ]);
    const counts = new Map(stats.map((s) => [s._id.toHexString(), s.documentCount]));
    const df = new Map(terms.filter((t) => t.df > 0).map((t) => [t._id, t.df]));
    return requests.map(({ userId, stems, documentCount }) => {
      const frequencies = new Map<string, number>();
      for (const stem of stems) {
        const count = df.get(termId(userId, stem));
        if (count !== undefined) frequencies.set(stem, count);
      }
      return { documentCount: documentCount ?? counts.get(userId) ?? 0, frequencies };
    });
  }

  /** The user's stats, first finishing a change a crashed holder left pending. */
  private async currentStats(owner: Types.ObjectId): Promise<CorpusStatsEntity> {
    let stats = await this.stats.findById(owner).lean<CorpusStatsEntity>();
    if (!stats) {
      try {
        await this.stats.create({ _id: owner, documentCount: 0, seq: 0, pending: null });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      stats = await this.stats.findById(owner).lean<CorpusStatsEntity>();
      if (!stats) throw new Error('corpus stats vanished');
    }
    if (stats.pending) {
      await this.apply(owner, stats.pending);
      stats = {
        ...stats,
        documentCount: stats.documentCount + stats.pending.documentCountDelta,
        seq: stats.pending.seq,
        pending: null,
      };
    }
    return stats;
  }

  /**
   * Applies a pending change; safe to repeat: a counter that already took this change (its seq is
   * not below) refuses the guarded upsert with a duplicate key, which is skipped.
   */
  private async apply(owner: Types.ObjectId, change: PendingCorpusChange): Promise<void> {
    const userId = owner.toHexString();
    const operations = change.deltas.map(({ stem, delta }) => ({
      updateOne: {
        filter: { _id: termId(userId, stem), seq: trusted({ $lt: change.seq }) },
        update: { $inc: { df: delta }, $set: { seq: change.seq } },
        upsert: true,
      },
    }));
    if (operations.length > 0) {
      try {
        await this.terms.bulkWrite(operations, { ordered: false });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Replaying a change some counters already took. FerretDB stops an unordered bulk at its
        // first error, so the rest are applied one by one (this only happens after a crash).
        for (const { updateOne } of operations) {
          try {
            await this.terms.updateOne(updateOne.filter, updateOne.update, { upsert: true });
          } catch (single) {
            if (!isDuplicateKeyError(single)) throw single;
          }
        }
      }
    }
    await this.documents.bulkWrite(
      change.documents.map((doc) => {
        const _id = new Types.ObjectId(doc.insightId);
        return {
          replaceOne: {
            filter: { _id },
            replacement: { _id, userId: owner, version: doc.version, stems: doc.stems },
            upsert: true,
          },
        };
      }),
    );
    // One write commits the change: the count, the sequence and the end of `pending`.
    await this.stats.updateOne(
      { _id: owner, seq: trusted({ $lt: change.seq }) },
      { $inc: { documentCount: change.documentCountDelta }, $set: { seq: change.seq, pending: null } },
    );
  }

  private async withLock<T>(owner: Types.ObjectId, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      const expiresAt = new Date(Date.now() + LOCK_LIFETIME_MS);
      try {
        await this.locks.create({ _id: owner, expiresAt });
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const held = await this.locks.findById(owner).lean<CorpusLockEntity>();
      if (held && held.expiresAt.getTime() <= Date.now()) {
        await this.locks.deleteOne({ _id: owner, expiresAt: held.expiresAt });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`corpus of user ${owner.toHexString()} stayed locked`);
      await sleep(Math.min(50, 2 + attempt * 3) + Math.floor(Math.random() * 5));
    }
    try {
      return await work();
    } finally {
      await this.unlock(owner);
    }
  }

  /** The work is done whatever happens here: a release that keeps failing leaves the lock to expire. */
  private async unlock(owner: Types.ObjectId): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.locks.deleteOne({ _id: owner });
        return;
      } catch {
        await sleep(10 * (attempt + 1));
      }
    }
  }
}
