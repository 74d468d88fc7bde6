import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types } from 'mongoose';
import type { InsightTextAnalysis } from '@insight/contracts';
import { groupedCalls } from '@insight/platform';
import { findByIds } from '../common/find-by-ids';
import { groupedFindById } from '../common/grouped-find-by-id';
import { parseObjectId } from '../common/object-id';
import { WriteClaims } from '../common/write-claims';
import { graphPending } from '../insights/insight-versions';
import { InsightEntity } from '../insights/insight.schema';
import { InsightWriteClaimEntity } from '../insights/insight-write-claim.schema';

/** An insight as the analysis and the related-insight discovery read it. */
export interface AnalysisSource {
  id: string;
  userId: string;
  title: string;
  content: string;
  summary: string | null;
  tags: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  analysis: Partial<InsightTextAnalysis> | null;
}

/**
 * When an analysis was made (ms; 0 when there is none or it has no date). Within one version the
 * later analysis wins, in MongoDB (the store) as in the graph (the projection's `analysisStamp`).
 */
export function analysisStamp(analysis: { analysedAt?: unknown } | null | undefined): number {
  const at = typeof analysis?.analysedAt === 'string' ? Date.parse(analysis.analysedAt) : NaN;
  return Number.isFinite(at) ? at : 0;
}

/** Rounds an analysis waits for the graph sync's brief claim before it gives up (and is retried). */
const BOOKKEEPING_CLAIM_ATTEMPTS = 20;

/** Whether a result was stored, or why not. */
export type AnalysisStoreOutcome = 'stored' | 'gone' | 'superseded';

const SOURCE_FIELDS = {
  _id: 1,
  userId: 1,
  title: 1,
  content: 1,
  summary: 1,
  tags: 1,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  deletedAt: 1,
  analysis: 1,
} as const;

type SourceDoc = Pick<InsightEntity, keyof typeof SOURCE_FIELDS>;

/** What related-insight scoring reads of a candidate: no text, which it does not need. */
export type ScoringSource = Pick<AnalysisSource, 'id' | 'tags' | 'version' | 'createdAt'> & {
  analysis: Pick<Partial<InsightTextAnalysis>, 'insightVersion' | 'keywords' | 'sentiment'> | null;
};

const SCORING_FIELDS = {
  _id: 1,
  userId: 1,
  tags: 1,
  version: 1,
  createdAt: 1,
  deletedAt: 1,
  'analysis.insightVersion': 1,
  'analysis.keywords': 1,
  'analysis.sentiment': 1,
} as const;

type ScoringDoc = Pick<InsightEntity, '_id' | 'userId' | 'tags' | 'version' | 'createdAt' | 'deletedAt'> & {
  analysis?: ScoringSource['analysis'];
};

/** One analysis result to store (see `store`). */
interface StoreRequest {
  _id: Types.ObjectId;
  version: number;
  analysis: InsightTextAnalysis;
  generatedSummary: string | null;
  projected: boolean;
}

/** The update that stores a result on the current document; null when that holds a later analysis. */
function storeUpdate(request: StoreRequest, current: SourceDoc): Record<string, unknown> | null {
  const { version, analysis, generatedSummary, projected } = request;
  if (
    current.analysis?.insightVersion === version &&
    analysisStamp(current.analysis) > analysisStamp(analysis)
  )
    return null;
  const result = {
    analysis,
    status: 'processed',
    ...(generatedSummary && !current.summary?.trim() ? { summary: generatedSummary } : {}),
  };
  return projected
    ? { $set: result, $max: { graphVersion: version }, $unset: { graphPendingSince: 1 } }
    : { $set: result, $min: graphPending() };
}

function toSource(doc: SourceDoc): AnalysisSource {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    title: doc.title,
    content: doc.content ?? '',
    summary: doc.summary ?? null,
    tags: doc.tags ?? [],
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deletedAt: doc.deletedAt ?? null,
    analysis: (doc.analysis as Partial<InsightTextAnalysis> | null) ?? null,
  };
}

