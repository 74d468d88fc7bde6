import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { GraphInventoryService, InsightProjectionService, type ProjectedKind } from '@insight/graph';
import {
  type CategorySource,
  GraphSourcesRepository,
  GraphSyncStateRepository,
  type InsightSource,
  type PendingGraphSync,
  type RelationshipSource,
} from '@insight/insights';
import { APP_CONFIG, type AppConfig, GraphLagStore } from '@insight/platform';
import type {
  ReconcileResult,
  RequeueTally,
  SweepResult,
  SweepTally,
} from '../../graph/graph-maintenance-jobs';
import { type GraphSyncJobData, insightJobId, relationshipJobId } from '../../insights/insight-jobs';
import { QUEUES } from '../../queues/queue-names';
import { categoryGraphDocument, insightGraphDocument, relationshipGraphDocument } from './graph-documents';
import { OwnershipFingerprints } from './ownership-fingerprints';

/** Most documents one reconciliation re-enqueues; the next period takes the rest. */
const RECONCILE_LIMIT = 5000;
/** Job states looked up at once (each is one small Redis script). */
const STATE_CHUNK = 200;
/** Documents read and projected per batch by the sweep and the rebuild. */
const PROJECTION_BATCH = 1000;
/** graphVersion writes in flight at once (each is a claimed read-write in MongoDB). */
const MARK_CONCURRENCY = 8;
/** User ids per batch when finding which of ours have a projection. */
const USER_CHUNK = 1000;
/** Ids per batch when reading who owns what. */
const OWNERSHIP_BATCH = 5000;

interface SyncJob {
  jobId: string;
  data: GraphSyncJobData;
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
export async function eachLimited<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Keeps the projection equal to MongoDB when jobs were lost (Redis down during a write) or gave
 * up (Neo4j down longer than their retries): reconciliation re-enqueues documents behind the
 * graph; the sweep compares MongoDB with Neo4j user by user and repairs the difference.
 */
@Injectable()
export class GraphReconcilerService {
  private readonly logger = new Logger(GraphReconcilerService.name);

  constructor(
    @InjectQueue(QUEUES.graphSync) private readonly graphSync: Queue<GraphSyncJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: GraphSourcesRepository,
    private readonly state: GraphSyncStateRepository,
    private readonly inventory: GraphInventoryService,
    private readonly projection: InsightProjectionService,
    private readonly lag: GraphLagStore,
  ) {}

  /** Re-enqueues the sync of every document behind the graph for longer than the threshold. */
  async reconcile(period: string): Promise<ReconcileResult> {
    const before = new Date(Date.now() - this.config.GRAPH_RECONCILE_THRESHOLD_SECONDS * 1000);
    const [insights, relationships] = await Promise.all([
      this.state.pendingInsights(before, RECONCILE_LIMIT),
      this.state.pendingRelationships(before, RECONCILE_LIMIT),
    ]);
    const result = {
      insights: await this.requeue(insights.map(insightSyncJob), period),
      relationships: await this.requeue(relationships.map(relationshipSyncJob), period),
    };
    if (result.insights.pending + result.relationships.pending > 0) {
      this.logger.log({ result }, 'graph reconciliation re-enqueued documents behind the graph');
    }
    await this.measureLag();
    return result;
  }

  /**
   * Counts the insights behind the graph and records the count and the oldest one's age for
   * readiness and metrics. On FerretDB that count is a scan, so it runs here, once per period
   * across replicas, rather than on every probe or scrape. A failure only costs freshness.
   */
  async measureLag(): Promise<void> {
    try {
      const backlog = await this.state.insightBacklog();
      await this.lag.save({
        pending: backlog.pending,
        oldestPendingSince: backlog.oldestPendingSince?.toISOString() ?? null,
        measuredAt: new Date().toISOString(),
      });
    } catch (error) {
      this.logger.warn(`graph lag not measured: ${(error as Error).message}`);
    }
  }

  /**
   * Compares what every user of this database owns in MongoDB (one pass over each collection,
   * summarised per user) with what Neo4j holds for that user (read per user through the (userId,
   * id) indexes, in bounded pages); for each user whose sets differ, projects what is missing and
   * removes what is gone. Users unknown to this database (other installations sharing the Neo4j)
   * are never read.
   */
  async sweep(): Promise<SweepResult> {
    const result: SweepResult = {};
    for (const kind of ['categories', 'insights', 'relationships'] as const) {
      result[kind] = await this.sweepKind(kind);
    }
    for await (const users of this.ourProjectedUsers()) await this.projection.removeOrphanTags(users);
    const changed = Object.values(result).some((t: SweepTally) => t.removed + t.projected > 0);
    if (changed) this.logger.log({ result }, 'graph sweep repaired the projection');
    return result;
  }

  /**
   * The accounts of this database with anything projected, in batches: user ids read from MongoDB,
   * each batch looked up in Neo4j by index (never a scan of the shared graph).
   */
  async *ourProjectedUsers(): AsyncGenerator<string[]> {
    for await (const users of this.sources.userIds(USER_CHUNK)) {
      const projected = await this.inventory.projectedUsers(users);
      if (projected.length > 0) yield projected;
    }
  }

