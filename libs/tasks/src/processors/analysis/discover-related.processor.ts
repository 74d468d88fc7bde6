import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { InsightAnalysisRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import type { DiscoverRelatedJobData, RediscoverChangedJobData } from '../../insights/insight-jobs';
import { QUEUES } from '../../queues/queue-names';
import { type DiscoveryResult, RelatedDiscoveryService } from './related-discovery.service';

/** Most insights one scheduled re-discovery queues; the next period takes what is left. */
const REDISCOVERY_LIMIT = 10_000;
const BULK_SLICE = 1000;

/** Related-insight discovery after each analysis, and the scheduled re-discovery of what changed. */
@Processor(QUEUES.discoverRelated)
export class DiscoverRelatedProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: RelatedDiscoveryService,
    private readonly insights: InsightAnalysisRepository,
    @InjectQueue(QUEUES.discoverRelated) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** Every analysis queues a discovery: one at a time would fall behind the analyses. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.ANALYSIS_CONCURRENCY;
  }

  async process(
    job: Job<DiscoverRelatedJobData | RediscoverChangedJobData>,
  ): Promise<DiscoveryResult | { queued: number }> {
    if (job.name === 'rediscover-changed') {
      return this.rediscoverChanged(job.data as RediscoverChangedJobData);
    }
    return this.discovery.discover((job.data as DiscoverRelatedJobData).insightId);
  }

  /** Queues one discovery per insight changed since the period's start (ids carry the period). */
  private async rediscoverChanged(data: RediscoverChangedJobData): Promise<{ queued: number }> {
    const changed = await this.insights.changedSince(new Date(data.since), REDISCOVERY_LIMIT);
    for (let start = 0; start < changed.length; start += BULK_SLICE) {
      await this.queue.addBulk(
        changed.slice(start, start + BULK_SLICE).map((insight) => ({
          name: 'discover',
          data: {
            insightId: insight.id,
            userId: insight.userId,
            version: insight.version,
            reason: 'nightly',
          },
          opts: { jobId: `${insight.id}-n${data.period}` },
        })),
      );
    }
    return { queued: changed.length };
  }
}
