import { Module } from '@nestjs/common';
import {
  CategoriesDataModule,
  CorpusDataModule,
  InsightsDataModule,
  RelationshipsDataModule,
  ReviewDataModule,
  SuggestionsDataModule,
} from '@insight/insights';
import { InsightPurger, TaskProducersModule } from '@insight/tasks';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';
import { TrashController } from './trash.controller';

@Module({
  imports: [
    InsightsDataModule,
    CategoriesDataModule,
    CorpusDataModule,
    RelationshipsDataModule,
    ReviewDataModule,
    SuggestionsDataModule,
    TaskProducersModule,
  ],
  controllers: [InsightsController, TrashController],
  providers: [InsightsService, InsightPurger],
})
export class InsightsApiModule {}
