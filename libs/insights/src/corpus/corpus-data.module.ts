import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CorpusRepository } from './corpus.repository';
import {
  CorpusDocumentEntity,
  CorpusDocumentSchema,
  CorpusLockEntity,
  CorpusLockSchema,
  CorpusStatsEntity,
  CorpusStatsSchema,
  CorpusTermEntity,
  CorpusTermSchema,
} from './corpus.schema';

/** Per-user document frequencies for keyword extraction (needs MongoConnectionModule). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CorpusStatsEntity.name, schema: CorpusStatsSchema },
      { name: CorpusTermEntity.name, schema: CorpusTermSchema },
      { name: CorpusDocumentEntity.name, schema: CorpusDocumentSchema },
      { name: CorpusLockEntity.name, schema: CorpusLockSchema },
    ]),
  ],
  providers: [CorpusRepository],
  exports: [CorpusRepository],
})
export class CorpusDataModule {}
