import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import type { CreatedWebhook, Page, WebhookDelivery } from '@insight/contracts';
import { eventually } from '../support/graph';
import { callAs, createInsight, jsonOf, problemOf } from '../support/insights-client';
import { type PrivateApps, startPrivateApps } from '../support/private-apps';
import { createUser, type TestUser } from '../support/users';
import { WebhookReceiver } from '../support/webhook-receiver';

// A private api and worker of this spec's own start first.
jest.setTimeout(120_000);

const REFUSED = 'must not point at a private, loopback or link-local address';

/**
 * Webhooks make the service send requests where a user says: they must never reach the
 * service's own network (SSRF). The suite's apps allow loopback (127.0.0.0/8) for their test
 * receivers; everything else private is refused when the webhook is created, and a name that
 * only resolves to a private address is refused when it is delivered.
 */
describe('SSRF through webhooks', () => {
  let alice: TestUser;

  beforeAll(async () => {
    alice = await createUser();
  });

  it.each([
    'http://10.1.2.3/hook', // private
    'http://172.16.0.1/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data', // link-local (cloud metadata)
    'http://100.64.0.1/hook', // carrier-grade NAT
    'http://0.0.0.0/hook', // unspecified
    'http://224.0.0.1/hook', // multicast
    'http://[::1]:9/hook', // IPv6 loopback (not in the allowed 127.0.0.0/8)
    'http://[::]/hook',
    'http://[fe80::1]/hook', // IPv6 link-local
    'http://[fc00::1]/hook', // IPv6 unique-local
    'http://[::ffff:10.0.0.1]/hook', // IPv4-mapped IPv6
    'http://[::ffff:169.254.169.254]/hook',
    'http://167772161/hook', // 10.0.0.1 written as a number
    'http://0x0a000001/hook', // and in hex
    'http://012.0.0.1/hook', // and in octal
  ])('refuses %s when the webhook is created', async (url) => {
    const response = await callAs(alice, '/webhooks', {
      method: 'POST',
      body: { url, events: ['insight.created'] },
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual({ url: [REFUSED] });
  });

  it('refuses a private address on update too, keeping the old URL', async () => {
    const hook = await jsonOf<CreatedWebhook>(
      await callAs(alice, '/webhooks', {
        method: 'POST',
        body: { url: 'https://example.com/hook', events: ['insight.created'] },
      }),
      201,
    );
    const response = await callAs(alice, `/webhooks/${hook.id}`, {
      method: 'PATCH',
      body: { url: 'http://[::ffff:127.0.0.1]:9/x'.replace('127.0.0.1', '192.168.0.1') },
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual({ url: [REFUSED] });
    expect((await jsonOf<{ url: string }>(await callAs(alice, `/webhooks/${hook.id}`), 200)).url).toBe(
      'https://example.com/hook',
    );
  });

  describe('without loopback allowed', () => {
    let apps: PrivateApps;
    let receiver: WebhookReceiver;
    let bob: TestUser;

    beforeAll(async () => {
      apps = await startPrivateApps(1, { WEBHOOK_ALLOWED_CIDRS: '', WEBHOOK_MAX_ATTEMPTS: '1' });
      receiver = await WebhookReceiver.start();
      bob = await createUser({}, apps.apiUrl);
    }, 120_000);

    afterAll(async () => {
      await receiver.close();
      await apps?.stop();
    });

    it('refuses loopback addresses and localhost when the webhook is created', async () => {
      const port = new URL(receiver.url).port;
      for (const url of [
        receiver.url,
        `http://localhost:${port}/hook`,
        `http://app.localhost:${port}/hook`,
        `http://[::ffff:127.0.0.1]:${port}/hook`,
        `http://2130706433:${port}/hook`, // 127.0.0.1 as a number
      ]) {
        const response = await callAs(bob, '/webhooks', {
          method: 'POST',
          body: { url, events: ['insight.created'] },
        });
        expect({ url, status: response.status }).toEqual({ url, status: 400 });
        expect((await problemOf(response)).errors).toEqual({ url: [REFUSED] });
      }
    });

    it('refuses at delivery a name that resolves to loopback, sending nothing', async () => {
      // The machine's own name resolves to loopback (/etc/hosts); only the lookup shows where it goes.
      const name = hostname();
      expect((await lookup(name)).address).toMatch(/^127\./);
      const url = `http://${name}:${new URL(receiver.url).port}/hook`;
      const hook = await jsonOf<CreatedWebhook>(
        await callAs(bob, '/webhooks', { method: 'POST', body: { url, events: ['insight.created'] } }),
        201,
      );
      await createInsight(bob, { title: 'Would leak' });
      const [delivery] = await eventually(async () => {
        const page = await jsonOf<Page<WebhookDelivery>>(
          await callAs(bob, `/webhooks/${hook.id}/deliveries`),
          200,
        );
        return page.items.length > 0 && page.items[0].status === 'failed' ? page.items : null;
      }, 60_000);
      expect(delivery.error).toMatch(/private|loopback|not allowed|refused/i);
      expect(receiver.received).toEqual([]);
    });
  });
});
