import { Inject, Injectable, Logger } from '@nestjs/common';
import type { UserEvent, UserEventPayload } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, groupedCalls, RedisClient, withTimeout } from '@insight/platform';
import { userEventsChannel, userEventsLogKey } from './user-events.channel';

const PUBLISH_TIMEOUT_MS = 1000;

/**
 * Appends the event to the user's capped log (XADD gives it a monotonically increasing id),
 * refreshes the log's expiry and publishes `<id>\n<json>` live, atomically in one call.
 * KEYS[1] log; ARGV: json, channel, max entries, ttl ms.
 */
const APPEND_AND_PUBLISH = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'e', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', ARGV[2], id .. '\\n' .. ARGV[1])
return id
`;

/** One event for one user, for `publishMany`. */
export interface AddressedUserEvent {
  userId: string;
  event: UserEventPayload;
}

/**
 * Publishes live events to the signed-in user's `GET /events` streams (Redis pub/sub, one
 * channel per user, so an API process only receives the events of users it is streaming to), and
 * keeps the last EVENTS_REPLAY_MAX_EVENTS of them for EVENTS_REPLAY_SECONDS in a per-user Redis
 * stream, whose entry ids are the events' SSE ids (replayed after `Last-Event-ID`).
 * Fire-and-forget: never throws. Events are notifications; losing one while Redis is down costs
 * a stale screen, never data, so a failure is only logged.
 */
@Injectable()
export class UserEventsPublisher {
  private readonly logger = new Logger(UserEventsPublisher.name);
  // Every processed insight publishes: the events of concurrent jobs share a round trip.
  private readonly publishGrouped = groupedCalls<AddressedUserEvent, void>(async (events) => {
    await this.publishMany([...events]);
    return events.map(() => undefined);
  });

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(userId: string, event: UserEventPayload): Promise<void> {
    return this.publishGrouped({ userId, event });
  }

  /** Sends many events in one round trip. */
  async publishMany(events: AddressedUserEvent[]): Promise<void> {
    if (events.length === 0) return;
    const at = new Date().toISOString();
    const prefix = this.config.QUEUE_PREFIX;
    const pipeline = this.redis.pipeline();
    for (const { userId, event } of events) {
      const message: UserEvent = { ...event, at };
      pipeline.eval(
        APPEND_AND_PUBLISH,
        1,
        userEventsLogKey(prefix, userId),
        JSON.stringify(message),
        userEventsChannel(prefix, userId),
        this.config.EVENTS_REPLAY_MAX_EVENTS,
        this.config.EVENTS_REPLAY_SECONDS * 1000,
      );
    }
    try {
      const results = await withTimeout(pipeline.exec(), PUBLISH_TIMEOUT_MS, 'redis');
      const failed = results?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    } catch (error) {
      this.logger.debug(`user events not published (${events.length}): ${(error as Error).message}`);
    }
  }
}
