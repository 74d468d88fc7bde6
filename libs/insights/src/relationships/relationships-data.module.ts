import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InsightEntity, InsightSchema } from '../insights/insight.schema';
import { InsightWriteClaimEntity, InsightWriteClaimSchema } from '../insights/insight-write-claim.schema';
import { RelationshipEntity, RelationshipSchema } from './relationship.schema';
import { RelationshipsRepository } from './relationships.repository';

/** Relationship persistence (needs MongoConnectionModule in the app). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RelationshipEntity.name, schema: RelationshipSchema },
      { name: InsightEntity.name, schema: InsightSchema },
      { name: InsightWriteClaimEntity.name, schema: InsightWriteClaimSchema },
    ]),
  ],
  providers: [RelationshipsRepository],
  exports: [RelationshipsRepository],
})
export class RelationshipsDataModule {}
