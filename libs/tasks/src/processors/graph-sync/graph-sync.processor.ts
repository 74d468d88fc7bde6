import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import type { GraphSyncJobData, InsightSyncJobData } from '../../insights/insight-jobs';
import { QUEUES } from '../../queues/queue-names';
import { type GraphSyncResult, GraphSyncService } from './graph-sync.service';

/** Jobs enqueued before job kinds existed carry an insight's fields only. */
type StoredGraphSyncJobData = GraphSyncJobData | Omit<InsightSyncJobData, 'kind'>;

/** Projects insights, relationships and categories into Neo4j, one job per change. */
@Processor(QUEUES.graphSync)
export class GraphSyncProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sync: GraphSyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Jobs of different documents are independent; each one is a few short round trips.
    this.worker.concurrency = this.config.GRAPH_SYNC_CONCURRENCY;
  }

  process(job: Job<StoredGraphSyncJobData>): Promise<GraphSyncResult> {
    const data = job.data;
    if (!('kind' in data) || data.kind === 'insight') return this.sync.syncInsight(data.insightId);
    if (data.kind === 'relationship') return this.sync.syncRelationship(data.relationshipId, data.sourceId);
    return this.sync.syncCategory(data.categoryId);
  }
}
