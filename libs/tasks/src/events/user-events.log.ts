import { Inject, Injectable } from '@nestjs/common';
import type { UserEvent } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, RedisClient, withTimeout } from '@insight/platform';
import { compareEventIds, userEventsLogKey } from './user-events.channel';

const READ_TIMEOUT_MS = 2000;

/** What a reconnecting stream missed. */
export interface MissedEvents {
  /** Oldest first, each with its `id`. */
  events: UserEvent[];
  /**
   * False when some events after the given id may be gone (older than EVENTS_REPLAY_SECONDS,
   * beyond EVENTS_REPLAY_MAX_EVENTS, or the id is unknown): the client should re-read.
   */
  complete: boolean;
}

/** Reads a user's recent events back from the capped log UserEventsPublisher appends to. */
@Injectable()
export class UserEventsLog {
  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The events after `lastId` (exclusive), at most EVENTS_REPLAY_MAX_EVENTS, none older than EVENTS_REPLAY_SECONDS. */
  async since(userId: string, lastId: string, now = Date.now()): Promise<MissedEvents> {
    const key = userEventsLogKey(this.config.QUEUE_PREFIX, userId);
    const max = this.config.EVENTS_REPLAY_MAX_EVENTS;
    const oldest = `${Math.max(0, now - this.config.EVENTS_REPLAY_SECONDS * 1000)}-0`;
    // The newest max+1 after lastId (and inside the window): one more than fits says some are cut.
    const [[newestError, newest], [anchorError, anchor]] = (await withTimeout(
      this.redis
        .pipeline()
        .xrevrange(key, '+', `(${lastId}`, 'COUNT', max + 1)
        .xrange(key, lastId, lastId)
        .exec(),
      READ_TIMEOUT_MS,
      'redis',
    )) as [[Error | null, [string, string[]][]], [Error | null, [string, string[]][]]];
    if (newestError) throw newestError;
    if (anchorError) throw anchorError;
    const inWindow = newest.filter(([id]) => compareEventIds(id, oldest) >= 0);
    const events = inWindow
      .slice(0, max)
      .reverse()
      .map(([id, fields]) => ({ ...(JSON.parse(fields[1] ?? '{}') as UserEvent), id }));
    const complete = anchor.length === 1 && newest.length <= max && inWindow.length === newest.length;
    return { events, complete };
  }
}
