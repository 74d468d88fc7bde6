import { Module } from '@nestjs/common';
import { GraphModule } from '@insight/graph';
import { InsightsDataModule } from '@insight/insights';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

@Module({
  imports: [GraphModule, InsightsDataModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchApiModule {}
