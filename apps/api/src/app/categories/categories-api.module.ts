import { Module } from '@nestjs/common';
import { CategoriesDataModule, InsightsDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';

@Module({
  imports: [CategoriesDataModule, InsightsDataModule, TaskProducersModule],
  controllers: [CategoriesController],
  providers: [CategoriesService],
})
export class CategoriesApiModule {}
