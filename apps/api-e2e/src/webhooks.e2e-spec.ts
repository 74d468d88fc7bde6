import { createHmac } from 'node:crypto';
import type {
  CreatedWebhook,
  Insight,
  Page,
  Relationship,
  Webhook,
  WebhookDelivery,
  WebhookEventEnvelope,
} from '@insight/contracts';
import { E2E_WEBHOOKS } from './support/apps';
import { callAs, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';
import { type ReceivedRequest, WebhookReceiver } from './support/webhook-receiver';

/** Recomputes the signature the way a receiver would, independently of the server's code. */
function expectValidSignature(request: ReceivedRequest, secret: string): void {
  const timestamp = String(request.headers['x-insight-timestamp']);
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
  expect(request.headers['x-insight-signature']).toBe(`sha256=${expected}`);
}

async function deliveriesOf(user: TestUser, webhookId: string): Promise<WebhookDelivery[]> {
  return (await jsonOf<Page<WebhookDelivery>>(await callAs(user, `/webhooks/${webhookId}/deliveries`), 200))
    .items;
}

/** Polls the delivery log until `done` holds. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Deliveries wait on the worker; on a loaded machine that takes longer than the default.
jest.setTimeout(120_000);

describe('webhooks', () => {
  let alice: TestUser;
  let bob: TestUser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser(), createUser()]);
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(() => receiver.close());

  async function createHook(user: TestUser, body: Record<string, unknown>): Promise<CreatedWebhook> {
    return jsonOf<CreatedWebhook>(await callAs(user, '/webhooks', { method: 'POST', body }), 201);
  }

  it('creates a webhook, shows its generated secret once and keeps it from other users', async () => {
    const response = await callAs(alice, '/webhooks', {
      method: 'POST',
      body: { url: receiver.url, events: ['insight.created'] },
    });
    const created = await jsonOf<CreatedWebhook>(response, 201);
    expect(response.headers.get('location')).toBe(`/api/v1/webhooks/${created.id}`);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(created).toMatchObject({ url: receiver.url, events: ['insight.created'], active: true });

    const read = await jsonOf<Webhook>(await callAs(alice, `/webhooks/${created.id}`), 200);
    expect(read).not.toHaveProperty('secret');
    const list = await jsonOf<Page<Webhook>>(await callAs(alice, '/webhooks?limit=100'), 200);
    expect(list.items.map((w) => w.id)).toContain(created.id);
    expect(JSON.stringify(list)).not.toContain(created.secret);

    for (const [method, path] of [
      ['GET', `/webhooks/${created.id}`],
      ['PATCH', `/webhooks/${created.id}`],
      ['DELETE', `/webhooks/${created.id}`],
      ['GET', `/webhooks/${created.id}/deliveries`],
    ] as const) {
      const answer = await callAs(bob, path, {
        method,
        ...(method === 'PATCH' ? { body: { active: false } } : {}),
      });
      expect(answer.status).toBe(404);
    }
    const deleted = await callAs(alice, `/webhooks/${created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await callAs(alice, `/webhooks/${created.id}`)).status).toBe(404);
  });

  it.each([
    [{ url: 'ftp://example.com/hook', events: ['insight.created'] }, 'url'],
    [{ url: 'http://user:pw@example.com/hook', events: ['insight.created'] }, 'url'],
    [{ url: 'https://example.com/hook', events: [] }, 'events'],
    [{ url: 'https://example.com/hook', events: ['insight.exploded'] }, 'events'],
    [{ url: 'https://example.com/hook', events: ['insight.created'], secret: 'short' }, 'secret'],
    [{ url: 'https://example.com/hook', events: ['insight.created'], extra: 1 }, 'extra'],
  ])('refuses %j naming %s', async (body, field) => {
    const response = await callAs(alice, '/webhooks', { method: 'POST', body });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(Object.keys(problem['errors'] as object)).toContain(field);
  });

  it('delivers signed events for insight and relationship writes', async () => {
    const secret = 'a-secret-of-our-own-choosing';
    const hook = await createHook(alice, {
      url: receiver.url,
      events: ['insight.created', 'insight.updated', 'insight.deleted', 'relationship.created'],
      secret,
    });
    expect(hook.secret).toBe(secret);

    const first = await createInsight(alice, { title: 'Signed events' });
    const second = await createInsight(alice, { title: 'Second one' });
    await jsonOf<Insight>(
      await callAs(alice, `/insights/${first.id}`, { method: 'PATCH', body: { favorite: true } }),
      200,
    );
    const link = await jsonOf<Relationship>(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: first.id, targetId: second.id, type: 'supports' },
      }),
      201,
    );
    expect((await callAs(alice, `/insights/${second.id}`, { method: 'DELETE' })).status).toBe(204);
    // Bob's writes never reach Alice's hook.
    await createInsight(bob, { title: 'Not for Alice' });

    const received = await receiver.waitFor(5);
    // Nothing more arrives: Bob's write is not Alice's event, and nothing is sent twice.
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(5);
    for (const request of received) {
      expectValidSignature(request, secret);
      expect(request.headers['content-type']).toBe('application/json');
    }
    const events = received.map((r) => JSON.parse(r.body) as WebhookEventEnvelope<Record<string, unknown>>);
    expect(received.map((r) => r.headers['x-insight-event'])).toEqual(events.map((e) => e.type));
    expect(events.map((e) => e.type).sort()).toEqual([
      'insight.created',
      'insight.created',
      'insight.deleted',
      'insight.updated',
      'relationship.created',
    ]);
    const byType = (type: string) => events.filter((e) => e.type === type);
    expect(
      byType('insight.created')
        .map((e) => (e.data['insight'] as Insight).title)
        .sort(),
    ).toEqual(['Second one', 'Signed events']);
    expect((byType('insight.updated')[0].data['insight'] as Insight).favorite).toBe(true);
    expect(byType('insight.deleted')[0].data).toEqual({ insightId: second.id, permanent: false });
    expect((byType('relationship.created')[0].data['relationship'] as Relationship).id).toBe(link.id);

    const log = await eventually(
      () => deliveriesOf(alice, hook.id),
      (items) => items.length === 5 && items.every((d) => d.status === 'succeeded'),
    );
    for (const delivery of log) {
      expect(delivery).toMatchObject({ status: 'succeeded', statusCode: 200, attempts: 1, error: null });
      expect(delivery.durationMs).toEqual(expect.any(Number));
    }
    expect(new Set(log.map((d) => d.id))).toEqual(
      new Set(received.map((r) => String(r.headers['x-insight-delivery']))),
    );
    const page = await jsonOf<Page<WebhookDelivery>>(
      await callAs(alice, `/webhooks/${hook.id}/deliveries?limit=2`),
      200,
    );
    expect(page.items).toHaveLength(2);
    const next = await jsonOf<Page<WebhookDelivery>>(
      await callAs(alice, `/webhooks/${hook.id}/deliveries?limit=100&cursor=${page.nextCursor}`),
      200,
    );
    expect([...page.items, ...next.items].map((d) => d.id)).toEqual(log.map((d) => d.id));
    await callAs(alice, `/webhooks/${hook.id}`, { method: 'DELETE' });
  });

  it('sends insight.processed once the worker has analysed an insight', async () => {
    const hook = await createHook(alice, { url: receiver.url, events: ['insight.processed'] });
    const insight = await createInsight(alice, {
      title: 'Analyse me',
      content: 'Caching hides latency in reads.',
    });
    const [request] = await receiver.waitFor(1);
    expectValidSignature(request, hook.secret);
    const event = JSON.parse(request.body) as WebhookEventEnvelope<Record<string, unknown>>;
    expect(event).toMatchObject({ type: 'insight.processed', data: { insightId: insight.id, version: 1 } });
    await callAs(alice, `/webhooks/${hook.id}`, { method: 'DELETE' });
  });

  it('retries after a 500 with backoff and records each attempt', async () => {
    const hook = await createHook(alice, { url: receiver.url, events: ['insight.created'] });
    receiver.answer(500);
    await createInsight(alice, { title: 'Retried' });
    const [failed, retried] = await receiver.waitFor(2);
    expect(retried.body).toBe(failed.body);
    expect(retried.receivedAt - failed.receivedAt).toBeGreaterThanOrEqual(E2E_WEBHOOKS.retryDelayMs - 20);
    expectValidSignature(failed, hook.secret);
    expectValidSignature(retried, hook.secret);
    const [delivery] = await eventually(
      () => deliveriesOf(alice, hook.id),
      (items) => items[0]?.status === 'succeeded',
    );
    expect(delivery).toMatchObject({ attempts: 2, statusCode: 200, status: 'succeeded' });
    const after = await jsonOf<Webhook>(await callAs(alice, `/webhooks/${hook.id}`), 200);
    expect(after).toMatchObject({ active: true, consecutiveFailures: 0 });
    await callAs(alice, `/webhooks/${hook.id}`, { method: 'DELETE' });
  });

  it('disables a webhook after repeated failures, and redelivers once re-enabled', async () => {
    const hook = await createHook(alice, { url: receiver.url, events: ['insight.created'] });
    const readHook = async () => jsonOf<Webhook>(await callAs(alice, `/webhooks/${hook.id}`), 200);
    const { maxAttempts, disableAfterFailures } = E2E_WEBHOOKS;
    receiver.answer(...Array.from({ length: disableAfterFailures }, () => 500));

    await createInsight(alice, { title: 'Fails every time' });
    const [firstDelivery] = await eventually(
      () => deliveriesOf(alice, hook.id),
      (items) => items[0]?.status === 'failed',
    );
    expect(firstDelivery).toMatchObject({
      attempts: maxAttempts,
      statusCode: 500,
      error: 'answered HTTP 500',
    });
    expect(await readHook()).toMatchObject({ active: true, consecutiveFailures: maxAttempts });

    // The next event's failures reach the limit: the hook is disabled and stops retrying.
    await createInsight(alice, { title: 'Fails again' });
    const disabled = await eventually(readHook, (w) => !w.active);
    expect(disabled.consecutiveFailures).toBe(disableAfterFailures);
    expect(disabled.disabledReason).toMatch(/failed attempts in a row/);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(disableAfterFailures);

    // A disabled hook gets no new deliveries and refuses redelivery.
    await createInsight(alice, { title: 'Not sent' });
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(disableAfterFailures);
    const refused = await callAs(alice, `/webhooks/${hook.id}/deliveries/${firstDelivery.id}/redeliver`, {
      method: 'POST',
    });
    expect(refused.status).toBe(409);

    // Re-enabled, a manual redelivery sends the same body with a fresh signature.
    const enabled = await jsonOf<Webhook>(
      await callAs(alice, `/webhooks/${hook.id}`, { method: 'PATCH', body: { active: true } }),
      200,
    );
    expect(enabled).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
    const accepted = await callAs(alice, `/webhooks/${hook.id}/deliveries/${firstDelivery.id}/redeliver`, {
      method: 'POST',
    });
    expect(accepted.status).toBe(202);
    const received = await receiver.waitFor(disableAfterFailures + 1);
    const redelivered = received[disableAfterFailures];
    expect(redelivered.body).toBe(received[0].body);
    expect(redelivered.headers['x-insight-delivery']).toBe(firstDelivery.id);
    expectValidSignature(redelivered, hook.secret);
    const after = await eventually(
      () => deliveriesOf(alice, hook.id),
      (items) => items.find((d) => d.id === firstDelivery.id)?.status === 'succeeded',
    );
    expect(after.find((d) => d.id === firstDelivery.id)).toMatchObject({
      attempts: maxAttempts + 1,
      statusCode: 200,
      error: null,
    });
    // Bob cannot redeliver Alice's deliveries.
    const foreign = await callAs(bob, `/webhooks/${hook.id}/deliveries/${firstDelivery.id}/redeliver`, {
      method: 'POST',
    });
    expect(foreign.status).toBe(404);
  });
});
