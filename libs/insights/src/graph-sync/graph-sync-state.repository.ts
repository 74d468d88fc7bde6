import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types } from 'mongoose';
import { parseObjectId } from '../common/object-id';
import { retryingWriteConflicts } from '../common/mongo-errors';
import { WriteClaims } from '../common/write-claims';
import { InsightEntity } from '../insights/insight.schema';
import { InsightWriteClaimEntity } from '../insights/insight-write-claim.schema';
import { RelationshipEntity } from '../relationships/relationship.schema';
import type { GraphSyncBacklog, PendingGraphSync } from './graph-sources';

/** The fields of a versioned document the sync state is made of. */
interface SyncState {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  version: number;
  graphVersion: number;
  graphPendingSince?: Date;
  sourceId?: Types.ObjectId;
}

const SYNC_STATE_FIELDS = { _id: 1, userId: 1, version: 1, graphVersion: 1, graphPendingSince: 1 } as const;

/** Whether `markSynced` recorded the version, or why not. */
export type MarkOutcome = 'recorded' | 'already-recorded' | 'gone' | 'superseded';

/**
 * The graph sync's bookkeeping in MongoDB: `graphVersion` (the version the graph reflects) and
 * the `graphPendingSince` marker that every versioned write sets (see InsightEntity).
 */
@Injectable()
export class GraphSyncStateRepository {
  private readonly claims: WriteClaims;

  constructor(
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(RelationshipEntity.name) private readonly relationships: Model<RelationshipEntity>,
    @InjectModel(InsightWriteClaimEntity.name) claims: Model<InsightWriteClaimEntity>,
  ) {
    this.claims = new WriteClaims(claims);
  }

  /** Records that the graph now reflects `version` of the insight; never lowers graphVersion. */
  markInsightSynced(id: string, version: number): Promise<MarkOutcome> {
    return this.markSynced(this.insights as unknown as Model<SyncState>, id, version);
  }

  /** Records that the graph now reflects `version` of the relationship; never lowers graphVersion. */
  markRelationshipSynced(id: string, version: number): Promise<MarkOutcome> {
    return this.markSynced(this.relationships as unknown as Model<SyncState>, id, version);
  }

  /** Insights marked pending since `before` or earlier, oldest first on MongoDB. */
  pendingInsights(before: Date, limit: number): Promise<PendingGraphSync[]> {
    return this.pending(this.insights as unknown as Model<SyncState>, before, limit);
  }

  /** Relationships marked pending since `before` or earlier. */
  pendingRelationships(before: Date, limit: number): Promise<PendingGraphSync[]> {
    return this.pending(this.relationships as unknown as Model<SyncState>, before, limit);
  }

  /** How many insights the graph is behind on, and since when (the sparse index on MongoDB). */
  async insightBacklog(): Promise<GraphSyncBacklog> {
    const marked = { graphPendingSince: trusted({ $exists: true }) };
    const [pending, oldest] = await Promise.all([
      this.insights.countDocuments(marked),
      this.insights
        .findOne(marked)
        .sort({ graphPendingSince: 1 })
        .select({ graphPendingSince: 1 })
        .lean<{ graphPendingSince?: Date }>(),
    ]);
    return { pending, oldestPendingSince: oldest?.graphPendingSince ?? null };
  }

  /**
   * On FerretDB 1.24 an update is a read and a whole-document write by `_id` that does not re-check
   * the filter, so a write racing this one could be undone by it. The claim on the next version
   * keeps the API's writers out (they wait for it rather than failing) while this reads the
   * version again and writes by `_id` alone (the only filter FerretDB serves from an index).
   */
  private async markSynced(model: Model<SyncState>, id: string, version: number): Promise<MarkOutcome> {
    const _id = parseObjectId(id);
    if (!_id) return 'gone';
    const before = await model.findById(_id).select(SYNC_STATE_FIELDS).lean<SyncState>();
    if (!before) return 'gone';
    if (!needsUpdate(before, version)) return 'already-recorded';
    // The analysis storing its result holds the claim for a moment and produces no version: wait.
    const claim = await this.claims.claimWaiting(
      _id,
      before.version + 1,
      'graph-sync',
      20,
      (held) => held === 'analysis',
    );
    if (claim !== 'claimed') {
      return 'superseded'; // a writer is producing the next version; its own sync records it
    }
    try {
      const current = await model.findById(_id).select(SYNC_STATE_FIELDS).lean<SyncState>();
      if (!current) return 'gone';
      if (current.version !== before.version) return 'superseded';
      if (!needsUpdate(current, version)) return 'already-recorded';
      const caughtUp = current.version <= version;
      // Reconciliation and rebuilds record many of these at once.
      await retryingWriteConflicts(() =>
        model.updateOne(
          { _id },
          {
            ...(current.graphVersion < version ? { $max: { graphVersion: version } } : {}),
            ...(caughtUp ? { $unset: { graphPendingSince: 1 } } : {}),
          },
          { timestamps: false },
        ),
      );
      return 'recorded';
    } finally {
      await this.claims.release(_id, before.version + 1);
    }
  }

  private async pending(model: Model<SyncState>, before: Date, limit: number): Promise<PendingGraphSync[]> {
    const docs = await model
      .find({ graphPendingSince: trusted({ $lte: before }) })
      .sort({ graphPendingSince: 1 })
      .limit(limit)
      .select({ ...SYNC_STATE_FIELDS, sourceId: 1 })
      .lean<SyncState[]>();
    return docs.map((doc) => ({
      id: doc._id.toHexString(),
      userId: doc.userId.toHexString(),
      version: doc.version,
      ...(doc.sourceId ? { sourceId: doc.sourceId.toHexString() } : {}),
    }));
  }
}

/** Behind on graphVersion, or still marked pending although the graph caught up. */
function needsUpdate(doc: SyncState, version: number): boolean {
  return doc.graphVersion < version || (doc.graphPendingSince !== undefined && doc.version <= version);
}
