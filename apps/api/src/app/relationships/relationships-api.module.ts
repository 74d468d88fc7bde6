import { Module } from '@nestjs/common';
import { RelationshipsDataModule } from '@insight/insights';
import { RelationshipsController } from './relationships.controller';
import { RelationshipsService } from './relationships.service';

@Module({
  imports: [RelationshipsDataModule],
  controllers: [RelationshipsController],
  providers: [RelationshipsService],
})
export class RelationshipsApiModule {}
