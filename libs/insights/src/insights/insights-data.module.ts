import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TagsRepository } from '../tags/tags.repository';
import { InsightEntity, InsightSchema } from './insight.schema';
import { InsightWriteClaimEntity, InsightWriteClaimSchema } from './insight-write-claim.schema';
import { InsightsRepository } from './insights.repository';

/** Insights and tags persistence (needs MongoConnectionModule in the app). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: InsightEntity.name, schema: InsightSchema },
      { name: InsightWriteClaimEntity.name, schema: InsightWriteClaimSchema },
    ]),
  ],
  providers: [InsightsRepository, TagsRepository],
  exports: [InsightsRepository, TagsRepository],
})
export class InsightsDataModule {}
