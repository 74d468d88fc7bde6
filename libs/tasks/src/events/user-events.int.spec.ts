import { Test, type TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import type { UserEvent } from '@insight/contracts';
import { type AppConfig, AppConfigModule, APP_CONFIG, RedisModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { userEventsChannel } from './user-events.channel';
import { UserEventsModule } from './user-events.module';
import { UserEventsPublisher } from './user-events.publisher';
import { UserEventsSubscriber } from './user-events.subscriber';

jest.setTimeout(20_000);

/** Resolves with what `listener` collected once `count` events arrived (or rejects after 5 s). */
function collect(count: number): { listener: (event: UserEvent) => void; events: Promise<UserEvent[]> } {
  const received: UserEvent[] = [];
  let done: (events: UserEvent[]) => void = () => undefined;
  const events = new Promise<UserEvent[]>((resolve, reject) => {
    done = resolve;
    setTimeout(() => reject(new Error(`got ${received.length} of ${count} events`)), 5000).unref();
  });
  return {
    listener: (event) => {
      received.push(event);
      if (received.length === count) done(received);
    },
    events,
  };
}

describe('user events over Redis pub/sub (real Redis)', () => {
  let moduleRef: TestingModule;
  let publisher: UserEventsPublisher;
  let subscriber: UserEventsSubscriber;
  let config: AppConfig;
  let observer: Redis;

  const subscribers = async (userId: string): Promise<number> => {
    const [, count] = (await observer.pubsub('NUMSUB', userEventsChannel(config.QUEUE_PREFIX, userId))) as [
      string,
      number,
    ];
    return Number(count);
  };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), RedisModule, UserEventsModule],
      providers: [UserEventsSubscriber],
    }).compile();
    await moduleRef.init();
    publisher = moduleRef.get(UserEventsPublisher);
    subscriber = moduleRef.get(UserEventsSubscriber);
    config = moduleRef.get(APP_CONFIG);
    observer = new Redis(config.REDIS_URL);
  });

  afterAll(async () => {
    observer.disconnect();
    await moduleRef.close();
  });

  it("delivers each user's events to that user's listeners only, stamped with a time", async () => {
    const alice = collect(2);
    const aliceToo = collect(2);
    const bob = collect(1);
    const subs = [
      subscriber.subscribe('alice', alice.listener),
      subscriber.subscribe('alice', aliceToo.listener),
      subscriber.subscribe('bob', bob.listener),
    ];
    await Promise.all(subs.map((sub) => sub.ready));

    await publisher.publish('alice', { type: 'insight.processed', insightId: 'i1', version: 2 });
    await publisher.publishMany([
      { userId: 'bob', event: { type: 'suggestions.created', insightId: 'i9', count: 3 } },
      { userId: 'alice', event: { type: 'insight.failed', insightId: 'i2', version: 1, error: 'boom' } },
      { userId: 'carol', event: { type: 'insight.processed', insightId: 'i3', version: 1 } },
    ]);

    const expected = [
      { type: 'insight.processed', insightId: 'i1', version: 2, at: expect.any(String) },
      { type: 'insight.failed', insightId: 'i2', version: 1, error: 'boom', at: expect.any(String) },
    ];
    expect(await alice.events).toEqual(expected);
    expect(await aliceToo.events).toEqual(expected);
    expect(await bob.events).toEqual([
      { type: 'suggestions.created', insightId: 'i9', count: 3, at: expect.any(String) },
    ]);
    expect(Number.isNaN(Date.parse((await bob.events)[0].at))).toBe(false);
    subs.forEach((sub) => sub.close());
  });

  it('holds one channel subscription per user on one connection, released with the last stream', async () => {
    const first = subscriber.subscribe('dave', () => undefined);
    const second = subscriber.subscribe('dave', () => undefined);
    await Promise.all([first.ready, second.ready]);
    expect(await subscribers('dave')).toBe(1);

    first.close();
    first.close(); // idempotent: must not drop the other stream's listener
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await subscribers('dave')).toBe(1);

    second.close();
    for (let i = 0; i < 50 && (await subscribers('dave')) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await subscribers('dave')).toBe(0);
    expect(subscriber.subscribedUsers).toBe(0);

    // A user coming back gets a working subscription again.
    const again = collect(1);
    const back = subscriber.subscribe('dave', again.listener);
    await back.ready;
    await publisher.publish('dave', { type: 'insight.processed', insightId: 'i4', version: 1 });
    expect(await again.events).toHaveLength(1);
    back.close();
  });

  it('never throws when Redis is unreachable', async () => {
    const offline = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(testConfig({ REDIS_URL: 'redis://127.0.0.1:1' })),
        RedisModule,
        UserEventsModule,
      ],
    }).compile();
    await offline.init();
    await expect(
      offline
        .get(UserEventsPublisher)
        .publish('x', { type: 'insight.processed', insightId: 'i', version: 1 }),
    ).resolves.toBeUndefined();
    await offline.close();
  });
});
