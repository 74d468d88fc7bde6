import { type ModuleMetadata } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Connection } from 'mongoose';
import { AppConfigModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { MongoConnectionModule } from '../database/mongo-connection.module';

/** A Nest module on a database of its own in the real local MongoDB/FerretDB; drop it with `close`. */
export async function mongoTestModule(
  imports: ModuleMetadata['imports'],
): Promise<{ moduleRef: TestingModule; connection: Connection; close: () => Promise<void> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(testConfig()), MongoConnectionModule, ...(imports ?? [])],
  }).compile();
  await moduleRef.init();
  const connection = moduleRef.get<Connection>(getConnectionToken());
  await connection.asPromise();
  // Unique indexes must exist before tests rely on them.
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
  return {
    moduleRef,
    connection,
    close: async () => {
      await connection.dropDatabase();
      await moduleRef.close();
    },
  };
}
