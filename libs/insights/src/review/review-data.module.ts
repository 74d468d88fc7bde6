import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { ReviewRepository } from './review.repository';
import {
  ReviewSettingsEntity,
  ReviewSettingsSchema,
  ReviewStateEntity,
  ReviewStateSchema,
} from './review-state.schema';

/** Review schedules and settings (needs MongoConnectionModule in the app). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReviewStateEntity.name, schema: ReviewStateSchema },
      { name: ReviewSettingsEntity.name, schema: ReviewSettingsSchema },
      { name: InsightEntity.name, schema: InsightSchema },
    ]),
  ],
  providers: [ReviewRepository],
  exports: [ReviewRepository],
})
export class ReviewDataModule {}
