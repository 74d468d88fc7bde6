import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { WebhookEventEnvelope } from '@insight/contracts';
import { WebhookDeliveriesRepository, WebhooksRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { QUEUES } from '../../queues/queue-names';
import { WebhookEventsProducer } from '../../webhooks/webhook-events.producer';
import type { WebhookEventJobData } from '../../webhooks/webhook-jobs';

const CLEANUP_JOB = 'cleanup';
const CLEANUP_EVERY_MS = 3600_000;
/** How long finished deliveries stay in the log. */
export const DELIVERY_LOG_DAYS = 30;

/**
 * Fan-out: one event becomes one stored delivery (and one send job) per active webhook of its
 * user that subscribes to it. Safe to run twice: deliveries are keyed by event and webhook,
 * and their send jobs by delivery id.
 */
@Processor(QUEUES.webhookEvents)
export class WebhookEventsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookEventsProcessor.name);

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly producer: WebhookEventsProducer,
    @InjectQueue(QUEUES.webhookEvents) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Every analysis publishes an event: one fan-out at a time would fall behind the analyses.
    this.worker.concurrency = this.config.ANALYSIS_CONCURRENCY;
    // A job scheduler makes one job per period however many workers upsert it.
    try {
      await this.queue.upsertJobScheduler(
        'webhook-log-cleanup',
        { every: CLEANUP_EVERY_MS },
        { name: CLEANUP_JOB },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'could not schedule the cleanup of the webhook delivery log');
    }
  }

  async process(job: Job<WebhookEventJobData>): Promise<{ deliveries: number } | { deleted: number }> {
    if (job.name === CLEANUP_JOB) {
      const cutoff = new Date(Date.now() - DELIVERY_LOG_DAYS * 24 * 3600_000);
      return { deleted: await this.deliveries.deleteFinishedBefore(cutoff) };
    }
    const { eventId, userId, type, createdAt, data } = job.data;
    const targets = await this.webhooks.activeFor(userId, type);
    if (targets.length === 0) return { deliveries: 0 };
    const envelope: WebhookEventEnvelope = { id: eventId, type, createdAt, data };
    const body = JSON.stringify(envelope);
    const ids = await this.deliveries.createForEvent(
      targets.map((target) => ({ webhookId: target.id, userId, event: type, eventId, body })),
    );
    await this.producer.deliver(ids.map((deliveryId) => ({ deliveryId })));
    return { deliveries: ids.length };
  }
}
