import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { GraphModule, RelatedCandidatesService, TagUsageService } from '@insight/graph';
import {
  AnalysisDataModule,
  DashboardDataModule,
  GraphSyncDataModule,
  InsightsDataModule,
  RelationshipsDataModule,
  ReviewDataModule,
  TransfersDataModule,
  WebhooksDataModule,
} from '@insight/insights';
import { UserEventsModule } from '../events/user-events.module';
import { GraphLagStore } from '@insight/platform';
import { suggestionsCounter } from '../suggestions/suggestion-metrics';
import { AnalyzeInsightProcessor } from './analysis/analyze-insight.processor';
import { DiscoverRelatedProcessor } from './analysis/discover-related.processor';
import { InsightAnalysisService } from './analysis/insight-analysis.service';
import { RediscoveryScheduler } from './analysis/rediscovery.scheduler';
import { RelatedDiscoveryService } from './analysis/related-discovery.service';
import { GraphMaintenanceProcessor } from './graph-sync/graph-maintenance.processor';
import { GraphMaintenanceScheduler } from './graph-sync/graph-maintenance.scheduler';
import { GraphRebuildService } from './graph-sync/graph-rebuild.service';
import { GraphReconcilerService } from './graph-sync/graph-reconciler.service';
import { GraphSyncBacklogReader, graphSyncLag, graphSyncPending } from './graph-sync/graph-sync-metrics';
import { GraphSyncProcessor } from './graph-sync/graph-sync.processor';
import { GraphSyncService } from './graph-sync/graph-sync.service';
import { JobEventsRelay } from './job-events/job-events.relay';
import { PingProcessor } from './ping.processor';
import { WorkerDrain } from './worker-drain';
import { ScheduledWorkProcessor } from './scheduled-work/scheduled-work.processor';
import { ScheduledWorkScheduler } from './scheduled-work/scheduled-work.scheduler';
import { InsightPurger } from '../insights/insight-purger';
import { JsonExportService } from './transfers/json-export.service';
import { JsonImportService } from './transfers/json-import.service';
import { MarkdownExportService } from './transfers/markdown-export.service';
import { MarkdownImportService } from './transfers/markdown-import.service';
import { TransfersProcessor } from './transfers/transfers.processor';
import { InsightJobsProducer } from '../insights/insight-jobs.producer';
import { WebhookDeliveriesProcessor } from './webhooks/webhook-deliveries.processor';
import { WebhookEventsProcessor } from './webhooks/webhook-events.processor';
import { WebhookEventsProducer } from '../webhooks/webhook-events.producer';

/**
 * Every queue processor, the scheduled graph maintenance and re-discovery; imported by the worker
 * app only.
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    DiscoveryModule,
    GraphModule,
    GraphSyncDataModule,
    WebhooksDataModule,
    TransfersDataModule,
    UserEventsModule,
    AnalysisDataModule,
    InsightsDataModule,
    RelationshipsDataModule,
    ReviewDataModule,
    DashboardDataModule,
  ],
  providers: [
    PingProcessor,
    JobEventsRelay,
    WorkerDrain,
    InsightPurger,
    ScheduledWorkProcessor,
    ScheduledWorkScheduler,
    GraphSyncService,
    GraphSyncProcessor,
    GraphReconcilerService,
    GraphRebuildService,
    GraphMaintenanceProcessor,
    GraphMaintenanceScheduler,
    GraphLagStore,
    GraphSyncBacklogReader,
    graphSyncPending,
    graphSyncLag,
    WebhookEventsProducer,
    WebhookEventsProcessor,
    WebhookDeliveriesProcessor,
    InsightJobsProducer,
    JsonExportService,
    JsonImportService,
    MarkdownExportService,
    MarkdownImportService,
    TransfersProcessor,
    RelatedCandidatesService,
    TagUsageService,
    InsightAnalysisService,
    AnalyzeInsightProcessor,
    RelatedDiscoveryService,
    DiscoverRelatedProcessor,
    RediscoveryScheduler,
    suggestionsCounter,
  ],
  exports: [WebhookEventsProducer],
})
export class TaskProcessorsModule {}
