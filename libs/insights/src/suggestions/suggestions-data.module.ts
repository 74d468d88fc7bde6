import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { InsightWriteClaimEntity, InsightWriteClaimSchema } from '../insights/insight-write-claim.schema';
import {
  SuggestionEntity,
  SuggestionSchema,
  SuggestionSourceEntity,
  SuggestionSourceSchema,
} from './suggestion.schema';
import { SuggestionsRepository } from './suggestions.repository';

/** Related-insight suggestions and the user's decisions on them (needs MongoConnectionModule). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SuggestionEntity.name, schema: SuggestionSchema },
      { name: SuggestionSourceEntity.name, schema: SuggestionSourceSchema },
      { name: InsightEntity.name, schema: InsightSchema },
      { name: InsightWriteClaimEntity.name, schema: InsightWriteClaimSchema },
    ]),
  ],
  providers: [SuggestionsRepository],
  exports: [SuggestionsRepository],
})
export class SuggestionsDataModule {}
