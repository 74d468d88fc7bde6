import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  type CreatedWebhook,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  WEBHOOK_EVENTS,
  WEBHOOK_LIMITS,
  type WebhookEventType,
} from '@insight/contracts';
import { OptionalNotNull, trimmed } from '../common/validation';

export class WebhookDto implements Webhook {
  id!: string;
  url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  events!: WebhookEventType[];
  /** False once disabled, by you or after too many failed attempts in a row. */
  active!: boolean;
  /** Why it was disabled automatically. */
  @ApiProperty({ type: String, nullable: true })
  disabledReason!: string | null;
  /** Failed attempts since the last success. */
  consecutiveFailures!: number;
  createdAt!: string;
  updatedAt!: string;
}

export class CreatedWebhookDto extends WebhookDto implements CreatedWebhook {
  /** Signs every delivery; shown only in this answer. */
  secret!: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] })
  items!: WebhookDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class CreateWebhookRequestDto implements CreateWebhookRequest {
  /** Where deliveries are POSTed: http(s), no credentials, not a private address. */
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(WEBHOOK_LIMITS.urlMaxLength)
  url!: string;

  /** The events to send; at least one. */
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: WebhookEventType[];

  /** 16–128 characters; left out, a random one is generated and shown once. */
  @OptionalNotNull()
  @IsString()
  @MinLength(WEBHOOK_LIMITS.secretMinLength)
  @MaxLength(WEBHOOK_LIMITS.secretMaxLength)
  secret?: string;
}

export class UpdateWebhookRequestDto
  extends PartialType(PickType(CreateWebhookRequestDto, ['url', 'events'] as const), {
    skipNullProperties: false,
  })
  implements UpdateWebhookRequest
{
  /** `true` re-enables a disabled webhook and forgets its failures. */
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class WebhookDeliveryDto implements WebhookDelivery {
  id!: string;
  webhookId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS })
  event!: WebhookEventType;
  eventId!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status!: WebhookDeliveryStatus;
  attempts!: number;
  @ApiProperty({ type: Number, nullable: true })
  statusCode!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  durationMs!: number | null;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
  createdAt!: string;
  @ApiProperty({ type: String, nullable: true })
  lastAttemptAt!: string | null;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  items!: WebhookDeliveryDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
