import type { UserEvent } from '@insight/contracts';
import { API_URL } from './apps';
import type { TestUser } from './users';

/** An open `GET /api/v1/events` stream, parsed as it arrives. */
export interface EventStream {
  response: Response;
  /** Every event received so far, in order. */
  events: UserEvent[];
  /** Everything received so far, verbatim (comments and fields included). */
  text(): string;
  /** Resolves with the first event (received already or later) that matches, or rejects after `timeoutMs`. */
  next(match: (event: UserEvent) => boolean, timeoutMs?: number): Promise<UserEvent>;
  close(): void;
}

/**
 * Opens the event stream as `user` (bearer token) or with `?ticket=`, and resolves once the
 * server said `stream.ready` (from then on no event is missed). Rejects with the status and
 * body when the server refuses.
 */
export async function openEventStream(
  auth: TestUser | { ticket: string },
  /** Sent as the `Last-Event-ID` header (`lastEventId` query with a ticket). */
  lastEventId?: string,
): Promise<EventStream> {
  const controller = new AbortController();
  const after = lastEventId === undefined ? '' : `&lastEventId=${encodeURIComponent(lastEventId)}`;
  const url =
    'ticket' in auth
      ? `${API_URL}/api/v1/events?ticket=${encodeURIComponent(auth.ticket)}${after}`
      : `${auth.apiUrl ?? API_URL}/api/v1/events`;
  const response = await fetch(url, {
    headers: {
      accept: 'text/event-stream',
      ...('ticket' in auth ? {} : auth.headers),
      ...(lastEventId === undefined || 'ticket' in auth ? {} : { 'last-event-id': lastEventId }),
    },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw Object.assign(new Error(`events answered ${response.status}: ${await response.text()}`), {
      status: response.status,
    });
  }
  const events: UserEvent[] = [];
  const waiters = new Set<() => void>();
  let raw = '';
  let pending = '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const chunk = decoder.decode(value, { stream: true });
        raw += chunk;
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const frame = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) events.push(JSON.parse(data) as UserEvent);
        }
        waiters.forEach((wake) => wake());
      }
    } catch {
      // aborted by close()
    }
  })();

  const next = (match: (event: UserEvent) => boolean, timeoutMs = 15_000) =>
    new Promise<UserEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const stream: EventStream = {
    response,
    events,
    text: () => raw,
    next,
    close: () => controller.abort(),
  };
  await next((event) => event.type === 'stream.ready');
  return stream;
}
