import { randomBytes } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  type CreatedWebhook,
  type CreateWebhookRequest,
  type Page,
  type UpdateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
  WEBHOOK_LIMITS,
} from '@insight/contracts';
import { InvalidIdCursorError, WebhookDeliveriesRepository, WebhooksRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig, ProblemException, ValidationProblem } from '@insight/platform';
import { OutboundAddressPolicy, WebhookEventsProducer, webhookUrlProblem } from '@insight/tasks';
import { invalidCursor } from '../common/insight-problems';

function webhookNotFound(id: string): NotFoundException {
  return new NotFoundException(`You have no webhook ${id}.`);
}

class TooManyWebhooksProblem extends ProblemException {
  constructor() {
    super(409, {
      type: '/problems/too-many-webhooks',
      title: 'Conflict',
      detail: `You can have at most ${WEBHOOK_LIMITS.perUser} webhooks; delete one first.`,
    });
  }
}

/** The caller's webhooks and their delivery logs. */
@Injectable()
export class WebhooksService {
  private readonly policy: OutboundAddressPolicy;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly producer: WebhookEventsProducer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = new OutboundAddressPolicy(config.WEBHOOK_ALLOWED_CIDRS);
  }

  async create(userId: string, request: CreateWebhookRequest): Promise<CreatedWebhook> {
    this.assertUsableUrl(request.url);
    if ((await this.webhooks.countOwned(userId)) >= WEBHOOK_LIMITS.perUser)
      throw new TooManyWebhooksProblem();
    const secret = request.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const webhook = await this.webhooks.create(userId, { url: request.url, events: request.events, secret });
    return { ...webhook, secret };
  }

  list(userId: string, query: { cursor?: string; limit?: number }): Promise<Page<Webhook>> {
    return this.withCursor(() =>
      this.webhooks.list(userId, {
        cursor: query.cursor,
        limit: query.limit ?? WEBHOOK_LIMITS.pageSizeDefault,
      }),
    );
  }

  async get(userId: string, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.findOwned(userId, id);
    if (!webhook) throw webhookNotFound(id);
    return webhook;
  }

  async update(userId: string, id: string, changes: UpdateWebhookRequest): Promise<Webhook> {
    if (changes.url !== undefined) this.assertUsableUrl(changes.url);
    const webhook = await this.webhooks.update(userId, id, changes);
    if (!webhook) throw webhookNotFound(id);
    return webhook;
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.webhooks.delete(userId, id))) throw webhookNotFound(id);
  }

  async listDeliveries(
    userId: string,
    webhookId: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<WebhookDelivery>> {
    await this.get(userId, webhookId);
    return this.withCursor(() =>
      this.deliveries.list(userId, webhookId, {
        cursor: query.cursor,
        limit: query.limit ?? WEBHOOK_LIMITS.pageSizeDefault,
      }),
    );
  }

  /** Sends a delivery again (same body, fresh timestamp and signature) to an active webhook. */
  async redeliver(userId: string, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
    const webhook = await this.get(userId, webhookId);
    if (!webhook.active) {
      throw new ConflictException('The webhook is disabled; enable it (PATCH active: true) first.');
    }
    const started = await this.deliveries.startRedelivery(userId, webhookId, deliveryId);
    if (!started) throw new NotFoundException(`Webhook ${webhookId} has no delivery ${deliveryId}.`);
    await this.producer.redeliver(deliveryId, started.redelivery);
    return started.delivery;
  }

  private assertUsableUrl(url: string): void {
    const problem = webhookUrlProblem(url, this.policy);
    if (problem) throw new ValidationProblem({ url: [problem] });
  }

  private async withCursor<T>(list: () => Promise<Page<T>>): Promise<Page<T>> {
    try {
      return await list();
    } catch (error) {
      if (error instanceof InvalidIdCursorError) throw invalidCursor();
      throw error;
    }
  }
}
