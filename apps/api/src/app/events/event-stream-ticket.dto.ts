import type { EventStreamTicket } from '@insight/contracts';

export class EventStreamTicketDto implements EventStreamTicket {
  /** One-time credential; pass it as `?ticket=` to `GET /api/v1/events`. */
  ticket!: string;
  /** ISO 8601; refused after this instant or after its first use. */
  expiresAt!: string;
  /** `/api/v1/events?ticket=…`, ready for `new EventSource(streamUrl)`. */
  streamUrl!: string;
}
