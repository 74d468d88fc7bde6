import { Module } from '@nestjs/common';
import { SuggestionsDataModule } from '@insight/insights';
import { suggestionsCounter } from '@insight/tasks';
import { RelationshipsApiModule } from '../relationships/relationships-api.module';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';

@Module({
  imports: [SuggestionsDataModule, RelationshipsApiModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsService, suggestionsCounter],
})
export class SuggestionsApiModule {}
