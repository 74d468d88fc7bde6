/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'insight.created',
  'insight.updated',
  'insight.deleted',
  'insight.processed',
  'relationship.created',
  'digest.weekly',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_LIMITS = {
  urlMaxLength: 2048,
  secretMinLength: 16,
  secretMaxLength: 128,
  /** Webhooks one user may have. */
  perUser: 20,
  pageSizeMax: 100,
  pageSizeDefault: 20,
} as const;

/**
 * Headers of every delivery. The signature is `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
 * where timestamp is the `X-Insight-Timestamp` value (Unix seconds): receivers recompute it and
 * refuse old timestamps to stop replays.
 */
export const WEBHOOK_HEADERS = {
  signature: 'x-insight-signature',
  timestamp: 'x-insight-timestamp',
  event: 'x-insight-event',
  delivery: 'x-insight-delivery',
} as const;

/** A webhook as the API shows it (the secret only once, on creation). */
export interface Webhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** False once disabled, by you or after too many consecutive failed attempts. */
  active: boolean;
  /** Why it was disabled automatically; null while active or when you disabled it. */
  disabledReason: string | null;
  /** Failed delivery attempts since the last success. */
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

/** The answer to `POST /webhooks`: the only time the secret is shown. */
export interface CreatedWebhook extends Webhook {
  secret: string;
}

/** `POST /api/v1/webhooks`. Without `secret` one is generated. */
export interface CreateWebhookRequest {
  url: string;
  events: WebhookEventType[];
  secret?: string;
}

/** `PATCH /api/v1/webhooks/:id`. Setting `active: true` re-enables it and resets the failure count. */
export interface UpdateWebhookRequest {
  url?: string;
  events?: WebhookEventType[];
  active?: boolean;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event sent (or being sent) to one webhook, with its last attempt. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  event: WebhookEventType;
  /** The event's id, also in the body; the same for every webhook that got it. */
  eventId: string;
  status: WebhookDeliveryStatus;
  /** Attempts made so far (redeliveries included). */
  attempts: number;
  /** HTTP status of the last attempt, null when no answer came (refused, timed out, blocked). */
  statusCode: number | null;
  /** How long the last attempt took, in milliseconds. */
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
}

/** The JSON body of every delivery. */
export interface WebhookEventEnvelope<TData = unknown> {
  id: string;
  type: WebhookEventType;
  /** ISO 8601: when the event happened. */
  createdAt: string;
  data: TData;
}
