import { Module } from '@nestjs/common';
import { GraphModule } from '@insight/graph';
import { CategoriesDataModule, InsightsDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { GraphAdminController } from './graph-admin.controller';
import { GraphController } from './graph.controller';
import { GraphService } from './graph.service';

@Module({
  imports: [GraphModule, InsightsDataModule, CategoriesDataModule, TaskProducersModule],
  controllers: [GraphController, GraphAdminController],
  providers: [GraphService],
})
export class GraphApiModule {}
