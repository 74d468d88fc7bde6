import { Module } from '@nestjs/common';
import { RelationshipsDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { RelationshipsController } from './relationships.controller';
import { RelationshipsService } from './relationships.service';

@Module({
  imports: [RelationshipsDataModule, TaskProducersModule],
  controllers: [RelationshipsController],
  providers: [RelationshipsService],
  exports: [RelationshipsService],
})
export class RelationshipsApiModule {}
