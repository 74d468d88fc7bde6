import { Module } from '@nestjs/common';
import { CategoriesDataModule, InsightsDataModule, RelationshipsDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';
import { TrashController } from './trash.controller';

@Module({
  imports: [InsightsDataModule, CategoriesDataModule, RelationshipsDataModule, TaskProducersModule],
  controllers: [InsightsController, TrashController],
  providers: [InsightsService],
})
export class InsightsApiModule {}
