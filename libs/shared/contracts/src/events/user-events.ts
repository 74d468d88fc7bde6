/**
 * Live notifications of `GET /api/v1/events` (server-sent events). Each arrives as an SSE
 * message whose `event:` is the type and whose `data:` is the JSON of the whole event; each event
 * but `stream.ready` has an `id` (also the SSE `id:`). A client that reconnects with
 * `Last-Event-ID` (or `?lastEventId=`) first gets the recent events it missed; when
 * `stream.ready` says the replay was not `complete`, it re-reads what it shows.
 */
export const USER_EVENT_TYPES = [
  'stream.ready',
  'insight.processed',
  'insight.failed',
  'suggestions.created',
  'job.progress',
  'job.completed',
  'job.failed',
  'digest.created',
] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];

/** Sent once the stream is subscribed: from here on, no event for the caller is missed. */
export interface StreamReadyEvent {
  type: 'stream.ready';
  /** With `Last-Event-ID`: how many missed events were sent before this one. */
  replayed?: number;
  /** With `Last-Event-ID`: false when some missed events are no longer kept (re-read instead). */
  complete?: boolean;
}

/** The analysis of an insight's version finished (keywords, language, sentiment are stored). */
export interface InsightProcessedEvent {
  type: 'insight.processed';
  insightId: string;
  version: number;
}

/** The analysis of an insight gave up after its retries. */
export interface InsightFailedEvent {
  type: 'insight.failed';
  insightId: string;
  version: number;
  error: string;
}

/** New related-insight suggestions wait in the insight's inbox. */
export interface SuggestionsCreatedEvent {
  type: 'suggestions.created';
  insightId: string;
  count: number;
}

/** Progress (0–100) of a job the caller started; `jobId` is the id of `GET /api/v1/jobs/:id`. */
export interface JobProgressEvent {
  type: 'job.progress';
  jobId: string;
  queue: string;
  name: string;
  progress: number;
}

export interface JobCompletedEvent {
  type: 'job.completed';
  jobId: string;
  queue: string;
  name: string;
}

/** A job the caller started failed (it may still be retried: `willRetry`). */
export interface JobFailedEvent {
  type: 'job.failed';
  jobId: string;
  queue: string;
  name: string;
  error: string;
  willRetry: boolean;
}

/** A new weekly digest is readable at `GET /api/v1/digests`. */
export interface DigestCreatedEvent {
  type: 'digest.created';
  digestId: string;
  periodStart: string;
}

/** What a publisher sends: one of the event shapes, without the envelope. */
export type UserEventPayload =
  | StreamReadyEvent
  | InsightProcessedEvent
  | InsightFailedEvent
  | SuggestionsCreatedEvent
  | JobProgressEvent
  | JobCompletedEvent
  | JobFailedEvent
  | DigestCreatedEvent;

/** One event as the stream delivers it: the payload plus when it happened. */
export type UserEvent = UserEventPayload & {
  /** ISO 8601. */
  at: string;
  /** Monotonically increasing per user (`<ms>-<seq>`); absent on `stream.ready`. */
  id?: string;
};

/** `POST /api/v1/events/ticket`: a one-time credential for `GET /api/v1/events?ticket=`. */
export interface EventStreamTicket {
  ticket: string;
  /** ISO 8601; the ticket is refused after this instant or after its first use. */
  expiresAt: string;
  /** The URL to open with EventSource (the ticket included). */
  streamUrl: string;
}
