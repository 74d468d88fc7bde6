import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { UserEvent } from '@insight/contracts';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { UserEventsSubscriber } from '@insight/tasks';

/** How soon a disconnected EventSource tries again (ms), sent as the SSE `retry:` field. */
const RECONNECT_MS = 3000;

/** SSE wire format: the event type as `event:`, the whole event as JSON `data:`. */
function frame(event: UserEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes the stream to `response` (headers already chosen by the caller) until either side ends it. */
  stream(
    userId: string,
    response: ServerResponse,
    headers: Record<string, string | number | string[]>,
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

    const send = (event: UserEvent) => {
      if (!response.writableEnded) response.write(frame(event));
    };
    const subscription = this.subscriber.subscribe(userId, send);
    subscription.ready.then(
      () => send({ type: 'stream.ready', at: new Date().toISOString() }),
      (error: Error) => this.logger.warn(`event stream not subscribed: ${error.message}`),
    );
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
