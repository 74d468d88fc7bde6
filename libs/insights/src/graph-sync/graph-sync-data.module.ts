import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoryEntity, CategorySchema } from '../categories/category.schema';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { InsightWriteClaimEntity, InsightWriteClaimSchema } from '../insights/insight-write-claim.schema';
import { RelationshipEntity, RelationshipSchema } from '../relationships/relationship.schema';
import { User, UserSchema } from '../users/user.schema';
import { GraphSourcesRepository } from './graph-sources.repository';
import { GraphSyncStateRepository } from './graph-sync-state.repository';

/** What the worker's graph sync reads and records in MongoDB (needs MongoConnectionModule). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: InsightEntity.name, schema: InsightSchema },
      { name: RelationshipEntity.name, schema: RelationshipSchema },
      { name: CategoryEntity.name, schema: CategorySchema },
      { name: InsightWriteClaimEntity.name, schema: InsightWriteClaimSchema },
      { name: User.name, schema: UserSchema },
    ]),
  ],
  providers: [GraphSourcesRepository, GraphSyncStateRepository],
  exports: [GraphSourcesRepository, GraphSyncStateRepository],
})
export class GraphSyncDataModule {}
