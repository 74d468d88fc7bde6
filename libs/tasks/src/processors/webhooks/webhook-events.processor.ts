import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { WebhookEventEnvelope } from '@insight/contracts';
import { WebhookDeliveriesRepository, WebhooksRepository } from '@insight/insights';
import { QUEUES } from '../../queues/queue-names';
import { WebhookEventsProducer } from '../../webhooks/webhook-events.producer';
import type { WebhookEventJobData } from '../../webhooks/webhook-jobs';

/**
 * Fan-out: one event becomes one stored delivery (and one send job) per active webhook of its
 * user that subscribes to it. Safe to run twice: deliveries are keyed by event and webhook,
 * and their send jobs by delivery id.
 */
@Processor(QUEUES.webhookEvents)
export class WebhookEventsProcessor extends WorkerHost {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly producer: WebhookEventsProducer,
  ) {
    super();
  }

  async process(job: Job<WebhookEventJobData>): Promise<{ deliveries: number }> {
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
