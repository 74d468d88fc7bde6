import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import type { Page, WebhookDelivery, WebhookDeliveryStatus, WebhookEventType } from '@insight/contracts';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId, userObjectId } from '../common/object-id';
import { WebhookDeliveryEntity } from './webhook-delivery.schema';
import { beforeCursor, pageOf } from './webhooks.repository';

export function toWebhookDelivery(doc: WebhookDeliveryEntity): WebhookDelivery {
  return {
    id: doc._id.toHexString(),
    webhookId: doc.webhookId.toHexString(),
    event: doc.event,
    eventId: doc.eventId,
    status: doc.status,
    attempts: doc.attempts,
    statusCode: doc.statusCode ?? null,
    durationMs: doc.durationMs ?? null,
    error: doc.error ?? null,
    createdAt: doc.createdAt.toISOString(),
    lastAttemptAt: doc.lastAttemptAt ? doc.lastAttemptAt.toISOString() : null,
  };
}

/** A delivery to create for one event and one webhook. */
export interface NewWebhookDelivery {
  webhookId: string;
  userId: string;
  event: WebhookEventType;
  eventId: string;
  body: string;
}

/** What the worker reads to send one delivery. */
export interface DeliveryToSend {
  id: string;
  webhookId: string;
  event: WebhookEventType;
  eventId: string;
  body: string;
}

/** The outcome of one attempt. */
export interface DeliveryAttempt {
  status: WebhookDeliveryStatus;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** The delivery log of webhooks. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(
    @InjectModel(WebhookDeliveryEntity.name) private readonly deliveries: Model<WebhookDeliveryEntity>,
  ) {}

  /**
   * Creates the deliveries of one event (once: running the fan-out again finds them by key) and
   * returns their ids in the order given.
   */
  async createForEvent(deliveries: NewWebhookDelivery[]): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const docs = deliveries.map((d) => ({
      key: `${d.eventId}.${d.webhookId}`,
      webhookId: parseObjectId(d.webhookId),
      userId: userObjectId(d.userId),
      event: d.event,
      eventId: d.eventId,
      body: d.body,
    }));
    try {
      await this.deliveries.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const keys = docs.map((d) => d.key);
    const stored = await this.deliveries
      .find({ key: trusted({ $in: keys }) }, { _id: 1, key: 1 })
      .lean<Pick<WebhookDeliveryEntity, '_id' | 'key'>[]>();
    const byKey = new Map(stored.map((d) => [d.key, d._id.toHexString()]));
    return keys.map((key) => byKey.get(key)).filter((id): id is string => id !== undefined);
  }

  async toSend(id: string): Promise<DeliveryToSend | null> {
    const _id = parseObjectId(id);
    if (!_id) return null;
    const doc = await this.deliveries.findById(_id).lean<WebhookDeliveryEntity>();
    return doc
      ? {
          id,
          webhookId: doc.webhookId.toHexString(),
          event: doc.event,
          eventId: doc.eventId,
          body: doc.body,
        }
      : null;
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    await this.deliveries.updateOne(
      { _id: parseObjectId(id) },
      { $inc: { attempts: 1 }, $set: { ...attempt, lastAttemptAt: new Date() } },
    );
  }

  /** Ends a delivery without an attempt (its webhook was disabled or deleted meanwhile). */
  async abandon(id: string, reason: string): Promise<void> {
    await this.deliveries.updateOne(
      { _id: parseObjectId(id) },
      { $set: { status: 'failed', error: reason } },
    );
  }

  /** Deletes finished deliveries created before `cutoff` (the log is kept for a while, not forever). */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.deliveries.deleteMany({
      _id: trusted({ $lt: Types.ObjectId.createFromTime(Math.floor(cutoff.getTime() / 1000)) }),
      status: trusted({ $in: ['succeeded', 'failed'] }),
    });
    return result.deletedCount;
  }

  /** Newest first. @throws InvalidIdCursorError */
  async list(
    userId: string,
    webhookId: string,
    query: { cursor?: string; limit: number },
  ): Promise<Page<WebhookDelivery>> {
    const docs = await this.deliveries
      .find(
        { webhookId: parseObjectId(webhookId), userId: userObjectId(userId), ...beforeCursor(query.cursor) },
        { body: 0 },
      )
      .sort({ _id: -1 })
      .limit(query.limit + 1)
      .lean<WebhookDeliveryEntity[]>();
    return pageOf(docs, query.limit, toWebhookDelivery);
  }

  /**
   * Marks one of the user's deliveries as pending again and returns it with its redelivery
   * number (part of the new job's id), or null when the user has no such delivery.
   */
  async startRedelivery(
    userId: string,
    webhookId: string,
    id: string,
  ): Promise<{ delivery: WebhookDelivery; redelivery: number } | null> {
    const _id = parseObjectId(id);
    const hook = parseObjectId(webhookId);
    if (!_id || !hook) return null;
    const doc = await this.deliveries
      .findOneAndUpdate(
        { _id, webhookId: hook, userId: userObjectId(userId) },
        { $inc: { redeliveries: 1 }, $set: { status: 'pending' } },
        { returnDocument: 'after' },
      )
      .lean<WebhookDeliveryEntity>();
    return doc ? { delivery: toWebhookDelivery(doc), redelivery: doc.redeliveries } : null;
  }
}
