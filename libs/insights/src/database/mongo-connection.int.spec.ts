import { Test, type TestingModule } from '@nestjs/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Schema } from 'mongoose';
import { AppConfigModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { MongoConnectionModule } from './mongo-connection.module';

jest.setTimeout(30_000);

describe('MongoConnectionModule (real MongoDB wire protocol)', () => {
  let moduleRef: TestingModule;
  let connection: Connection;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), MongoConnectionModule],
    }).compile();
    await moduleRef.init();
    connection = moduleRef.get(getConnectionToken());
    await connection.asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await moduleRef.close();
  });

  it('writes a document and reads it back', async () => {
    const notes = connection.model('RoundTrip', new Schema({ title: String, n: Number }));
    const created = await notes.create({ title: 'hello', n: 42 });
    const read = await notes.findById(created._id).lean();
    expect(read).toMatchObject({ title: 'hello', n: 42 });
  });

  it('never runs query operators smuggled into filter values', async () => {
    const secrets = connection.model('Secret', new Schema({ owner: String, tag: Schema.Types.Mixed }));
    await secrets.create({ owner: 'alice', tag: 'x' });
    const byOwner = JSON.parse('{"owner": {"$ne": "nobody"}}') as { owner: string };
    // sanitizeFilter wraps the object in $eq: a typed path refuses it, an untyped one matches it literally.
    await expect(secrets.find(byOwner).lean()).rejects.toThrow(/Cast to string failed/);
    const byTag = JSON.parse('{"tag": {"$ne": "nobody"}}') as { tag: unknown };
    expect(await secrets.find(byTag).lean()).toEqual([]);
    expect(await secrets.find({ owner: 'alice' }).lean()).toHaveLength(1);
  });
});
