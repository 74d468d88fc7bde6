import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, type WebhookEventType } from '@insight/contracts';

/**
 * A user's webhook. The secret is stored as given: the worker needs it to sign every delivery
 * (a hash would not do), and the API never shows it again after creation.
 */
@Schema({ collection: 'webhooks', timestamps: true, versionKey: false })
export class WebhookEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: WEBHOOK_LIMITS.urlMaxLength })
  url!: string;

  @Prop({ type: [String], enum: WEBHOOK_EVENTS, required: true })
  events!: WebhookEventType[];

  @Prop({ type: String, required: true })
  secret!: string;

  @Prop({ type: Boolean, default: true })
  active!: boolean;

  @Prop({ type: String, default: null })
  disabledReason!: string | null;

  @Prop({ type: Number, default: 0, min: 0 })
  consecutiveFailures!: number;

  createdAt!: Date;
  updatedAt!: Date;
}

export const WebhookSchema = SchemaFactory.createForClass(WebhookEntity);
// The list (newest first) and the fan-out ("this user's active hooks for this event") both
// start with userId; a user has at most WEBHOOK_LIMITS.perUser of them.
WebhookSchema.index({ userId: 1, _id: -1 }, { name: 'by_user' });