  private async sweepKind(kind: ProjectedKind): Promise<SweepTally> {
    const inMongo = new OwnershipFingerprints();
    for await (const batch of this.sources.ownership(kind, OWNERSHIP_BATCH)) {
      for (const { id, userId } of batch) inMongo.add(userId, id);
    }
    const tally: SweepTally = { usersCompared: 0, removed: 0, projected: 0 };
    const compare = async (userId: string) => {
      const inGraph = new OwnershipFingerprints();
      for await (const ids of this.inventory.idsOfUser(kind, userId, OWNERSHIP_BATCH)) {
        for (const id of ids) inGraph.add(userId, id);
      }
      if (inMongo.sameFor(userId, inGraph)) return;
      tally.usersCompared++;
      const { removed, projected } = await this.repairUser(kind, userId);
      tally.removed += removed;
      tally.projected += projected;
    };
    const mongoUsers = new Set(inMongo.users());
    for (const userId of mongoUsers) await compare(userId);
    // Accounts with a projection but no document of this kind left in MongoDB.
    for await (const users of this.ourProjectedUsers()) {
      for (const userId of users) if (!mongoUsers.has(userId)) await compare(userId);
    }
    return tally;
  }

  /** One user's documents against their projection: projects what is missing, removes what is gone. */
  private async repairUser(
    kind: ProjectedKind,
    userId: string,
  ): Promise<{ removed: number; projected: number }> {
    const projected = new Set<string>();
    for await (const ids of this.inventory.idsOfUser(kind, userId, OWNERSHIP_BATCH)) {
      for (const id of ids) projected.add(id);
    }
    const inMongo = new Set<string>();
    let added = 0;
    for await (const batch of this.streamOfUser(kind, userId)) {
      for (const doc of batch) inMongo.add(doc.id);
      const missing = (batch as { id: string }[]).filter((doc) => !projected.has(doc.id));
      if (missing.length > 0) {
        added += await this.projectBatch(
          kind,
          missing as InsightSource[] | RelationshipSource[] | CategorySource[],
        );
      }
    }
    const gone = [...projected].filter((id) => !inMongo.has(id));
    if (kind === 'insights') await this.projection.removeInsights(gone);
    if (kind === 'categories') await this.projection.removeCategories(gone);
    if (kind === 'relationships') await this.projection.removeRelationships(userId, gone);
    return { removed: gone.length, projected: added };
  }

  private streamOfUser(
    kind: ProjectedKind,
    userId: string,
  ): AsyncGenerator<InsightSource[] | RelationshipSource[] | CategorySource[]> {
    if (kind === 'insights') return this.sources.streamInsights(PROJECTION_BATCH, userId);
    if (kind === 'relationships') return this.sources.streamRelationships(PROJECTION_BATCH, userId);
    return this.sources.streamCategories(PROJECTION_BATCH, userId);
  }

  /**
   * Projects a batch of one kind in one UNWIND and records graphVersion where it was behind.
   * Returns how many are in the graph now (relationships whose insights are missing are not).
   */
  async projectBatch(
    kind: ProjectedKind,
    docs: InsightSource[] | RelationshipSource[] | CategorySource[],
  ): Promise<number> {
    if (kind === 'categories') {
      await this.projection.upsertCategories((docs as CategorySource[]).map(categoryGraphDocument));
      return docs.length;
    }
    if (kind === 'insights') {
      const insights = docs as InsightSource[];
      await this.projection.upsertInsights(insights.map(insightGraphDocument));
      const behind = insights.filter((doc) => doc.graphVersion < doc.version);
      await eachLimited(behind, MARK_CONCURRENCY, (doc) => this.state.markInsightSynced(doc.id, doc.version));
      return insights.length;
    }
    const relationships = docs as RelationshipSource[];
    const outcomes = await this.projection.upsertRelationships(relationships.map(relationshipGraphDocument));
    const inGraph = relationships.filter((doc) => outcomes.get(doc.id) !== 'missing');
    const behind = inGraph.filter((doc) => doc.graphVersion < doc.version);
    await eachLimited(behind, MARK_CONCURRENCY, (doc) =>
      this.state.markRelationshipSynced(doc.id, doc.version),
    );
    return inGraph.length;
  }

  /**
   * A job per document, unless one is already waiting or running: a failed one is retried, a
   * completed one (that did not catch up, e.g. its write of graphVersion lost to a newer write
   * that then failed) gets a successor whose id names this period.
   */
  private async requeue(jobs: SyncJob[], period: string): Promise<RequeueTally> {
    const tally: RequeueTally = { pending: jobs.length, enqueued: 0, retried: 0, queued: 0 };
    for (const chunk of chunks(jobs, STATE_CHUNK)) {
      const states = await Promise.all(chunk.map((job) => this.graphSync.getJobState(job.jobId)));
      const toAdd: { name: string; data: GraphSyncJobData; opts: JobsOptions }[] = [];
      const toRetry: string[] = [];
      chunk.forEach((job, index) => {
        const state = states[index];
        if (state === 'unknown')
          toAdd.push({ name: 'reconciled', data: job.data, opts: { jobId: job.jobId } });
        else if (state === 'completed') {
          toAdd.push({ name: 'reconciled', data: job.data, opts: { jobId: `${job.jobId}-r${period}` } });
        } else if (state === 'failed') toRetry.push(job.jobId);
        else tally.queued++;
      });
      if (toAdd.length > 0) await this.graphSync.addBulk(toAdd);
      tally.enqueued += toAdd.length;
      for (const jobId of toRetry) {
        const job = await this.graphSync.getJob(jobId);
        await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      }
      tally.retried += toRetry.length;
    }
    return tally;
  }
}

function insightSyncJob(pending: PendingGraphSync): SyncJob {
  return {
    jobId: insightJobId(pending.id, pending.version),
    data: {
      kind: 'insight',
      insightId: pending.id,
      userId: pending.userId,
      version: pending.version,
      reason: 'reconciled',
    },
  };
}

function relationshipSyncJob(pending: PendingGraphSync): SyncJob {
  return {
    jobId: relationshipJobId(pending.id, pending.version),
    data: {
      kind: 'relationship',
      relationshipId: pending.id,
      userId: pending.userId,
      version: pending.version,
      sourceId: pending.sourceId ?? '',
      reason: 'reconciled',
    },
  };
}
