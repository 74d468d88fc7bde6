import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import type { AnalyzeInsightJobData } from '../../insights/insight-jobs';
import { QUEUES } from '../../queues/queue-names';
import { WebhookEventsProducer } from '../../webhooks/webhook-events.producer';
import { type AnalysisResult, InsightAnalysisService } from './insight-analysis.service';

/** Analyses insights, one job per version (or per reprocess request). */
@Processor(QUEUES.analyzeInsight)
export class AnalyzeInsightProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyzeInsightProcessor.name);

  constructor(
    private readonly analysis: InsightAnalysisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhookEvents: WebhookEventsProducer,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.ANALYSIS_CONCURRENCY;
  }

  async process(job: Job<AnalyzeInsightJobData>): Promise<AnalysisResult> {
    const { insightId, userId, version } = job.data;
    const result = await this.analysis.analyse(insightId, version);
    if (result.outcome === 'stored') {
      await this.webhookEvents.publish(userId, 'insight.processed', {
        insightId,
        version,
        language: result.language ?? null,
      });
    }
    return result;
  }

  /** After the last retry the insight shows `failed` with the reason; earlier failures are retried. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<AnalyzeInsightJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.warn(
      { insightId: job.data.insightId, version: job.data.version, attempt: job.attemptsMade, err: error },
      'analysis failed',
    );
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    try {
      await this.analysis.failed(job.data.userId, job.data.insightId, job.data.version, error.message);
    } catch (markError) {
      this.logger.warn(`could not mark ${job.data.insightId} failed: ${(markError as Error).message}`);
    }
  }
}
