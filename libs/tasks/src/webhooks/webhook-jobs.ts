import type { WebhookEventType } from '@insight/contracts';

/** Payload of a `webhook-events` job: one event of one user, before fan-out. */
export interface WebhookEventJobData {
  eventId: string;
  userId: string;
  type: WebhookEventType;
  createdAt: string;
  data: unknown;
}

/** Payload of a `webhook-deliveries` job. The body and target are read from MongoDB. */
export interface WebhookDeliveryJobData {
  deliveryId: string;
}

/** The first send of a delivery; a manual redelivery gets `-r<n>` so it is a new job. */
export function webhookDeliveryJobId(deliveryId: string, redelivery = 0): string {
  return redelivery === 0 ? `whd-${deliveryId}` : `whd-${deliveryId}-r${redelivery}`;
}
