import { getModelToken } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { InsightEntity } from '../insights/insight.schema';
import { InsightsDataModule } from '../insights/insights-data.module';
import { InsightsRepository } from '../insights/insights.repository';
import { TagsRepository } from '../tags/tags.repository';
import { RelationshipsDataModule } from '../relationships/relationships-data.module';
import { RelationshipsRepository } from '../relationships/relationships.repository';
import { mongoTestModule } from '../testing/mongo-test-module';
import { User } from '../users/user.schema';
import { GraphSourcesRepository } from './graph-sources.repository';
import { GraphSyncDataModule } from './graph-sync-data.module';
import { GraphSyncStateRepository } from './graph-sync-state.repository';

jest.setTimeout(60_000);

describe('graph sync bookkeeping in MongoDB (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let insights: InsightsRepository;
  let relationships: RelationshipsRepository;
  let state: GraphSyncStateRepository;
  let sources: GraphSourcesRepository;
  let model: Model<InsightEntity>;
  const newUser = () => new Types.ObjectId().toHexString();
  const stored = (id: string) => model.findById(id).lean<InsightEntity>();

  beforeAll(async () => {
    env = await mongoTestModule([InsightsDataModule, RelationshipsDataModule, GraphSyncDataModule]);
    insights = env.moduleRef.get(InsightsRepository);
    relationships = env.moduleRef.get(RelationshipsRepository);
    state = env.moduleRef.get(GraphSyncStateRepository);
    sources = env.moduleRef.get(GraphSourcesRepository);
    model = env.moduleRef.get(getModelToken(InsightEntity.name));
  });

  afterAll(() => env.close());

  it('records the projected version, clears the marker, and never lowers graphVersion', async () => {
    const user = newUser();
    const created = await insights.create(user, { title: 'T' });
    expect(await state.markInsightSynced(created.id, 1)).toBe('recorded');
    const synced = await stored(created.id);
    expect(synced).toMatchObject({ graphVersion: 1, version: 1 });
    expect(synced?.graphPendingSince).toBeUndefined();
    expect(synced?.updatedAt).toEqual((await stored(created.id))?.updatedAt); // timestamps untouched
    expect(await state.markInsightSynced(created.id, 1)).toBe('already-recorded');
    await model.updateOne({ _id: created.id }, { $set: { graphVersion: 5 } });
    await state.markInsightSynced(created.id, 1);
    expect((await stored(created.id))?.graphVersion).toBe(5);
    expect(await state.markInsightSynced(new Types.ObjectId().toHexString(), 1)).toBe('gone');
  });

  it('keeps the marker while a newer version than the projected one is pending', async () => {
    const user = newUser();
    const created = await insights.create(user, { title: 'T' });
    await insights.update(user, created.id, { title: 'U' });
    expect(await state.markInsightSynced(created.id, 1)).toBe('recorded');
    const doc = await stored(created.id);
    expect(doc).toMatchObject({ graphVersion: 1, version: 2 });
    expect(doc?.graphPendingSince).toBeInstanceOf(Date);
  });

  it('loses no concurrent write while recording graphVersion (FerretDB rewrites whole documents)', async () => {
    const user = newUser();
    for (let round = 0; round < 15; round++) {
      const created = await insights.create(user, { title: 'Before', content: 'c' });
      const [write] = await Promise.all([
        insights.update(user, created.id, { title: `After ${round}` }, 1),
        state.markInsightSynced(created.id, 1),
      ]);
      expect(write.outcome).toBe('written');
      const doc = await stored(created.id);
      expect(doc).toMatchObject({ title: `After ${round}`, version: 2 });
      expect(doc?.graphPendingSince).toBeInstanceOf(Date); // version 2 is not in the graph yet
    }
  });

  it('loses no bulk tag change or uncategorisation while graphVersion is recorded concurrently', async () => {
    const tags = env.moduleRef.get(TagsRepository);
    for (let round = 0; round < 10; round++) {
      const user = newUser();
      const category = new Types.ObjectId().toHexString();
      const docs = await Promise.all(
        [0, 1, 2].map((i) => insights.create(user, { title: `T${i}`, tags: ['old'], categoryId: category })),
      );
      await Promise.all([
        tags.rename(user, 'old', 'new'),
        ...docs.map((doc) => state.markInsightSynced(doc.id, 1)),
      ]);
      await Promise.all([
        insights.clearCategory(user, category),
        ...docs.map((doc) => state.markInsightSynced(doc.id, 3)),
      ]);
      for (const doc of docs) {
        expect(await stored(doc.id)).toMatchObject({ tags: ['new'], categoryId: null, version: 4 });
      }
    }
  });

  it('lists documents behind the graph for longer than the threshold, and the backlog', async () => {
    const user = newUser();
    const old = await insights.create(user, { title: 'Old' });
    await model.updateOne({ _id: old.id }, { $set: { graphPendingSince: new Date(Date.now() - 3_600_000) } });
    const fresh = await insights.create(user, { title: 'Fresh' });
    const pending = await state.pendingInsights(new Date(Date.now() - 60_000), 100);
    expect(pending.map((p) => p.id)).toContain(old.id);
    expect(pending.map((p) => p.id)).not.toContain(fresh.id);
    expect(pending.find((p) => p.id === old.id)).toEqual({ id: old.id, userId: user, version: 1 });
    const backlog = await state.insightBacklog();
    expect(backlog.pending).toBeGreaterThanOrEqual(2);
    expect(Date.now() - (backlog.oldestPendingSince?.getTime() ?? Date.now())).toBeGreaterThanOrEqual(
      3_600_000,
    );
  });

  it('does the same for relationships, which carry their stored source', async () => {
    const user = newUser();
    const a = await insights.create(user, { title: 'A' });
    const b = await insights.create(user, { title: 'B' });
    const created = await relationships.create(user, {
      sourceId: b.id,
      targetId: a.id,
      type: 'supported_by',
    });
    if (created.outcome !== 'written') throw new Error('not created');
    const id = created.relationship.id;
    const pending = await state.pendingRelationships(new Date(Date.now() + 1000), 1000);
    expect(pending.find((p) => p.id === id)).toEqual({ id, userId: user, version: 1, sourceId: a.id });
    expect(await state.markRelationshipSynced(id, 1)).toBe('recorded');
    const updated = await relationships.update(user, id, { strength: 0.9 });
    expect(updated).toMatchObject({ outcome: 'written', relationship: { version: 2, strength: 0.9 } });
    expect((await state.pendingRelationships(new Date(Date.now() + 1000), 1000)).map((p) => p.id)).toContain(
      id,
    );
  });

  it('reads any insight by id, in the trash or not, and who owns what', async () => {
    const user = newUser();
    const created = await insights.create(user, { title: 'Binned', tags: ['t'] });
    await insights.trash(user, created.id);
    expect(await sources.insight(created.id)).toMatchObject({
      id: created.id,
      userId: user,
      tags: ['t'],
      deletedAt: expect.any(Date),
    });
    expect(await sources.insight('not-an-id')).toBeNull();
    const owners: { id: string; userId: string }[] = [];
    for await (const batch of sources.ownership('insights', 2)) owners.push(...batch);
    expect(owners).toContainEqual({ id: created.id, userId: user });
    const streamed: string[] = [];
    for await (const batch of sources.streamInsights(10, user)) streamed.push(...batch.map((doc) => doc.id));
    expect(streamed).toEqual([created.id]);
  });

  it('lists the accounts of this database in bounded batches', async () => {
    const users = env.moduleRef.get<Model<User>>(getModelToken(User.name));
    const accounts = await Promise.all(
      [0, 1, 2].map(() =>
        users.create({ email: `${newUser()}@x.example`, passwordHash: 'x', displayName: 'A' }),
      ),
    );
    const listed: string[] = [];
    for await (const batch of sources.userIds(2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      listed.push(...batch);
    }
    expect(listed).toEqual(expect.arrayContaining(accounts.map((a) => a._id.toHexString())));
    expect(new Set(listed).size).toBe(listed.length);
  });
});
