import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { UserEvent } from '@insight/contracts';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { compareEventIds, UserEventsLog, UserEventsSubscriber } from '@insight/tasks';

/** How soon a disconnected EventSource tries again (ms), sent as the SSE `retry:` field. */
const RECONNECT_MS = 3000;

/** SSE wire format: its id as `id:`, the event type as `event:`, the whole event as JSON `data:`. */
function frame(event: UserEvent): string {
  return `${event.id ? `id: ${event.id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The open `GET /events` streams of this API process. Each stream listens to its user's events
 * through the process's one shared Redis subscriber, sends a heartbeat comment every
 * EVENTS_HEARTBEAT_SECONDS, and lets go of everything when the client goes away. Shutdown ends
 * every stream so the server can close (clients reconnect to another replica).
 */
@Injectable()
export class EventStreamsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStreamsService.name);
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly subscriber: UserEventsSubscriber,
    private readonly log: UserEventsLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Writes the stream to `response` (headers already chosen by the caller) until either side ends
   * it. With `lastEventId`, what the user's log holds after it is sent first, then live events
   * (those that arrive meanwhile wait, and none is sent twice).
   */
  stream(
    userId: string,
    response: ServerResponse,
    headers: Record<string, string | number | string[]>,
    lastEventId?: string,
  ): void {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n\n`);
    this.open.add(response);

    let lastSent = lastEventId;
    let held: UserEvent[] | null = lastEventId ? [] : null;
    const write = (event: UserEvent) => {
      if (response.writableEnded) return;
      if (event.id && lastSent && compareEventIds(event.id, lastSent) <= 0) return;
      if (event.id) lastSent = event.id;
      response.write(frame(event));
    };
    // Live events wait while the replay is read, so they follow it in order.
    const send = (event: UserEvent) => (held ? held.push(event) : write(event));
    const subscription = this.subscriber.subscribe(userId, send);
    subscription.ready
      .then(async () => {
        // Subscribed first, replay second: an event published in between is in both, sent once.
        const ready: UserEvent = { type: 'stream.ready', at: new Date().toISOString() };
        if (lastEventId) {
          const missed = await this.log.since(userId, lastEventId).catch((error: Error) => {
            this.logger.warn(`event replay failed: ${error.message}`);
            return { events: [], complete: false };
          });
          for (const event of missed.events) write(event);
          Object.assign(ready, { replayed: missed.events.length, complete: missed.complete });
        }
        write(ready);
        const waiting = held ?? [];
        held = null;
        for (const event of waiting) write(event);
      })
      .catch((error: Error) => this.logger.warn(`event stream not subscribed: ${error.message}`));
    const heartbeat = setInterval(() => {
      if (!response.writableEnded) response.write(': heartbeat\n\n');
    }, this.config.EVENTS_HEARTBEAT_SECONDS * 1000);

    response.once('close', () => {
      clearInterval(heartbeat);
      subscription.close();
      this.open.delete(response);
    });
  }

  /** Streams open in this process (for tests and metrics). */
  get openStreams(): number {
    return this.open.size;
  }

  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
  }
}
