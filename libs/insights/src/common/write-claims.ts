import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { type Model, trusted, type Types } from 'mongoose';
import type { InsightWriteClaimEntity, WriteClaimHolder } from '../insights/insight-write-claim.schema';
import { duplicateKeyIndexes, isDuplicateKeyError, retryingWriteConflicts } from './mongo-errors';

/** A claim whose write never completed (a crashed process) can be taken over after this. */
const CLAIM_LIFETIME_MS = 10_000;

/** `claimed`, or who holds the claim right now. */
export type ClaimOutcome = 'claimed' | WriteClaimHolder;

const logger = new Logger('WriteClaims');

/** A document at a version, as a bulk writer read it. */
export interface VersionedRef {
  _id: Types.ObjectId;
  version: number;
}

/**
 * Serialises the writers of one version of one document (see InsightWriteClaimEntity).
 * Release a claim as soon as its write has finished.
 */
export class WriteClaims {
  constructor(private readonly claims: Model<InsightWriteClaimEntity>) {}

  async claim(documentId: Types.ObjectId, version: number, holder: WriteClaimHolder): Promise<ClaimOutcome> {
    const _id = claimId(documentId, version);
    const expiresAt = new Date(Date.now() + CLAIM_LIFETIME_MS);
    try {
      await retryingWriteConflicts(() => this.claims.create({ _id, expiresAt, holder }));
      return 'claimed';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.claims.findById(_id).lean<InsightWriteClaimEntity>();
    if (existing && existing.expiresAt.getTime() > Date.now()) return existing.holder ?? 'writer';
    // The holder never finished (crashed or timed out): take the claim over, once.
    if (existing)
      await retryingWriteConflicts(() => this.claims.deleteOne({ _id, expiresAt: existing.expiresAt }));
    try {
      await retryingWriteConflicts(() => this.claims.create({ _id, expiresAt, holder }));
      return 'claimed';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'writer';
      throw error;
    }
  }

  /**
   * Claims, and while someone `waitFor` accepts holds the claim, waits (backoff) and tries again,
   * at most `attempts` more times. Returns the last outcome.
   */
  async claimWaiting(
    documentId: Types.ObjectId,
    version: number,
    holder: WriteClaimHolder,
    attempts: number,
    waitFor: (held: WriteClaimHolder) => boolean = () => true,
  ): Promise<ClaimOutcome> {
    let outcome = await this.claim(documentId, version, holder);
    for (let attempt = 0; outcome !== 'claimed' && waitFor(outcome) && attempt < attempts; attempt++) {
      await sleep(claimBackoffMs(attempt));
      outcome = await this.claim(documentId, version, holder);
    }
    return outcome;
  }

  async release(documentId: Types.ObjectId, version: number): Promise<void> {
    // A claim left behind would hold the document's next write back until it expires.
    await retryingWriteConflicts(() => this.claims.deleteOne({ _id: claimId(documentId, version) }));
  }

  /**
   * Tries each claim once, all in one insertMany, and says which were taken (true) and which
   * someone else holds (false); waiting for those is the caller's choice.
   */
  async claimAll(refs: VersionedRef[], holder: WriteClaimHolder): Promise<boolean[]> {
    const taken = refs.map(() => true);
    if (refs.length === 0) return taken;
    const expiresAt = new Date(Date.now() + CLAIM_LIFETIME_MS);
    try {
      await this.claims.insertMany(
        refs.map((ref) => ({ _id: claimId(ref._id, ref.version), expiresAt, holder })),
        // Complete documents of plain fields: nothing for Mongoose to cast, default or validate.
        { ordered: false, lean: true },
      );
    } catch (error) {
      for (const index of duplicateKeyIndexes(error)) taken[index] = false;
    }
    return taken;
  }

  async releaseAll(refs: VersionedRef[]): Promise<void> {
    if (refs.length === 0) return;
    const ids = refs.map((ref) => claimId(ref._id, ref.version));
    await retryingWriteConflicts(() => this.claims.deleteMany({ _id: trusted({ $in: ids }) }));
  }

  /**
   * Claims the next `bumps` versions of every document for a bulk update (one insertMany), waiting
   * for claims others hold (they are brief) and taking over abandoned ones. After the rounds run out
   * the bulk update goes ahead without the rest rather than failing the user's request; that is
   * logged. Returns the release of what was claimed.
   */
  async claimMany(docs: VersionedRef[], bumps: number): Promise<() => Promise<void>> {
    const wanted = docs.flatMap((doc) =>
      Array.from({ length: bumps }, (_, bump) => ({ documentId: doc._id, version: doc.version + bump + 1 })),
    );
    const claimed: string[] = [];
    const release = async () => {
      for (let start = 0; start < claimed.length; start += 10_000) {
        await this.claims.deleteMany({ _id: trusted({ $in: claimed.slice(start, start + 10_000) }) });
      }
    };
    if (wanted.length === 0) return release;
    const expiresAt = new Date(Date.now() + CLAIM_LIFETIME_MS);
    const ids = wanted.map((w) => claimId(w.documentId, w.version));
    const held = new Set<number>();
    try {
      await this.claims.insertMany(
        ids.map((_id) => ({ _id, expiresAt, holder: 'writer' })),
        { ordered: false, lean: true },
      );
    } catch (error) {
      for (const index of duplicateKeyIndexes(error)) held.add(index);
    }
    ids.forEach((id, index) => !held.has(index) && claimed.push(id));
    let waiting = [...held];
    for (let round = 0; round < CLAIM_ATTEMPTS && waiting.length > 0; round++) {
      await sleep(claimBackoffMs(round));
      const outcomes = await Promise.all(
        waiting.map((index) => this.claim(wanted[index].documentId, wanted[index].version, 'writer')),
      );
      waiting.forEach((index, i) => outcomes[i] === 'claimed' && claimed.push(ids[index]));
      waiting = waiting.filter((_, i) => outcomes[i] !== 'claimed');
    }
    if (waiting.length > 0) {
      logger.warn(`bulk update goes ahead without ${waiting.length} claims others still hold`);
    }
    return release;
  }
}

function claimId(documentId: Types.ObjectId, version: number): string {
  return `${documentId.toHexString()}-v${version}`;
}

/**
 * How often a writer tries for a claim held by someone else before it gives up (409, retry). The
 * waits below add up to ~1.4 s: enough to outlast the graph sync's brief claims even while it
 * catches up after an outage (found by the fault-injection test), short enough to answer promptly.
 */
export const CLAIM_ATTEMPTS = 8;

/** 10, 20, 40 … 400 ms, jittered, so retrying writers do not collide again in lockstep. */
export function claimBackoffMs(attempt: number): number {
  return Math.min(400, 10 * 2 ** attempt) + Math.floor(Math.random() * 10);
}
