import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types } from 'mongoose';
import type { Page, UpdateWebhookRequest, Webhook, WebhookEventType } from '@insight/contracts';
import { groupedCalls } from '@insight/platform';
import { decodeIdCursor, encodeIdCursor } from '../common/id-cursor';
import { parseObjectId, userObjectId } from '../common/object-id';
import { WebhookDeliveryEntity } from './webhook-delivery.schema';
import { WebhookEntity } from './webhook.schema';

export function toWebhook(doc: WebhookEntity): Webhook {
  return {
    id: doc._id.toHexString(),
    url: doc.url,
    events: doc.events,
    active: doc.active,
    disabledReason: doc.disabledReason ?? null,
    consecutiveFailures: doc.consecutiveFailures ?? 0,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** What the worker needs to sign and send: the hook with its secret. */
export interface WebhookTarget {
  id: string;
  userId: string;
  url: string;
  secret: string;
  active: boolean;
}

/** A cursor that is not ours. */
export class InvalidIdCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this list');
  }
}

/** Webhooks, always scoped to their owner: another user's id reads and writes as absent. */
@Injectable()
export class WebhooksRepository {
  // Every event's fan-out asks (most users have no webhook): concurrent asks share one read.
  private readonly activeForGrouped = groupedCalls<
    { owner: Types.ObjectId; event: WebhookEventType },
    WebhookTarget[]
  >(async (asks) => {
    const owners = [...new Map(asks.map(({ owner }) => [owner.toHexString(), owner])).values()];
    const docs = await this.webhooks
      .find({ userId: trusted({ $in: owners }), active: true })
      .lean<WebhookEntity[]>();
    return asks.map(({ owner, event }) =>
      docs.filter((doc) => doc.userId.equals(owner) && doc.events.includes(event)).map(toTarget),
    );
  });

  constructor(
    @InjectModel(WebhookEntity.name) private readonly webhooks: Model<WebhookEntity>,
    @InjectModel(WebhookDeliveryEntity.name) private readonly deliveries: Model<WebhookDeliveryEntity>,
  ) {}

  countOwned(userId: string): Promise<number> {
    return this.webhooks.countDocuments({ userId: userObjectId(userId) });
  }

  async create(
    userId: string,
    input: { url: string; events: WebhookEventType[]; secret: string },
  ): Promise<Webhook> {
    const doc = await this.webhooks.create({ ...input, userId: userObjectId(userId) });
    return toWebhook(doc.toObject());
  }

  /** Newest first. @throws InvalidIdCursorError */
  async list(userId: string, query: { cursor?: string; limit: number }): Promise<Page<Webhook>> {
    const docs = await this.webhooks
      .find({ userId: userObjectId(userId), ...beforeCursor(query.cursor) })
      .sort({ _id: -1 })
      .limit(query.limit + 1)
      .lean<WebhookEntity[]>();
    return pageOf(docs, query.limit, toWebhook);
  }

  async findOwned(userId: string, id: string): Promise<Webhook | null> {
    const doc = await this.findOwnedEntity(userId, id);
    return doc ? toWebhook(doc) : null;
  }

  /** Re-enabling (`active: true`) also forgets past failures. */
  async update(userId: string, id: string, changes: UpdateWebhookRequest): Promise<Webhook | null> {
    const _id = parseObjectId(id);
    if (!_id) return null;
    const set: Record<string, unknown> = { ...changes };
    if (changes.active === true) Object.assign(set, { consecutiveFailures: 0, disabledReason: null });
    if (changes.active === false) set['disabledReason'] = null;
    const doc = await this.webhooks
      .findOneAndUpdate({ _id, userId: userObjectId(userId) }, { $set: set }, { returnDocument: 'after' })
      .lean<WebhookEntity>();
    return doc ? toWebhook(doc) : null;
  }

  /** Deletes the hook and its delivery log; false when the user has no such hook. */
  async delete(userId: string, id: string): Promise<boolean> {
    const _id = parseObjectId(id);
    if (!_id) return false;
    const deleted = await this.webhooks.findOneAndDelete({ _id, userId: userObjectId(userId) }).lean();
    if (!deleted) return false;
    await this.deliveries.deleteMany({ webhookId: _id });
    return true;
  }

  /** The user's active hooks that subscribe to `event` (the worker's fan-out). */
  async activeFor(userId: string, event: WebhookEventType): Promise<WebhookTarget[]> {
    return this.activeForGrouped({ owner: userObjectId(userId), event });
  }

  async target(id: Types.ObjectId | string): Promise<WebhookTarget | null> {
    const _id = typeof id === 'string' ? parseObjectId(id) : id;
    if (!_id) return null;
    const doc = await this.webhooks.findById(_id).lean<WebhookEntity>();
    return doc ? toTarget(doc) : null;
  }

  async recordSuccess(id: string): Promise<void> {
    await this.webhooks.updateOne(
      { _id: parseObjectId(id), consecutiveFailures: trusted({ $gt: 0 }) },
      { $set: { consecutiveFailures: 0 } },
    );
  }

  /**
   * Counts a failed attempt; the one that reaches `disableAfter` failures in a row disables the
   * hook. Returns whether the hook is disabled now.
   */
  async recordFailure(id: string, disableAfter: number, reason: string): Promise<boolean> {
    const _id = parseObjectId(id);
    const doc = await this.webhooks
      .findOneAndUpdate({ _id }, { $inc: { consecutiveFailures: 1 } }, { returnDocument: 'after' })
      .lean<WebhookEntity>();
    if (!doc) return true;
    if (!doc.active) return true;
    if (doc.consecutiveFailures < disableAfter) return false;
    await this.webhooks.updateOne(
      { _id, active: true },
      {
        $set: {
          active: false,
          disabledReason:
            `disabled after ${doc.consecutiveFailures} failed attempts in a row (last: ${reason})`.slice(
              0,
              500,
            ),
        },
      },
    );
    return true;
  }

  private findOwnedEntity(userId: string, id: string): Promise<WebhookEntity | null> {
    const _id = parseObjectId(id);
    if (!_id) return Promise.resolve(null);
    return this.webhooks.findOne({ _id, userId: userObjectId(userId) }).lean<WebhookEntity>();
  }
}

function toTarget(doc: WebhookEntity): WebhookTarget {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    url: doc.url,
    secret: doc.secret,
    active: doc.active,
  };
}

/** `_id` below the cursor's, for lists newest first. @throws InvalidIdCursorError */
export function beforeCursor(cursor: string | undefined): Record<string, unknown> {
  if (cursor === undefined) return {};
  const id = decodeIdCursor(cursor);
  if (!id) throw new InvalidIdCursorError();
  return { _id: trusted({ $lt: id }) };
}

/** One page from `limit + 1` documents read. */
export function pageOf<D extends { _id: Types.ObjectId }, T>(
  docs: D[],
  limit: number,
  map: (doc: D) => T,
): Page<T> {
  const items = docs.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor: docs.length > limit && last ? encodeIdCursor(last._id) : null,
  };
}
