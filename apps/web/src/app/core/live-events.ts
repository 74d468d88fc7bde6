import { HttpClient } from '@angular/common/http';
import { DestroyRef, DOCUMENT, effect, inject, Injectable, signal, untracked } from '@angular/core';
import {
  type EventStreamTicket,
  type InsightFailedEvent,
  type InsightProcessedEvent,
  USER_EVENT_TYPES,
  type UserEvent,
} from '@insight/contracts';
import { firstValueFrom, Subject } from 'rxjs';
import { API } from './api';
import { AuthStore } from './auth/auth.store';

export const RECONNECT_MIN_MS = 1_000;

/** The worker's analysis of an insight finished, either way. */
export function insightAnalysed(
  event: UserEvent,
): event is UserEvent & (InsightProcessedEvent | InsightFailedEvent) {
  return event.type === 'insight.processed' || event.type === 'insight.failed';
}
export const RECONNECT_MAX_MS = 30_000;

/**
 * The signed-in user's live events (`GET /events`, server-sent). EventSource cannot send the
 * access token, so each connection first takes a one-time ticket. A dropped stream reconnects
 * with a growing delay and a fresh ticket, asking for what it missed since the last event id
 * it saw; consumers re-read what they show on `stream.ready`.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly subject = new Subject<UserEvent>();
  private source: EventSource | null = null;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private delay = RECONNECT_MIN_MS;
  private generation = 0;
  /** Id of the last event received: a reconnect asks the server to replay what came after it. */
  private lastEventId: string | null = null;

  readonly events$ = this.subject.asObservable();
  /** True while the stream is open and subscribed. */
  readonly connected = signal(false);

  constructor() {
    effect(() => {
      const signedIn = this.auth.signedIn();
      untracked(() => {
        if (signedIn) void this.connect();
        else this.disconnect();
      });
    });
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  private async connect(): Promise<void> {
    if (!this.window || typeof this.window.EventSource !== 'function' || this.source) return;
    const generation = ++this.generation;
    try {
      const ticket = await firstValueFrom(this.http.post<EventStreamTicket>(`${API}/events/ticket`, null));
      if (generation !== this.generation || !this.auth.signedIn()) return;
      const url = this.lastEventId
        ? `${ticket.streamUrl}&lastEventId=${encodeURIComponent(this.lastEventId)}`
        : ticket.streamUrl;
      const source = new this.window.EventSource(url);
      this.source = source;
      for (const type of USER_EVENT_TYPES) {
        source.addEventListener(type, (message) => this.receive(message as MessageEvent<string>));
      }
      source.onerror = () => {
        // EventSource retries with the same (spent) ticket; start over with a new one instead.
        source.close();
        if (this.source === source) this.source = null;
        this.connected.set(false);
        this.scheduleReconnect(generation);
      };
    } catch {
      this.scheduleReconnect(generation);
    }
  }

  private receive(message: MessageEvent<string>): void {
    let event: UserEvent;
    try {
      event = JSON.parse(message.data) as UserEvent;
    } catch {
      return;
    }
    if (event.id) this.lastEventId = event.id;
    if (event.type === 'stream.ready') {
      this.connected.set(true);
      this.delay = RECONNECT_MIN_MS;
    }
    this.subject.next(event);
  }

  private scheduleReconnect(generation: number): void {
    if (generation !== this.generation || !this.auth.signedIn()) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
  }

  private disconnect(): void {
    this.generation++;
    this.lastEventId = null;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.connected.set(false);
    this.delay = RECONNECT_MIN_MS;
  }
}
