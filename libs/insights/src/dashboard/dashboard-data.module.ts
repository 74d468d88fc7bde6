import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoryEntity, CategorySchema } from '../categories/category.schema';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { RelationshipEntity, RelationshipSchema } from '../relationships/relationship.schema';
import { ReviewStateEntity, ReviewStateSchema } from '../review/review-state.schema';
import { DashboardRepository } from './dashboard.repository';
import { DigestEntity, DigestSchema, UserStatsEntity, UserStatsSchema } from './dashboard.schema';

/** Dashboard statistics and weekly digests (needs MongoConnectionModule in the app). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: UserStatsEntity.name, schema: UserStatsSchema },
      { name: DigestEntity.name, schema: DigestSchema },
      { name: InsightEntity.name, schema: InsightSchema },
      { name: RelationshipEntity.name, schema: RelationshipSchema },
      { name: CategoryEntity.name, schema: CategorySchema },
      { name: ReviewStateEntity.name, schema: ReviewStateSchema },
    ]),
  ],
  providers: [DashboardRepository],
  exports: [DashboardRepository],
})
export class DashboardDataModule {}
