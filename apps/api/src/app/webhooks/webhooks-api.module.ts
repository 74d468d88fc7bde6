import { Module } from '@nestjs/common';
import { WebhooksDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [WebhooksDataModule, TaskProducersModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksApiModule {}
