import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { WebhookEventType } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, DependencyUnavailableException, withTimeout } from '@insight/platform';
import { groupedAdds, type QueuedJob } from '../queues/grouped-adds';
import { QUEUES } from '../queues/queue-names';
import { type WebhookDeliveryJobData, webhookDeliveryJobId, type WebhookEventJobData } from './webhook-jobs';

const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * Publishes a user's events to their webhooks. `publish` is the one call a write path makes
 * after it committed: it enqueues a single fan-out job (the worker looks up the hooks), so
 * writes pay one Redis round trip whatever the number of webhooks, and never fail because of them.
 */
@Injectable()
export class WebhookEventsProducer {
  private readonly logger = new Logger(WebhookEventsProducer.name);
  // Each analysis publishes an event: the fan-out jobs of concurrent ones go in one round trip.
  private readonly queueEvent: (job: QueuedJob<WebhookEventJobData>) => Promise<void>;

  constructor(
    @InjectQueue(QUEUES.webhookEvents) events: Queue<WebhookEventJobData>,
    @InjectQueue(QUEUES.webhookDeliveries) private readonly deliveries: Queue<WebhookDeliveryJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queueEvent = groupedAdds(events);
  }

  /** Never throws: an event lost while Redis is down is logged, the user's write stands. */
  async publish(userId: string, type: WebhookEventType, data: unknown): Promise<void> {
    const eventId = randomUUID();
    try {
      await withTimeout(
        this.queueEvent({
          name: type,
          data: { eventId, userId, type, createdAt: new Date().toISOString(), data },
          opts: { jobId: `evt-${eventId}`, attempts: 5, removeOnFail: { age: 7 * 24 * 3600 } },
        }),
        ENQUEUE_TIMEOUT_MS,
        'redis',
      );
    } catch (error) {
      this.logger.warn({ err: error, userId, type, eventId }, 'could not enqueue a webhook event');
    }
  }

  /** Queues sends of stored deliveries (`redelivery` > 0 for a manual redelivery). */
  async deliver(deliveries: { deliveryId: string; redelivery?: number }[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.deliveries.addBulk(
      deliveries.map(({ deliveryId, redelivery }) => ({
        name: 'deliver',
        data: { deliveryId },
        opts: { ...this.deliveryOptions(), jobId: webhookDeliveryJobId(deliveryId, redelivery) },
      })),
    );
  }

  /** For the API: a manual redelivery. @throws DependencyUnavailableException while Redis is down */
  async redeliver(deliveryId: string, redelivery: number): Promise<void> {
    try {
      await withTimeout(this.deliver([{ deliveryId, redelivery }]), 2000, 'redis');
    } catch {
      throw new DependencyUnavailableException('redis');
    }
  }

  private deliveryOptions(): JobsOptions {
    return {
      attempts: this.config.WEBHOOK_MAX_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.WEBHOOK_RETRY_DELAY_MS },
      // The delivery log in MongoDB is the record; failed jobs need not pile up in Redis.
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }
}
