import mongoose, { type Connection, Schema, Types } from 'mongoose';
import { findByIds } from './find-by-ids';

interface Doc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  title: string;
  deletedAt?: Date | null;
}

const uri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker';

describe('findByIds (real MongoDB/FerretDB)', () => {
  let connection: Connection;
  const owner = new Types.ObjectId();
  const other = new Types.ObjectId();
  // More than one query's slice (1,000 ids).
  const ids = Array.from({ length: 1_100 }, () => new Types.ObjectId());

  beforeAll(async () => {
    const url = new URL(uri);
    url.pathname = `/insight-test-find-by-ids-${Date.now().toString(36)}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    await connection.collection('docs').insertMany(
      ids.map((_id, i) => ({
        _id,
        userId: i % 4 === 1 ? other : owner,
        title: `t${i}`,
        ...(i % 4 === 2 ? { deletedAt: new Date() } : i % 4 === 3 ? { deletedAt: null } : {}),
      })),
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('returns those meeting the conditions (null matches missing), in the order asked, across slices', async () => {
    const model = connection.model<Doc>(
      'Doc',
      new Schema<Doc>(
        { userId: Schema.Types.ObjectId, title: String, deletedAt: Date },
        { collection: 'docs' },
      ),
    );
    const asked = [...ids].reverse();
    const found = await findByIds<Doc, Doc>(model, [...asked, new Types.ObjectId()], {
      where: { userId: owner, deletedAt: null },
      select: { title: 1, userId: 1 },
    });
    const expected = asked.filter((_, i) => [0, 3].includes((ids.length - 1 - i) % 4));
    expect(found.map((doc) => doc._id.toHexString())).toEqual(expected.map((id) => id.toHexString()));
    expect(found.every((doc) => doc.title.startsWith('t') && doc.userId.equals(owner))).toBe(true);
    expect(await findByIds(model, ids, { where: { userId: new Types.ObjectId() } })).toEqual([]);
  });
});
