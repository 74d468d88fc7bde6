import { Module } from '@nestjs/common';
import { CategoriesDataModule, InsightsDataModule, ReviewDataModule } from '@insight/insights';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

@Module({
  imports: [ReviewDataModule, InsightsDataModule, CategoriesDataModule],
  controllers: [ReviewController],
  providers: [ReviewService],
})
export class ReviewApiModule {}
