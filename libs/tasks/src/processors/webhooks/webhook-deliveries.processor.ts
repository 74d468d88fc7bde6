import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { WEBHOOK_HEADERS } from '@insight/contracts';
import { WebhookDeliveriesRepository, WebhooksRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { QUEUES } from '../../queues/queue-names';
import { OutboundAddressPolicy } from '../../webhooks/outbound-address';
import type { WebhookDeliveryJobData } from '../../webhooks/webhook-jobs';
import { webhookSignature } from '../../webhooks/webhook-signature';
import { BlockedAddressError, guardedPost } from './guarded-http';

/** Sends in flight per worker: each mostly waits on a remote server. */
const DELIVERY_CONCURRENCY = 16;

export type WebhookDeliveryResult =
  { outcome: 'succeeded'; statusCode: number } | { outcome: 'skipped'; reason: string };

/**
 * Signs and sends one delivery. Any answer but 2xx, a timeout or a refused connection fails
 * the attempt: it is recorded on the delivery and counted on the webhook, and BullMQ retries
 * with exponential backoff until the attempts run out or the webhook gets disabled.
 */
@Processor(QUEUES.webhookDeliveries)
export class WebhookDeliveriesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveriesProcessor.name);
  private readonly policy: OutboundAddressPolicy;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.policy = new OutboundAddressPolicy(config.WEBHOOK_ALLOWED_CIDRS);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = DELIVERY_CONCURRENCY;
  }

  async process(job: Job<WebhookDeliveryJobData>): Promise<WebhookDeliveryResult> {
    const delivery = await this.deliveries.toSend(job.data.deliveryId);
    if (!delivery) return { outcome: 'skipped', reason: 'the delivery no longer exists' };
    const webhook = await this.webhooks.target(delivery.webhookId);
    if (!webhook?.active) {
      const reason = webhook ? 'the webhook is disabled' : 'the webhook was deleted';
      await this.deliveries.abandon(delivery.id, reason);
      return { outcome: 'skipped', reason };
    }

    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let blocked = false;
    try {
      const answer = await guardedPost({
        url: webhook.url,
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'InsightTracker-Webhooks/1',
          [WEBHOOK_HEADERS.event]: delivery.event,
          [WEBHOOK_HEADERS.delivery]: delivery.id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignature(webhook.secret, timestamp, delivery.body),
        },
        policy: this.policy,
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        maxResponseBytes: this.config.WEBHOOK_MAX_RESPONSE_BYTES,
      });
      statusCode = answer.statusCode;
      if (statusCode < 200 || statusCode >= 300) error = `answered HTTP ${statusCode}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      blocked = failure instanceof BlockedAddressError;
    }
    const durationMs = Date.now() - started;

    if (error === null && statusCode !== null) {
      await this.deliveries.recordAttempt(delivery.id, {
        status: 'succeeded',
        statusCode,
        durationMs,
        error,
      });
      await this.webhooks.recordSuccess(webhook.id);
      return { outcome: 'succeeded', statusCode };
    }

    const disabled = await this.webhooks.recordFailure(
      webhook.id,
      this.config.WEBHOOK_DISABLE_AFTER_FAILURES,
      error ?? 'failed',
    );
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.deliveries.recordAttempt(delivery.id, {
      status: disabled || lastAttempt ? 'failed' : 'pending',
      statusCode,
      durationMs,
      error,
    });
    this.logger.warn(
      { deliveryId: delivery.id, webhookId: webhook.id, statusCode, error, attempt: job.attemptsMade + 1 },
      'webhook delivery attempt failed',
    );
    const message = `delivery ${delivery.id} failed: ${error}`;
    // No retry can help a disabled hook or a refused address.
    if (disabled) throw new UnrecoverableError(`${message} (webhook disabled)`);
    if (blocked) throw new UnrecoverableError(message);
    throw new Error(message);
  }
}
