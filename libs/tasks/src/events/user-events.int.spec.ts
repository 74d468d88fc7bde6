import { Test, type TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import type { UserEvent } from '@insight/contracts';
import { type AppConfig, AppConfigModule, APP_CONFIG, RedisModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { compareEventIds, EVENT_ID, userEventsChannel } from './user-events.channel';
import { UserEventsLog } from './user-events.log';
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

    const id = expect.stringMatching(EVENT_ID);
    const expected = [
      { type: 'insight.processed', insightId: 'i1', version: 2, at: expect.any(String), id },
      { type: 'insight.failed', insightId: 'i2', version: 1, error: 'boom', at: expect.any(String), id },
    ];
    expect(await alice.events).toEqual(expected);
    expect(await aliceToo.events).toEqual(expected);
    expect(await bob.events).toEqual([
      { type: 'suggestions.created', insightId: 'i9', count: 3, at: expect.any(String), id },
    ]);
    const [first, second] = await alice.events;
    expect(compareEventIds(first.id ?? '', second.id ?? '')).toBeLessThan(0);
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

describe('the replay log of user events (real Redis)', () => {
  const MAX = 3;
  let moduleRef: TestingModule;
  let publisher: UserEventsPublisher;
  let log: UserEventsLog;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(
          testConfig({ EVENTS_REPLAY_MAX_EVENTS: String(MAX), EVENTS_REPLAY_SECONDS: '60' }),
        ),
        RedisModule,
        UserEventsModule,
      ],
      providers: [UserEventsSubscriber, UserEventsLog],
    }).compile();
    await moduleRef.init();
    publisher = moduleRef.get(UserEventsPublisher);
    log = moduleRef.get(UserEventsLog);
  });

  afterAll(async () => moduleRef.close());

  /** Publishes `count` events for `userId` and returns the ids the log gave them, oldest first. */
  const publishSome = async (userId: string, count: number): Promise<string[]> => {
    const subscriber = moduleRef.get(UserEventsSubscriber);
    const seen = collect(count);
    const sub = subscriber.subscribe(userId, seen.listener);
    await sub.ready;
    for (let version = 1; version <= count; version++) {
      await publisher.publish(userId, { type: 'insight.processed', insightId: 'i', version });
    }
    const ids = (await seen.events).map((event) => event.id ?? '');
    sub.close();
    return ids;
  };

  it('gives back what came after an id, in order, with the ids the live events had', async () => {
    const ids = await publishSome('erin', 3);
    const missed = await log.since('erin', ids[0]);
    expect(missed.complete).toBe(true);
    expect(missed.events.map((event) => [event.id, 'version' in event && event.version])).toEqual([
      [ids[1], 2],
      [ids[2], 3],
    ]);
    expect(await log.since('erin', ids[2])).toEqual({ events: [], complete: true });
  });

  it('keeps at most the newest EVENTS_REPLAY_MAX_EVENTS and says when some are gone', async () => {
    const ids = await publishSome('frank', 6);
    const missed = await log.since('frank', ids[0]);
    expect(missed.events.map((event) => event.id)).toEqual(ids.slice(-MAX));
    expect(missed.complete).toBe(false);
    // An id the log never had (or no longer has) is never complete.
    expect((await log.since('frank', '1-0')).complete).toBe(false);
    expect((await log.since('nobody', '1-0')).events).toEqual([]);
  });

  it('replays nothing older than EVENTS_REPLAY_SECONDS', async () => {
    const ids = await publishSome('grace', 2);
    const later = Date.now() + 61_000;
    expect(await log.since('grace', ids[0], later)).toEqual({ events: [], complete: false });
  });
});
