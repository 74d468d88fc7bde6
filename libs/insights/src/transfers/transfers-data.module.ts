import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoryEntity, CategorySchema } from '../categories/category.schema';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { RelationshipEntity, RelationshipSchema } from '../relationships/relationship.schema';
import { ReviewStateEntity, ReviewStateSchema } from '../review/review-state.schema';
import { SuggestionEntity, SuggestionSchema } from '../suggestions/suggestion.schema';
import { SuggestionsDataModule } from '../suggestions/suggestions-data.module';
import {
  DataTransferEntity,
  DataTransferSchema,
  ImportKeyEntity,
  ImportKeySchema,
} from './data-transfer.schema';
import { DataTransfersRepository } from './data-transfers.repository';
import { PortabilityRepository } from './portability.repository';

/** Exports, imports and the whole-account reads and bulk writes they need (needs MongoConnectionModule). */
@Module({
  imports: [
    SuggestionsDataModule,
    MongooseModule.forFeature([
      { name: DataTransferEntity.name, schema: DataTransferSchema },
      { name: ImportKeyEntity.name, schema: ImportKeySchema },
      { name: InsightEntity.name, schema: InsightSchema },
      { name: RelationshipEntity.name, schema: RelationshipSchema },
      { name: CategoryEntity.name, schema: CategorySchema },
      { name: ReviewStateEntity.name, schema: ReviewStateSchema },
      { name: SuggestionEntity.name, schema: SuggestionSchema },
    ]),
  ],
  providers: [DataTransfersRepository, PortabilityRepository],
  exports: [DataTransfersRepository, PortabilityRepository],
})
export class TransfersDataModule {}
