import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CorpusDataModule } from '../corpus/corpus-data.module';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { InsightWriteClaimEntity, InsightWriteClaimSchema } from '../insights/insight-write-claim.schema';
import { InsightsDataModule } from '../insights/insights-data.module';
import { RelationshipsDataModule } from '../relationships/relationships-data.module';
import { SuggestionsDataModule } from '../suggestions/suggestions-data.module';
import { InsightAnalysisRepository } from './insight-analysis.repository';

/** What the worker's analysis and related-insight discovery read and write (needs MongoConnectionModule). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: InsightEntity.name, schema: InsightSchema },
      { name: InsightWriteClaimEntity.name, schema: InsightWriteClaimSchema },
    ]),
    CorpusDataModule,
    InsightsDataModule,
    RelationshipsDataModule,
    SuggestionsDataModule,
  ],
  providers: [InsightAnalysisRepository],
  exports: [
    InsightAnalysisRepository,
    CorpusDataModule,
    InsightsDataModule,
    RelationshipsDataModule,
    SuggestionsDataModule,
  ],
})
export class AnalysisDataModule {}
