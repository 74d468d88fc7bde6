import { Module } from '@nestjs/common';
import { InsightsDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [InsightsDataModule, TaskProducersModule],
  controllers: [TagsController],
  providers: [TagsService],
})
export class TagsApiModule {}
