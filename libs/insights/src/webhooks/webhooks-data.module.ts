import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryEntity, WebhookDeliverySchema } from './webhook-delivery.schema';
import { WebhookEntity, WebhookSchema } from './webhook.schema';
import { WebhooksRepository } from './webhooks.repository';

/** Webhooks and their delivery log (needs MongoConnectionModule in the app). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WebhookEntity.name, schema: WebhookSchema },
      { name: WebhookDeliveryEntity.name, schema: WebhookDeliverySchema },
    ]),
  ],
  providers: [WebhooksRepository, WebhookDeliveriesRepository],
  exports: [WebhooksRepository, WebhookDeliveriesRepository],
})
export class WebhooksDataModule {}
