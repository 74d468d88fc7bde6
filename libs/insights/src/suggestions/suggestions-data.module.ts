import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { SuggestionEntity, SuggestionSchema } from './suggestion.schema';
import { SuggestionsRepository } from './suggestions.repository';

/** Related-insight suggestions and the user's decisions on them (needs MongoConnectionModule). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SuggestionEntity.name, schema: SuggestionSchema },
      { name: InsightEntity.name, schema: InsightSchema },
    ]),
  ],
  providers: [SuggestionsRepository],
  exports: [SuggestionsRepository],
})
export class SuggestionsDataModule {}
