import { Module } from '@nestjs/common';
import { GraphRebuildProducer } from './graph/graph-rebuild.producer';
import { InsightJobsProducer } from './insights/insight-jobs.producer';
import { JobStatusService } from './jobs/job-status.service';
import { PingProducer } from './ping/ping.producer';
import { TransfersProducer } from './transfers/transfers.producer';
import { WebhookEventsProducer } from './webhooks/webhook-events.producer';

const PRODUCERS = [
  PingProducer,
  JobStatusService,
  InsightJobsProducer,
  GraphRebuildProducer,
  WebhookEventsProducer,
  TransfersProducer,
];

/** Producers and job status for the API (needs TaskQueuesModule.forRoot in the app). */
@Module({ providers: PRODUCERS, exports: PRODUCERS })
export class TaskProducersModule {}
