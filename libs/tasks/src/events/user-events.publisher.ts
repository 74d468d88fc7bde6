import { Inject, Injectable, Logger } from '@nestjs/common';
import type { UserEvent, UserEventPayload } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, RedisClient, withTimeout } from '@insight/platform';
import { userEventsChannel } from './user-events.channel';

const PUBLISH_TIMEOUT_MS = 1000;

/** One event for one user, for `publishMany`. */
export interface AddressedUserEvent {
  userId: string;
  event: UserEventPayload;
}

/**
 * Publishes live events to the signed-in user's `GET /events` streams (Redis pub/sub, one
 * channel per user, so an API process only receives the events of users it is streaming to).
 * Fire-and-forget: never throws. Events are notifications; losing one while Redis is down costs
 * a stale screen, never data, so a failure is only logged.
 */
@Injectable()
export class UserEventsPublisher {
  private readonly logger = new Logger(UserEventsPublisher.name);

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(userId: string, event: UserEventPayload): Promise<void> {
    await this.publishMany([{ userId, event }]);
  }

  /** Sends many events in one round trip. */
  async publishMany(events: AddressedUserEvent[]): Promise<void> {
    if (events.length === 0) return;
    const at = new Date().toISOString();
    const pipeline = this.redis.pipeline();
    for (const { userId, event } of events) {
      const message: UserEvent = { ...event, at };
      pipeline.publish(userEventsChannel(this.config.QUEUE_PREFIX, userId), JSON.stringify(message));
    }
    try {
      await withTimeout(pipeline.exec(), PUBLISH_TIMEOUT_MS, 'redis');
    } catch (error) {
      this.logger.debug(`user events not published (${events.length}): ${(error as Error).message}`);
    }
  }
}
