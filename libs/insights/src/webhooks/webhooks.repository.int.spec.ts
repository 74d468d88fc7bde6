import { getModelToken } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { mongoTestModule } from '../testing/mongo-test-module';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryEntity } from './webhook-delivery.schema';
import { WebhooksDataModule } from './webhooks-data.module';
import { WebhooksRepository } from './webhooks.repository';

describe('webhooks repositories (real MongoDB wire protocol)', () => {
  let close: () => Promise<void>;
  let webhooks: WebhooksRepository;
  let deliveries: WebhookDeliveriesRepository;
  let model: Model<WebhookDeliveryEntity>;
  const user = new Types.ObjectId().toHexString();

  beforeAll(async () => {
    const test = await mongoTestModule([WebhooksDataModule]);
    close = test.close;
    webhooks = test.moduleRef.get(WebhooksRepository);
    deliveries = test.moduleRef.get(WebhookDeliveriesRepository);
    model = test.moduleRef.get(getModelToken(WebhookDeliveryEntity.name));
  });
  afterAll(() => close());

  it('disables a hook on the failure that reaches the limit, and a success resets the count', async () => {
    const hook = await webhooks.create(user, {
      url: 'https://example.com/a',
      events: ['insight.created'],
      secret: 's'.repeat(16),
    });
    expect(await webhooks.recordFailure(hook.id, 3, 'HTTP 500')).toBe(false);
    await webhooks.recordSuccess(hook.id);
    expect((await webhooks.findOwned(user, hook.id))?.consecutiveFailures).toBe(0);
    expect(await webhooks.recordFailure(hook.id, 3, 'HTTP 500')).toBe(false);
    expect(await webhooks.recordFailure(hook.id, 3, 'HTTP 500')).toBe(false);
    expect(await webhooks.recordFailure(hook.id, 3, 'HTTP 502')).toBe(true);
    expect(await webhooks.findOwned(user, hook.id)).toMatchObject({
      active: false,
      consecutiveFailures: 3,
      disabledReason: expect.stringContaining('HTTP 502'),
    });
    expect(await webhooks.activeFor(user, 'insight.created')).toEqual([]);
  });

  it('creates each delivery of an event once, and cleans up only old finished ones', async () => {
    const hook = await webhooks.create(user, {
      url: 'https://example.com/b',
      events: ['insight.updated'],
      secret: 's'.repeat(16),
    });
    const event = {
      webhookId: hook.id,
      userId: user,
      event: 'insight.updated' as const,
      eventId: 'e1',
      body: '{}',
    };
    const [id] = await deliveries.createForEvent([event]);
    expect(await deliveries.createForEvent([event])).toEqual([id]);
    await deliveries.recordAttempt(id, { status: 'succeeded', statusCode: 200, durationMs: 5, error: null });
    const [pending] = await deliveries.createForEvent([{ ...event, eventId: 'e2' }]);
    // An old finished delivery (its id carries its creation time).
    const old = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 40 * 24 * 3600);
    await model.collection.insertOne({ ...(await model.findById(id).lean()), _id: old, key: 'old' });

    expect(await deliveries.deleteFinishedBefore(new Date(Date.now() - 30 * 24 * 3600_000))).toBe(1);
    expect(await model.exists({ _id: old })).toBeNull();
    expect(await model.exists({ _id: new Types.ObjectId(id) })).not.toBeNull();
    expect(await model.exists({ _id: new Types.ObjectId(pending) })).not.toBeNull();
  });
});
