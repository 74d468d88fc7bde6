import { getModelToken } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { InsightEntity } from '../insights/insight.schema';
import { mongoTestModule } from '../testing/mongo-test-module';
import { RelationshipEntity } from './relationship.schema';
import { RelationshipsDataModule } from './relationships-data.module';
import { InvalidCursorError } from '../insights/insights.repository';
import { RelationshipsRepository } from './relationships.repository';

jest.setTimeout(30_000);

const PAGE = { limit: 20 };

describe('RelationshipsRepository (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let repo: RelationshipsRepository;
  let insights: Model<InsightEntity>;
  let relationships: Model<RelationshipEntity>;
  const alice = new Types.ObjectId().toHexString();
  const bob = new Types.ObjectId().toHexString();

  async function insight(userId: string, title: string): Promise<string> {
    const doc = await insights.create({
      userId: new Types.ObjectId(userId),
      title,
      version: 1,
      graphVersion: 0,
      deletedAt: null,
    });
    return doc._id.toHexString();
  }

  beforeAll(async () => {
    env = await mongoTestModule([RelationshipsDataModule]);
    repo = env.moduleRef.get(RelationshipsRepository);
    insights = env.moduleRef.get(getModelToken(InsightEntity.name));
    relationships = env.moduleRef.get(getModelToken(RelationshipEntity.name));
  });

  afterAll(() => env.close());

  it('stores an inverse name flipped and shows each end its own name', async () => {
    const a = await insight(alice, 'A');
    const b = await insight(alice, 'B');
    const created = await repo.create(alice, {
      sourceId: b,
      targetId: a,
      type: 'supported_by',
      strength: 0.8,
    });
    expect(created).toMatchObject({
      outcome: 'written',
      relationship: { sourceId: a, targetId: b, type: 'supports', strength: 0.8 },
    });
    expect(await repo.listForInsight(alice, a, PAGE)).toEqual({
      items: [expect.objectContaining({ type: 'supports', direction: 'outgoing', otherInsightId: b })],
      nextCursor: null,
    });
    expect((await repo.listForInsight(alice, b, PAGE))?.items).toEqual([
      expect.objectContaining({ type: 'supported_by', direction: 'incoming', otherInsightId: a }),
    ]);
  });

  it('refuses a duplicate and the mirror of a symmetric type', async () => {
    const a = await insight(alice, 'A2');
    const b = await insight(alice, 'B2');
    expect((await repo.create(alice, { sourceId: a, targetId: b, type: 'related' })).outcome).toBe('written');
    expect((await repo.create(alice, { sourceId: a, targetId: b, type: 'related' })).outcome).toBe(
      'duplicate',
    );
    expect((await repo.create(alice, { sourceId: b, targetId: a, type: 'related' })).outcome).toBe(
      'duplicate',
    );
    expect((await repo.create(alice, { sourceId: a, targetId: b, type: 'supports' })).outcome).toBe(
      'written',
    );
  });

  it("refuses self-loops and another user's insights, writing nothing", async () => {
    const a = await insight(alice, 'A3');
    const bobs = await insight(bob, 'Bob');
    const before = await relationships.countDocuments();
    expect((await repo.create(alice, { sourceId: a, targetId: a, type: 'related' })).outcome).toBe(
      'self-loop',
    );
    expect((await repo.create(alice, { sourceId: a, targetId: bobs, type: 'related' })).outcome).toBe(
      'insight-not-found',
    );
    expect((await repo.create(bob, { sourceId: bobs, targetId: a, type: 'related' })).outcome).toBe(
      'insight-not-found',
    );
    expect((await repo.create(alice, { sourceId: a, targetId: 'not-an-id', type: 'related' })).outcome).toBe(
      'insight-not-found',
    );
    expect(await relationships.countDocuments()).toBe(before);
    expect(await repo.listForInsight(bob, a, PAGE)).toBeNull();
  });

  it('hides relationships of a trashed insight and shows them again on restore', async () => {
    const a = await insight(alice, 'A4');
    const b = await insight(alice, 'B4');
    const created = await repo.create(alice, { sourceId: a, targetId: b, type: 'causes' });
    if (created.outcome !== 'written') throw new Error('not created');
    await insights.updateOne({ _id: new Types.ObjectId(b) }, { $set: { deletedAt: new Date() } });
    expect((await repo.listForInsight(alice, a, PAGE))?.items).toEqual([]);
    expect(await repo.findOwned(alice, created.relationship.id)).toBeNull();
    await insights.updateOne({ _id: new Types.ObjectId(b) }, { $set: { deletedAt: null } });
    expect((await repo.listForInsight(alice, a, PAGE))?.items).toHaveLength(1);
  });

  it('updates type (re-oriented), strength and note with a version bump; refuses a clash', async () => {
    const a = await insight(alice, 'A5');
    const b = await insight(alice, 'B5');
    const first = await repo.create(alice, { sourceId: a, targetId: b, type: 'extends' });
    await repo.create(alice, { sourceId: b, targetId: a, type: 'precedes' });
    if (first.outcome !== 'written') throw new Error('not created');
    const updated = await repo.update(alice, first.relationship.id, {
      type: 'extended_by',
      strength: 0.2,
      note: 'why',
    });
    expect(updated).toMatchObject({
      outcome: 'written',
      relationship: { type: 'extends', sourceId: b, targetId: a, strength: 0.2, note: 'why', version: 2 },
    });
    // now stored b → a, so "precedes" reads "b precedes a", which exists already
    expect((await repo.update(alice, first.relationship.id, { type: 'precedes' })).outcome).toBe('duplicate');
    expect((await repo.update(bob, first.relationship.id, { strength: 1 })).outcome).toBe('not-found');
  });

  it('deletes one, and all of a purged insight', async () => {
    const a = await insight(alice, 'A6');
    const b = await insight(alice, 'B6');
    const c = await insight(alice, 'C6');
    const ab = await repo.create(alice, { sourceId: a, targetId: b, type: 'related' });
    await repo.create(alice, { sourceId: c, targetId: a, type: 'part_of' });
    if (ab.outcome !== 'written') throw new Error('not created');
    expect(await repo.delete(bob, ab.relationship.id)).toBeNull();
    expect((await repo.delete(alice, ab.relationship.id))?.id).toBe(ab.relationship.id);
    expect(await repo.deleteAllOfInsight(alice, a)).toHaveLength(1);
    expect((await repo.listForInsight(alice, c, PAGE))?.items).toEqual([]);
  });

  async function pagesOf(insightId: string): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listForInsight(alice, insightId, { cursor, limit: 2 });
      if (!page) throw new Error('no page');
      pages.push(page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    return pages;
  }

  it('pages both directions oldest first, skipping trashed partners, without repeats or gaps', async () => {
    const hub = await insight(alice, 'Hub');
    const others: string[] = [];
    for (let i = 0; i < 7; i++) others.push(await insight(alice, `Spoke ${i}`));
    // Alternate directions, one after another in time, so a page mixes both reads.
    const ids: string[] = [];
    for (const [i, other] of others.entries()) {
      const created = await repo.create(alice, {
        sourceId: i % 2 === 0 ? hub : other,
        targetId: i % 2 === 0 ? other : hub,
        type: 'supports',
        strength: 0.5,
      });
      if (created.outcome !== 'written') throw new Error('not created');
      ids.push(created.relationship.id);
    }
    await insights.updateOne({ _id: new Types.ObjectId(others[2]) }, { $set: { deletedAt: new Date() } });
    expect(await pagesOf(hub)).toEqual([
      [ids[0], ids[1]],
      [ids[3], ids[4]],
      [ids[5], ids[6]],
    ]);
    // One direction only: a read that fills up may not be the last, even when a partner is trashed.
    const star = await insight(alice, 'Star');
    const rays: string[] = [];
    for (const i of [0, 1, 2, 3]) {
      const other = await insight(alice, `Ray ${i}`);
      const created = await repo.create(alice, {
        sourceId: star,
        targetId: other,
        type: 'supports',
        strength: 1,
      });
      if (created.outcome !== 'written') throw new Error('not created');
      rays.push(created.relationship.id);
      if (i === 1)
        await insights.updateOne({ _id: new Types.ObjectId(other) }, { $set: { deletedAt: new Date() } });
    }
    expect(await pagesOf(star)).toEqual([[rays[0], rays[2]], [rays[3]]]);
    await expect(repo.listForInsight(alice, hub, { cursor: 'not-a-cursor', limit: 2 })).rejects.toThrow(
      InvalidCursorError,
    );
  });
});