/**
 * Reads insights for the analysis and stores its result on the version it analysed. The result
 * produces no new version (the user's ETag stays valid), so it is written like the graph sync's
 * bookkeeping: claimed on the next version, re-read, then written by `_id` (see write-claims).
 */
@Injectable()
export class InsightAnalysisRepository {
  private readonly claims: WriteClaims;
  // Each analysis and discovery job makes these calls: grouped (see groupedCalls).
  private readonly sourceById: (id: Types.ObjectId) => Promise<SourceDoc | null>;
  private readonly scoringById: (id: Types.ObjectId) => Promise<ScoringDoc | null>;
  private readonly storeGrouped: (request: StoreRequest) => Promise<AnalysisStoreOutcome | 'claim-held'>;

  constructor(
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(InsightWriteClaimEntity.name) claims: Model<InsightWriteClaimEntity>,
  ) {
    this.claims = new WriteClaims(claims);
    this.sourceById = groupedFindById<SourceDoc, InsightEntity>(insights, SOURCE_FIELDS);
    this.scoringById = groupedFindById<ScoringDoc, InsightEntity>(insights, SCORING_FIELDS);
    this.storeGrouped = groupedCalls((requests) => this.storeMany(requests));
  }

  /** Any owner's insight, in the trash or not; null when it does not exist. */
  async source(id: string): Promise<AnalysisSource | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    const doc = await this.sourceById(objectId);
    return doc ? toSource(doc) : null;
  }

  /**
   * Those of `ids` that are the user's insights outside the trash, as related-insight scoring
   * reads them (a discovery reads ~50 candidates: their text would be most of the bytes).
   */
  async scoringOf(userId: Types.ObjectId, ids: Types.ObjectId[]): Promise<ScoringSource[]> {
    const docs = await Promise.all(ids.map((id) => this.scoringById(id)));
    return docs
      .filter((doc): doc is ScoringDoc => doc !== null && doc.userId.equals(userId) && !doc.deletedAt)
      .map((doc) => ({
        id: doc._id.toHexString(),
        tags: doc.tags ?? [],
        version: doc.version,
        createdAt: doc.createdAt,
        analysis: doc.analysis ?? null,
      }));
  }

  /**
   * Processed insights outside the trash (any owner) whose content or fields changed since
   * `since`, oldest change first, at most `limit` (the `changed_since` index on MongoDB).
   */
  async changedSince(since: Date, limit: number): Promise<{ id: string; userId: string; version: number }[]> {
    const docs = await this.insights
      .find({ updatedAt: trusted({ $gte: since }), deletedAt: null, status: 'processed' })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .select({ _id: 1, userId: 1, version: 1 })
      .lean<{ _id: Types.ObjectId; userId: Types.ObjectId; version: number }[]>();
    return docs.map((doc) => ({
      id: doc._id.toHexString(),
      userId: doc.userId.toHexString(),
      version: doc.version,
    }));
  }

  /**
   * Stores the analysis of `version` and marks the insight processed (filling `summary` with
   * `generatedSummary` when the user left it empty); a newer version, or a later analysis of this
   * one already stored, makes it `superseded` (the graph keeps the later analysis too).
   * `projected`: the graph already holds this version with this analysis, so graphVersion is
   * recorded in the same write; otherwise the graph marker is set and reconciliation projects it.
   */
  async store(
    id: string,
    version: number,
    analysis: InsightTextAnalysis,
    generatedSummary: string | null,
    projected: boolean,
  ): Promise<AnalysisStoreOutcome> {
    const _id = parseObjectId(id);
    if (!_id) return 'gone';
    const request = { _id, version, analysis, generatedSummary, projected };
    const outcome = await this.storeGrouped(request);
    if (outcome !== 'claim-held') return outcome;
    // Someone holds this version's claim: wait for them on its own, not holding the group up.
    return this.writeOnVersion(_id, version, (doc) => storeUpdate(request, doc));
  }

  /**
   * Stores results together: their claims in one insert, the documents in one read and the
   * updates in one bulk write. A result whose claim someone else holds (the graph sync's
   * bookkeeping, a user's write) is left to `store`.
   */
  private async storeMany(
    requests: readonly StoreRequest[],
  ): Promise<(AnalysisStoreOutcome | 'claim-held')[]> {
    const refs = requests.map((request) => ({ _id: request._id, version: request.version + 1 }));
    const taken = await this.claims.claimAll(refs, 'analysis');
    const outcomes = taken.map((claimed): AnalysisStoreOutcome | 'claim-held' =>
      claimed ? 'superseded' : 'claim-held',
    );
    const mine = requests.flatMap((request, index) => (taken[index] ? [index] : []));
    try {
      const docs = await findByIds<SourceDoc, InsightEntity>(
        this.insights,
        mine.map((index) => requests[index]._id),
        { select: SOURCE_FIELDS },
      );
      const current = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
      const writes = [];
      for (const index of mine) {
        const request = requests[index];
        const doc = current.get(request._id.toHexString());
        if (!doc) outcomes[index] = 'gone';
        else if (doc.version === request.version) {
          const update = storeUpdate(request, doc);
          if (update) {
            writes.push({ updateOne: { filter: { _id: request._id }, update, timestamps: false } });
            outcomes[index] = 'stored';
          }
        }
      }
      if (writes.length > 0) await this.insights.bulkWrite(writes as never, { ordered: false });
    } finally {
      await this.claims.releaseAll(mine.map((index) => refs[index]));
    }
    return outcomes;
  }

  /** Marks `version` failed with the reason, keeping the last analysis there was. */
  markFailed(id: string, version: number, error: string): Promise<AnalysisStoreOutcome> {
    const _id = parseObjectId(id);
    if (!_id) return Promise.resolve('gone');
    return this.writeOnVersion(_id, version, (current) => ({
      $set: {
        status: 'failed',
        analysis: { ...(current.analysis ?? {}), error, insightVersion: version },
      },
    }));
  }

  /**
   * Claims the next version, waiting while another bookkeeping write (the graph sync recording
   * graphVersion, another analysis of this version) holds it for a moment.
   * @throws when they keep holding it (the job is retried)
   */
  private async claimBesideBookkeeping(_id: Types.ObjectId, version: number): Promise<'claimed' | 'writer'> {
    const claim = await this.claims.claimWaiting(
      _id,
      version + 1,
      'analysis',
      BOOKKEEPING_CLAIM_ATTEMPTS - 1,
      (held) => held !== 'writer',
    );
    if (claim === 'claimed' || claim === 'writer') return claim;
    throw new Error(`insight ${_id.toHexString()} v${version + 1} stayed claimed by bookkeeping writes`);
  }

  private async writeOnVersion(
    _id: Types.ObjectId,
    version: number,
    /** null: the stored state is newer than this result, which is dropped. */
    build: (current: SourceDoc) => Record<string, unknown> | null,
  ): Promise<AnalysisStoreOutcome> {
    // No read before the claim: the job read this version moments ago, and the read under the
    // claim tells a newer version anyway.
    const claim = await this.claimBesideBookkeeping(_id, version);
    // A user's write is producing the next version: this result is for content about to change.
    if (claim === 'writer') return 'superseded';
    try {
      const current = await this.insights.findById(_id).select(SOURCE_FIELDS).lean<SourceDoc>();
      if (!current) return 'gone';
      if (current.version !== version) return 'superseded';
      const update = build(current);
      if (!update) return 'superseded';
      await this.insights.updateOne({ _id }, update, { timestamps: false });
      return 'stored';
    } finally {
      await this.claims.release(_id, version + 1);
    }
  }
}
