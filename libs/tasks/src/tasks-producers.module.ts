import { Module } from '@nestjs/common';
import { GraphRebuildProducer } from './graph/graph-rebuild.producer';
import { InsightJobsProducer } from './insights/insight-jobs.producer';
import { FailedJobsService } from './jobs/failed-jobs.service';
import { JobStatusService } from './jobs/job-status.service';
import { PingProducer } from './ping/ping.producer';
import { TransfersProducer } from './transfers/transfers.producer';
import { WebhookEventsProducer } from './webhooks/webhook-events.producer';

const PRODUCERS = [
  PingProducer,
  JobStatusService,
  FailedJobsService,
  InsightJobsProducer,
  GraphRebuildProducer,
  WebhookEventsProducer,
  TransfersProducer,
];

/** Producers and job status for the API (needs TaskQueuesModule.forRoot in the app). */
@Module({ providers: PRODUCERS, exports: PRODUCERS })
export class TaskProducersModule {}
