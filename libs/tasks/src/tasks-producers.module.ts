import { Module } from '@nestjs/common';
import { GraphRebuildProducer } from './graph/graph-rebuild.producer';
import { InsightJobsProducer } from './insights/insight-jobs.producer';
import { JobStatusService } from './jobs/job-status.service';
import { PingProducer } from './ping/ping.producer';
import { WebhookEventsProducer } from './webhooks/webhook-events.producer';

/** Producers and job status for the API (needs TaskQueuesModule.forRoot in the app). */
@Module({
  providers: [
    PingProducer,
    JobStatusService,
    InsightJobsProducer,
    GraphRebuildProducer,
    WebhookEventsProducer,
  ],
  exports: [PingProducer, JobStatusService, InsightJobsProducer, GraphRebuildProducer, WebhookEventsProducer],
})
export class TaskProducersModule {}
