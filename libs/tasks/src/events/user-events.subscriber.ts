import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { UserEvent } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, redisOptions } from '@insight/platform';
import { parseEventMessage, userEventsChannel } from './user-events.channel';

export type UserEventListener = (event: UserEvent) => void;

/** One listener's subscription to one user's events. */
export interface UserEventsSubscription {
  /** Resolves once Redis confirmed the subscription: no later event is missed. */
  ready: Promise<void>;
  /** Stops delivering; the last listener of a user unsubscribes the channel. Idempotent. */
  close(): void;
}

/**
 * Receives users' live events for this process over ONE Redis connection, whatever the number of
 * open streams: a user's channel is subscribed while at least one of their streams is open. The
 * connection opens with the first subscription and reconnects (and resubscribes) by itself.
 */
@Injectable()
export class UserEventsSubscriber implements OnApplicationShutdown {
  private readonly logger = new Logger(UserEventsSubscriber.name);
  /** Per subscribed channel: its listeners and the answer to its SUBSCRIBE. */
  private readonly channels = new Map<string, { listeners: Set<UserEventListener>; ready: Promise<void> }>();
  private connection?: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  subscribe(userId: string, listener: UserEventListener): UserEventsSubscription {
    const channel = userEventsChannel(this.config.QUEUE_PREFIX, userId);
    const connection = this.connect();
    let state = this.channels.get(channel);
    if (!state) {
      // Commands on one connection run in order, so a SUBSCRIBE after an UNSUBSCRIBE of the
      // same channel (a user reconnecting) leaves it subscribed.
      state = { listeners: new Set(), ready: connection.subscribe(channel).then(() => undefined) };
      this.channels.set(channel, state);
    }
    state.listeners.add(listener);
    let closed = false;
    return {
      ready: state.ready,
      close: () => {
        if (closed) return;
        closed = true;
        const current = this.channels.get(channel);
        current?.listeners.delete(listener);
        if (current?.listeners.size === 0) {
          this.channels.delete(channel);
          connection.unsubscribe(channel).catch((error: Error) => {
            this.logger.debug(`unsubscribe ${channel}: ${error.message}`);
          });
        }
      },
    };
  }

  /** Users with at least one open stream in this process. */
  get subscribedUsers(): number {
    return this.channels.size;
  }

  onApplicationShutdown(): void {
    this.channels.clear();
    this.connection?.disconnect();
    this.connection = undefined;
  }

  private connect(): Redis {
    if (this.connection) return this.connection;
    // Commands wait for the connection (default offline queue): a stream opened while Redis is
    // away gets its subscription when Redis is back.
    const connection = new Redis(this.config.REDIS_URL, {
      ...redisOptions(this.config),
      connectionName: 'insight-tracker-events',
      maxRetriesPerRequest: null,
    });
    connection.on('error', (error: Error) => this.logger.debug(`events connection: ${error.message}`));
    connection.on('message', (channel: string, message: string) => this.deliver(channel, message));
    this.connection = connection;
    return connection;
  }

  private deliver(channel: string, message: string): void {
    const listeners = this.channels.get(channel)?.listeners;
    if (!listeners) return;
    let event: UserEvent;
    try {
      const { id, json } = parseEventMessage(message);
      event = JSON.parse(json) as UserEvent;
      if (id) event.id = id;
    } catch {
      this.logger.warn(`ignored a malformed event on ${channel}`);
      return;
    }
    for (const listener of listeners) listener(event);
  }
}
