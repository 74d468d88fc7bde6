import { setTimeout as sleep } from 'node:timers/promises';
import { getModelToken } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { InsightEntity } from '../insights/insight.schema';
import { mongoTestModule } from '../testing/mongo-test-module';
import { SuggestionEntity } from './suggestion.schema';
import { SuggestionsDataModule } from './suggestions-data.module';
import {
  type ProposedSuggestion,
  suggestionId as pairId,
  suggestionPair,
  SuggestionsRepository,
} from './suggestions.repository';

jest.setTimeout(60_000);

describe('SuggestionsRepository (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let repo: SuggestionsRepository;
  let insights: Model<InsightEntity>;
  let suggestions: Model<SuggestionEntity>;
  const alice = new Types.ObjectId().toHexString();

  async function insight(title: string): Promise<string> {
    const doc = await insights.create({
      userId: new Types.ObjectId(alice),
      title,
      version: 1,
      graphVersion: 0,
      deletedAt: null,
    });
    return doc._id.toHexString();
  }

  const proposal = (
    targetId: string,
    score: number,
    reason = 'shares keywords cache',
  ): ProposedSuggestion => ({
    targetId,
    type: 'related',
    score,
    reasons: [reason],
  });

  const stored = (a: string, b: string) =>
    suggestions
      .findOne({ userId: new Types.ObjectId(alice), pair: suggestionPair(a, b) })
      .lean<SuggestionEntity>();

  async function suggestionId(a: string, b: string): Promise<Types.ObjectId> {
    const doc = await stored(a, b);
    if (!doc) throw new Error(`no suggestion for ${a} and ${b}`);
    return doc._id;
  }

  beforeAll(async () => {
    env = await mongoTestModule([SuggestionsDataModule]);
    repo = env.moduleRef.get(SuggestionsRepository);
    insights = env.moduleRef.get(getModelToken(InsightEntity.name));
    suggestions = env.moduleRef.get(getModelToken(SuggestionEntity.name));
  });

  afterAll(() => env.close());

  it('creates new pairs, refreshes changed ones only, removes what it no longer proposes', async () => {
    const source = await insight('source');
    const [b, c, d] = [await insight('b'), await insight('c'), await insight('d')];
    expect(await repo.replaceOpen(alice, source, [proposal(b, 0.5), proposal(c, 0.4)])).toEqual({
      created: 2,
      refreshed: 0,
      removed: 0,
    });
    expect(
      await repo.replaceOpen(alice, source, [
        proposal(b, 0.5),
        proposal(c, 0.6, 'both tagged perf'),
        proposal(d, 0.3),
      ]),
    ).toEqual({ created: 1, refreshed: 1, removed: 0 });
    expect(await stored(source, c)).toMatchObject({
      score: 0.6,
      reasons: ['both tagged perf'],
      status: 'open',
    });
    expect(await repo.replaceOpen(alice, source, [proposal(d, 0.3)])).toEqual({
      created: 0,
      refreshed: 0,
      removed: 2,
    });
    expect(await stored(source, b)).toBeNull();
  });

  it('lists a suggestion from either insight, its type read from that insight', async () => {
    const [source, target] = [await insight('proposing'), await insight('proposed')];
    await repo.replaceOpen(alice, source, [{ ...proposal(target, 0.5), type: 'supports' }]);
    for (const [from, other, otherTitle, type] of [
      [source, target, 'proposed', 'supports'],
      [target, source, 'proposing', 'supported_by'],
    ]) {
      const page = await repo.listForInsight(alice, from, { limit: 5 });
      expect(page?.items).toEqual([
        expect.objectContaining({ insightId: from, relatedInsight: { id: other, title: otherTitle }, type }),
      ]);
    }
    const doc = await stored(source, target);
    if (!doc) throw new Error('no stored suggestion');
    expect(await repo.view(doc, target)).toMatchObject({ insightId: target, type: 'supported_by' });
    expect(await repo.view(doc)).toMatchObject({ insightId: source, type: 'supports' });
  });

  it('keys each suggestion by its owner and pair, and reads decided pairs by that key', async () => {
    const owner = new Types.ObjectId(alice);
    const source = await insight('keyed source');
    const [open, rejected, unseen] = [
      await insight('open'),
      await insight('rejected'),
      await insight('unseen'),
    ];
    await repo.replaceOpen(alice, source, [proposal(open, 0.5), proposal(rejected, 0.4)]);
    expect((await stored(source, open))?._id).toEqual(pairId(owner, suggestionPair(source, open)));
    // Seen from the other insight, the pair has the same key.
    expect(pairId(owner, suggestionPair(rejected, source))).toEqual(await suggestionId(source, rejected));
    await repo.decide(await suggestionId(source, rejected), 'rejected');
    expect(await repo.decidedAmong(alice, source, [open, rejected, unseen])).toEqual(new Set([rejected]));
    // Another user's pair of the same insights would have another key.
    expect(pairId(new Types.ObjectId(), suggestionPair(source, open))).not.toEqual(
      pairId(owner, suggestionPair(source, open)),
    );
  });

  it('never doubles a pair stored before suggestions were keyed by pair', async () => {
    const source = await insight('legacy source');
    const target = await insight('legacy target');
    const owner = new Types.ObjectId(alice);
    const legacyId = new Types.ObjectId();
    await suggestions.create({
      _id: legacyId,
      userId: owner,
      pair: suggestionPair(source, target),
      insightIds: [new Types.ObjectId(source), new Types.ObjectId(target)],
      sourceId: new Types.ObjectId(source),
      targetId: new Types.ObjectId(target),
      type: 'related',
      score: 0.5,
      reasons: ['shares keywords cache'],
      status: 'rejected',
      relationshipId: null,
    });
    expect(await repo.replaceOpen(alice, source, [proposal(target, 0.9)])).toEqual({
      created: 0,
      refreshed: 0,
      removed: 0,
    });
    const docs = await suggestions
      .find({ userId: owner, pair: suggestionPair(source, target) })
      .lean<SuggestionEntity[]>();
    expect(docs.map((doc) => [String(doc._id), doc.status, doc.score])).toEqual([
      [String(legacyId), 'rejected', 0.5],
    ]);
  });

  it('leaves a decided pair decided, and never removes it', async () => {
    const source = await insight('decided source');
    const target = await insight('decided target');
    await repo.replaceOpen(alice, source, [proposal(target, 0.5)]);
    const id = await suggestionId(source, target);
    expect(await repo.decide(id, 'rejected')).toMatchObject({ status: 'rejected' });
    expect(await repo.replaceOpen(alice, source, [proposal(target, 0.9)])).toEqual({
      created: 0,
      refreshed: 0,
      removed: 0,
    });
    await repo.replaceOpen(alice, source, []);
    expect(await stored(source, target)).toMatchObject({ status: 'rejected', score: 0.5 });
    expect(await repo.decide(id, 'accepted')).toBeNull();
  });

  // FerretDB applies a conditional update as read-then-write of the whole document: without the
  // suggestion's claim, a refresh racing a decision wrote `open` back over it (found by the
  // export round trip, which counted one decision fewer).
  it('keeps every decision made while discovery refreshes the same suggestions', async () => {
    const source = await insight('racing source');
    const targets: string[] = [];
    for (let i = 0; i < 30; i++) targets.push(await insight(`racing target ${i}`));
    await repo.replaceOpen(
      alice,
      source,
      targets.map((t) => proposal(t, 0.5)),
    );
    const ids = await Promise.all(targets.map((t) => suggestionId(source, t)));
    let refreshing = true;
    const refresh = async (offset: number) => {
      for (let round = offset; refreshing; round += 3) {
        await repo.replaceOpen(
          alice,
          source,
          targets.map((t) => proposal(t, 0.5 + (round % 40) / 100, `round ${round}`)),
        );
      }
    };
    const refreshers = Promise.all([refresh(1), refresh(2), refresh(3)]);
    // Decisions one after another, each landing somewhere inside the refreshers' writes.
    const decisions: (SuggestionEntity | null)[] = [];
    for (const [index, id] of ids.entries()) {
      await sleep(5 + (index % 4) * 7);
      decisions.push(await repo.decide(id, index % 2 === 0 ? 'accepted' : 'rejected'));
    }
    refreshing = false;
    await refreshers;
    expect(decisions.every((doc) => doc !== null)).toBe(true);
    const after = await Promise.all(targets.map((t) => stored(source, t)));
    expect(after.map((doc) => doc?.status)).toEqual(
      targets.map((_, index) => (index % 2 === 0 ? 'accepted' : 'rejected')),
    );
  });

  it('decides the open suggestions of imported pairs and skips decided ones', async () => {
    const source = await insight('import source');
    const [b, c] = [await insight('import b'), await insight('import c')];
    await repo.replaceOpen(alice, source, [proposal(b, 0.5), proposal(c, 0.5)]);
    await repo.decide(await suggestionId(source, c), 'accepted');
    expect(
      await repo.decideOpenPairs(alice, [suggestionPair(source, b), suggestionPair(source, c)], 'rejected'),
    ).toBe(1);
    expect((await stored(source, b))?.status).toBe('rejected');
    expect((await stored(source, c))?.status).toBe('accepted');
  });

  it("removes every suggestion of a purged insight, decided ones too, and nobody else's", async () => {
    const purged = await insight('purged');
    const [b, c, d] = [await insight('purged b'), await insight('purged c'), await insight('purged d')];
    await repo.replaceOpen(alice, purged, [proposal(b, 0.5), proposal(c, 0.5)]);
    await repo.replaceOpen(alice, d, [proposal(purged, 0.5), proposal(b, 0.5)]);
    await repo.decide(await suggestionId(purged, c), 'rejected');
    expect(await repo.removeForInsight(new Types.ObjectId().toHexString(), purged)).toBe(0);
    expect(await repo.removeForInsight(alice, purged)).toBe(3);
    expect(await stored(purged, b)).toBeNull();
    expect(await stored(purged, c)).toBeNull();
    expect(await stored(d, purged)).toBeNull();
    expect((await stored(d, b))?.status).toBe('open');
  });
});
