import { getModelToken } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import type { Insight } from '@insight/contracts';
import { mongoTestModule } from '../testing/mongo-test-module';
import { InsightEntity } from './insight.schema';
import { InsightWriteClaimEntity } from './insight-write-claim.schema';
import { InsightsDataModule } from './insights-data.module';
import { InsightsRepository, InvalidCursorError } from './insights.repository';

jest.setTimeout(60_000);

describe('InsightsRepository (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let insights: InsightsRepository;
  let model: Model<InsightEntity>;
  let claims: Model<InsightWriteClaimEntity>;

  beforeAll(async () => {
    env = await mongoTestModule([InsightsDataModule]);
    insights = env.moduleRef.get(InsightsRepository);
    model = env.moduleRef.get(getModelToken(InsightEntity.name));
    claims = env.moduleRef.get(getModelToken(InsightWriteClaimEntity.name));
  });

  afterAll(() => env.close());

  const newUser = () => new Types.ObjectId().toHexString();

  describe('single insights', () => {
    it('creates an insight at version 1, pending, outside the trash, and reads it back', async () => {
      const user = newUser();
      const created = await insights.create(user, {
        title: 'First',
        content: '# Hi',
        tags: ['a'],
        importance: 0.7,
      });
      expect(created).toMatchObject({
        title: 'First',
        content: '# Hi',
        tags: ['a'],
        version: 1,
        graphVersion: 0,
        status: 'pending',
        favorite: false,
        sourceType: 'text',
        categoryId: null,
        deletedAt: null,
        importance: 0.7,
      });
      expect(await insights.findOwned(user, created.id)).toEqual(created);
    });

    it("reads another user's insight and ids that are not ObjectIds as absent", async () => {
      const created = await insights.create(newUser(), { title: 'Private' });
      expect(await insights.findOwned(newUser(), created.id)).toBeNull();
      expect(await insights.findOwned(newUser(), 'nope')).toBeNull();
      expect(await insights.findOwned(newUser(), '{"$gt":""}')).toBeNull();
    });

    it("refuses to change another user's insight and leaves it as it was", async () => {
      const owner = newUser();
      const created = await insights.create(owner, { title: 'Mine' });
      const intruder = newUser();
      expect(await insights.update(intruder, created.id, { title: 'Theirs' })).toEqual({
        outcome: 'not-found',
      });
      expect(await insights.trash(intruder, created.id)).toEqual({ outcome: 'not-found' });
      expect(await insights.purge(intruder, created.id)).toBeNull();
      expect(await insights.findOwned(owner, created.id)).toEqual(created);
    });

    it('bumps the version on every change and sets the status back to pending when the text changes', async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'T', content: 'c' });
      await model.updateOne({ _id: created.id }, { $set: { status: 'processed' } });
      const favored = await insights.update(user, created.id, { favorite: true }, 1);
      expect(favored).toMatchObject({
        outcome: 'written',
        insight: { version: 2, favorite: true, status: 'processed' },
      });
      const retitled = await insights.update(user, created.id, { title: 'New' }, 2);
      expect(retitled).toMatchObject({ outcome: 'written', insight: { version: 3, status: 'pending' } });
    });

    it('answers version-mismatch for a stale If-Match and changes nothing', async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'T' });
      await insights.update(user, created.id, { favorite: true }, 1);
      expect(await insights.update(user, created.id, { title: 'Stale' }, 1)).toEqual({
        outcome: 'version-mismatch',
        currentVersion: 2,
      });
      expect(await insights.findOwned(user, created.id)).toMatchObject({ title: 'T', version: 2 });
    });

    it('lets exactly one of two concurrent updates with the same If-Match win, losing no field', async () => {
      // FerretDB applies a conditional update as read-then-write, so without the write claim
      // both of these usually succeed and one field is lost.
      const user = newUser();
      for (let round = 0; round < 15; round++) {
        const created = await insights.create(user, {
          title: 'Original',
          content: 'original',
          favorite: false,
        });
        const results = await Promise.all([
          insights.update(user, created.id, { title: 'From A' }, 1),
          insights.update(user, created.id, { content: 'from B' }, 1),
        ]);
        const outcomes = results.map((result) => result.outcome).sort();
        expect(outcomes).toEqual(['version-mismatch', 'written']);
        const stored = (await insights.findOwned(user, created.id)) as Insight;
        expect(stored.version).toBe(2);
        const aWon = results[0].outcome === 'written';
        expect(stored.title).toBe(aWon ? 'From A' : 'Original');
        expect(stored.content).toBe(aWon ? 'original' : 'from B');
        // Claims are released once their write is done.
        expect(await claims.countDocuments({ _id: `${created.id}-v2` })).toBe(0);
      }
    });

    it('applies concurrent updates without If-Match one after the other, keeping both', async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'Original', content: 'original' });
      const results = await Promise.all([
        insights.update(user, created.id, { title: 'From A' }),
        insights.update(user, created.id, { content: 'from B' }),
        insights.update(user, created.id, { favorite: true }),
      ]);
      expect(results.map((result) => result.outcome)).toEqual(['written', 'written', 'written']);
      expect(await insights.findOwned(user, created.id)).toMatchObject({
        title: 'From A',
        content: 'from B',
        favorite: true,
        version: 4,
      });
    });

    it('takes over a write claim abandoned by a crashed writer, but not a live one', async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'T' });
      await claims.create({ _id: `${created.id}-v2`, expiresAt: new Date(Date.now() + 60_000) });
      expect(await insights.update(user, created.id, { title: 'Blocked' }, 1)).toEqual({
        outcome: 'version-mismatch',
        currentVersion: 2,
      });
      await claims.updateOne(
        { _id: `${created.id}-v2` },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );
      expect(await insights.update(user, created.id, { title: 'Through' }, 1)).toMatchObject({
        outcome: 'written',
        insight: { title: 'Through', version: 2 },
      });
    });

    it('moves an insight to the trash, restores it and purges it only from the trash', async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'Bin me' });
      expect(await insights.purge(user, created.id)).toBeNull(); // not in the trash
      const trashed = await insights.trash(user, created.id);
      expect(trashed).toMatchObject({ outcome: 'written', insight: { version: 2 } });
      expect(await insights.findOwned(user, created.id)).toBeNull();
      expect(await insights.update(user, created.id, { title: 'x' })).toEqual({ outcome: 'not-found' });
      expect(await insights.restore(user, created.id)).toMatchObject({
        outcome: 'written',
        insight: { deletedAt: null, version: 3 },
      });
      await insights.trash(user, created.id);
      expect(await insights.purge(user, created.id)).toMatchObject({ id: created.id });
      expect(await model.countDocuments({ _id: created.id })).toBe(0);
      expect(await claims.countDocuments({ _id: `${created.id}-v5` })).toBe(0);
    });

    it('marks every write as behind the graph, keeping the time of the oldest unsynced one', async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'T' });
      const first = await model.findById(created.id).lean<InsightEntity>();
      expect(first?.graphPendingSince).toBeInstanceOf(Date);
      await insights.update(user, created.id, { title: 'U' });
      await insights.trash(user, created.id);
      const later = await model.findById(created.id).lean<InsightEntity>();
      expect(later?.graphPendingSince).toEqual(first?.graphPendingSince);
      // Once the sync cleared it, the next write sets it again.
      await model.updateOne({ _id: created.id }, { $unset: { graphPendingSince: 1 } });
      await insights.restore(user, created.id);
      const again = await model.findById(created.id).lean<InsightEntity>();
      expect(again?.graphPendingSince?.getTime()).toBeGreaterThan(first?.graphPendingSince?.getTime() ?? 0);
    });

    it("waits for the graph sync's brief claim instead of answering If-Match with a mismatch", async () => {
      const user = newUser();
      const created = await insights.create(user, { title: 'T' });
      await claims.create({
        _id: `${created.id}-v2`,
        expiresAt: new Date(Date.now() + 60_000),
        holder: 'graph-sync',
      });
      const released = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        claims.deleteOne({ _id: `${created.id}-v2` }),
      );
      const [result] = await Promise.all([
        insights.update(user, created.id, { title: 'After' }, 1),
        released,
      ]);
      expect(result).toMatchObject({ outcome: 'written', insight: { title: 'After', version: 2 } });
    });
  });

  describe('findManyOwned (search hydration)', () => {
    it("answers the user's insights outside the trash in the order asked, never another user's", async () => {
      const user = newUser();
      const [a, b, c, trashed] = await Promise.all(
        ['A', 'B', 'C', 'Binned'].map((title) => insights.create(user, { title })),
      );
      await insights.trash(user, trashed.id);
      const foreign = await insights.create(newUser(), { title: 'Foreign' });
      const found = await insights.findManyOwned(user, [
        c.id,
        foreign.id,
        'not-an-id',
        a.id,
        trashed.id,
        new Types.ObjectId().toHexString(),
        b.id,
      ]);
      expect(found.map((insight) => insight.title)).toEqual(['C', 'A', 'B']);
      expect(await insights.findManyOwned(user, [])).toEqual([]);
    });
  });

  describe('lists', () => {
    const user = newUser();
    const otherUser = newUser();
    const categoryId = new Types.ObjectId();
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    let ids: string[];

    beforeAll(async () => {
      // 25 insights; createdAt ties in pairs so pages must split ties by _id.
      const docs = Array.from({ length: 25 }, (_, i) => ({
        _id: new Types.ObjectId(),
        userId: new Types.ObjectId(user),
        title: `Insight ${i}`,
        content: '',
        summary: null,
        tags: i % 2 === 0 ? ['even', 'all'] : ['odd', 'all'],
        categoryId: i % 5 === 0 ? categoryId : null,
        sourceType: 'text',
        favorite: i % 3 === 0,
        importance: 0.5,
        status: i % 4 === 0 ? 'processed' : 'pending',
        analysis: null,
        version: 1,
        graphVersion: 0,
        deletedAt: i === 24 ? new Date(base + 1e9) : null,
        createdAt: new Date(base + Math.floor(i / 2) * 60_000),
        updatedAt: new Date(base + (25 - i) * 60_000),
      }));
      await model.collection.insertMany(docs);
      await model.collection.insertOne({
        ...docs[0],
        _id: new Types.ObjectId(),
        userId: new Types.ObjectId(otherUser),
      });
      ids = docs.map((doc) => doc._id.toHexString());
    });

    async function all(query: Parameters<InsightsRepository['list']>[1]): Promise<Insight[]> {
      const items: Insight[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await insights.list(user, { ...query, cursor });
        items.push(...page.items);
        if (!page.nextCursor) return items;
        cursor = page.nextCursor;
      }
      throw new Error('pagination did not end');
    }

    it('pages through every insight of the user exactly once, newest first, without the trash', async () => {
      const items = await all({ limit: 4 });
      expect(items).toHaveLength(24);
      expect(new Set(items.map((i) => i.id)).size).toBe(24);
      expect(items.map((i) => i.id)).not.toContain(ids[24]);
      const keys = items.map((i) => `${i.createdAt}|${i.id}`);
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it('sorts by updatedAt ascending across pages', async () => {
      const items = await all({ limit: 7, sort: 'updatedAt', order: 'asc' });
      expect(items.map((i) => i.title)).toEqual(Array.from({ length: 24 }, (_, i) => `Insight ${23 - i}`));
    });

    it('filters by all of the tags, category, favorite and status', async () => {
      expect((await all({ limit: 100, tag: ['even', 'all'] })).length).toBe(12);
      expect(await all({ limit: 100, tag: ['even', 'odd'] })).toEqual([]);
      expect(
        (await all({ limit: 100, categoryId: categoryId.toHexString() })).map((i) => i.title).sort(),
      ).toEqual(['Insight 0', 'Insight 10', 'Insight 15', 'Insight 20', 'Insight 5']);
      expect((await all({ limit: 3, favorite: true })).every((i) => i.favorite)).toBe(true);
      expect((await all({ limit: 3, favorite: true })).length).toBe(8);
      expect((await all({ limit: 100, status: 'processed', tag: ['even'] })).length).toBe(6);
    });

    it('bounds the sort field by from and to, inclusively', async () => {
      const from = new Date(base + 2 * 60_000).toISOString();
      const to = new Date(base + 4 * 60_000).toISOString();
      const items = await all({ limit: 2, from, to });
      expect(items.map((i) => i.title).sort()).toEqual(
        ['Insight 4', 'Insight 5', 'Insight 6', 'Insight 7', 'Insight 8', 'Insight 9'].sort(),
      );
    });

    it('refuses a cursor made for another sort', async () => {
      const page = await insights.list(user, { limit: 2 });
      await expect(
        insights.list(user, { limit: 2, sort: 'updatedAt', cursor: page.nextCursor ?? '' }),
      ).rejects.toThrow(InvalidCursorError);
    });

    it('lists the trash, most recently deleted first', async () => {
      const page = await insights.listTrash(user, { limit: 10 });
      expect(page.items.map((i) => i.id)).toEqual([ids[24]]);
      expect(page.nextCursor).toBeNull();
      expect((await insights.listTrash(otherUser, { limit: 10 })).items).toEqual([]);
    });

    it('uncategorises every insight of the category with one bulk update that bumps versions', async () => {
      const other = await insights.create(otherUser, { title: 'x', categoryId: categoryId.toHexString() });
      const change = await insights.clearCategory(user, categoryId.toHexString());
      expect(change.matched).toBe(5);
      expect(change.changed.map((c) => c.version)).toEqual([2, 2, 2, 2, 2]);
      // ...and marks them as behind the graph
      const marked = await model.countDocuments({
        userId: new Types.ObjectId(user),
        graphPendingSince: trusted({ $exists: true }),
      });
      expect(marked).toBe(5);
      expect(await all({ limit: 100, categoryId: categoryId.toHexString() })).toEqual([]);
      expect((await insights.findOwned(otherUser, other.id))?.categoryId).toBe(categoryId.toHexString());
    });
  });
});
