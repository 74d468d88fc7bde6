import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import { WEBHOOK_EVENTS, type WebhookDeliveryStatus, type WebhookEventType } from '@insight/contracts';

/**
 * One event for one webhook. The body is stored as it is signed and sent, so a retry or a
 * manual redelivery sends the same bytes (with a fresh timestamp and signature).
 */
@Schema({ collection: 'webhook_deliveries', timestamps: true, versionKey: false })
export class WebhookDeliveryEntity {
  _id!: Types.ObjectId;

  /** `<eventId>.<webhookId>`: a fan-out that runs twice creates each delivery once. */
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  webhookId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: WEBHOOK_EVENTS, required: true })
  event!: WebhookEventType;

  @Prop({ type: String, required: true })
  eventId!: string;

  @Prop({ type: String, required: true })
  body!: string;

  @Prop({ type: String, enum: ['pending', 'succeeded', 'failed'], default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Prop({ type: Number, default: 0 })
  attempts!: number;

  /** Manual redeliveries so far; part of the next redelivery's job id. */
  @Prop({ type: Number, default: 0 })
  redeliveries!: number;

  @Prop({ type: Number, default: null })
  statusCode!: number | null;

  @Prop({ type: Number, default: null })
  durationMs!: number | null;

  @Prop({ type: String, default: null })
  error!: string | null;

  @Prop({ type: Date, default: null })
  lastAttemptAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDeliveryEntity);
WebhookDeliverySchema.index({ key: 1 }, { unique: true, name: 'unique_key' });
// The delivery log of one webhook, newest first (userId checked on the same documents).
WebhookDeliverySchema.index({ webhookId: 1, _id: -1 }, { name: 'by_webhook' });
