import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { JobAccepted } from '@insight/contracts';
import { DependencyUnavailableException, withTimeout } from '@insight/platform';
import { publicJobId } from '../jobs/job-ids';
import { QUEUES } from '../queues/queue-names';
import {
  type AnalyzeInsightJobData,
  type CategoryChange,
  categoryDeleteJobId,
  categoryJobId,
  type GraphSyncJobData,
  type InsightChange,
  insightJobId,
  insightPurgeJobId,
  type RelationshipChange,
  relationshipDeleteJobId,
  relationshipJobId,
  reprocessJobId,
} from './insight-jobs';

/** How long a write waits for Redis before it answers anyway. */
const ENQUEUE_TIMEOUT_MS = 1000;
/** addBulk sends one MULTI per call; bulk tag/category changes are cut into slices of this size. */
const BULK_SLICE = 1000;

interface BulkJob<T> {
  name: string;
  data: T;
  opts: JobsOptions;
}

/**
 * Enqueues `graph-sync` (every change of an insight, relationship or category) and
 * `analyze-insight` (new or changed text) after a write has committed. Never throws: Redis being
 * down must not fail or undo a user's write; the reconciliation job re-enqueues every document
 * whose graphVersion < version.
 */
@Injectable()
export class InsightJobsProducer {
  private readonly logger = new Logger(InsightJobsProducer.name);

  constructor(
    @InjectQueue(QUEUES.graphSync) private readonly graphSync: Queue<GraphSyncJobData>,
    @InjectQueue(QUEUES.analyzeInsight) private readonly analyzeInsight: Queue<AnalyzeInsightJobData>,
  ) {}

  async changed(changes: InsightChange[]): Promise<void> {
    if (changes.length === 0) return;
    const syncJobs: BulkJob<GraphSyncJobData>[] = changes.map(({ insightId, userId, version, reason }) => ({
      name: reason,
      data: { kind: 'insight', insightId, userId, version, reason },
      opts: { jobId: reason === 'purged' ? insightPurgeJobId(insightId) : insightJobId(insightId, version) },
    }));
    const analysisJobs: BulkJob<AnalyzeInsightJobData>[] = changes
      .filter((change) => change.analyze && change.reason !== 'purged')
      .map(({ insightId, userId, version }) => ({
        name: 'analyze',
        data: { insightId, userId, version },
        opts: { jobId: insightJobId(insightId, version) },
      }));
    await Promise.all([
      this.enqueue(this.graphSync, syncJobs),
      this.enqueue(this.analyzeInsight, analysisJobs),
    ]);
  }

  /**
   * Runs the analysis of the insight's current version again (`POST /insights/:id/reprocess`).
   * @throws DependencyUnavailableException while Redis is unreachable: the caller asked for a job.
   */
  async reprocess(insightId: string, userId: string, version: number): Promise<JobAccepted> {
    const jobId = reprocessJobId(insightId, version, Date.now());
    try {
      await withTimeout(
        this.analyzeInsight.add('reprocess', { insightId, userId, version }, { jobId }),
        ENQUEUE_TIMEOUT_MS,
        'redis',
      );
    } catch {
      throw new DependencyUnavailableException('redis');
    }
    const id = publicJobId(QUEUES.analyzeInsight, jobId);
    return { jobId: id, queue: QUEUES.analyzeInsight, statusUrl: `/api/v1/jobs/${id}` };
  }

  async relationshipsChanged(changes: RelationshipChange[]): Promise<void> {
    await this.enqueue(
      this.graphSync,
      changes.map(({ relationshipId, userId, version, sourceId, reason }) => ({
        name: `relationship-${reason}`,
        data: { kind: 'relationship', relationshipId, userId, version, sourceId, reason },
        opts: {
          jobId:
            reason === 'deleted'
              ? relationshipDeleteJobId(relationshipId)
              : relationshipJobId(relationshipId, version),
        },
      })),
    );
  }

  async categoriesChanged(changes: CategoryChange[]): Promise<void> {
    await this.enqueue(
      this.graphSync,
      changes.map(({ categoryId, userId, changedAt, reason }) => ({
        name: `category-${reason}`,
        data: { kind: 'category', categoryId, userId, reason },
        opts: {
          jobId:
            reason === 'deleted' ? categoryDeleteJobId(categoryId) : categoryJobId(categoryId, changedAt),
        },
      })),
    );
  }

  private async enqueue<T>(queue: Queue<T>, jobs: BulkJob<T>[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += BULK_SLICE) {
      const slice = jobs.slice(start, start + BULK_SLICE);
      try {
        // addBulk's typing wants the queue's name type; our job names are free-form strings.
        await withTimeout(
          queue.addBulk(slice as Parameters<Queue<T>['addBulk']>[0]),
          ENQUEUE_TIMEOUT_MS,
          'redis',
        );
      } catch (error) {
        this.logger.warn(
          {
            err: error,
            queue: queue.name,
            jobIds: slice.slice(0, 20).map((job) => job.opts.jobId),
            count: slice.length,
          },
          'could not enqueue graph/analysis jobs; reconciliation will re-enqueue them',
        );
        return;
      }
    }
  }
}
