import type {
  AcceptedSuggestion,
  Insight,
  JobAccepted,
  Page,
  RelationshipFromInsight,
  RelationshipSuggestion,
} from '@insight/contracts';
import { analysed, jobCompleted, suggestionsOf } from './support/analysis';
import { createRelationship, edgesProjected, eventually } from './support/graph';
import { callAs, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

jest.setTimeout(120_000);

const CACHE = 'Redis cache latency: caching hot keys cut p99 latency; cache invalidation on writes.';

describe('related-insight suggestions', () => {
  let alice: TestUser;
  let bob: TestUser;
  const ins: Record<string, Insight> = {};

  /** Creates the insights in order (each one's discovery sees those before it) and waits for each. */
  async function capture(
    name: string,
    title: string,
    content: string,
    tags: string[] = [],
  ): Promise<Insight> {
    ins[name] = await createInsight(alice, { title, content, tags });
    await analysed(alice, ins[name].id);
    return ins[name];
  }

  const suggestionFor = async (from: string, to: string): Promise<RelationshipSuggestion | undefined> =>
    (await suggestionsOf(alice, ins[from].id)).find((s) => s.relatedInsight.id === ins[to].id);

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    await capture('unrelated', 'Sourdough starter', 'Feed the sourdough starter flour and water daily.', [
      'baking',
    ]);
    await capture('a', 'Redis cache and latency', CACHE, ['performance']);
    await capture('b', 'Cache latency under load', `Under load, ${CACHE}`, ['performance']);
  });

  it('suggests a related insight with its score, proposed type and reasons, not an unrelated one', async () => {
    const suggestion = await eventually(() => suggestionFor('b', 'a'));
    expect(suggestion).toMatchObject({ insightId: ins['b'].id, type: 'related', status: 'open' });
    expect(suggestion.relatedInsight.title).toBe('Redis cache and latency');
    expect(suggestion.score).toBeGreaterThan(0.25);
    expect(suggestion.reasons.join('; ')).toMatch(/^shares keywords .*\*cache\*/);
    expect(suggestion.reasons).toContain('both tagged *performance*');
    // Visible from the other side too, and never for the unrelated insight.
    expect(await suggestionFor('a', 'b')).toMatchObject({ id: suggestion.id });
    expect(await suggestionFor('b', 'unrelated')).toBeUndefined();
    expect(await suggestionsOf(alice, ins['unrelated'].id)).toEqual([]);
  });

  it('accepting creates the relationship (with another type if asked); a decided suggestion answers 409', async () => {
    const suggestion = await eventually(() => suggestionFor('b', 'a'));
    const badType = await callAs(alice, `/suggestions/${suggestion.id}/accept`, {
      method: 'POST',
      body: { type: 'likes' },
    });
    expect((await problemOf(badType)).errors).toHaveProperty('type');
    expect(
      (await callAs(alice, `/suggestions/${suggestion.id}/accept`, { method: 'POST', body: { extra: 1 } }))
        .status,
    ).toBe(400);
    const accepted = await jsonOf<AcceptedSuggestion>(
      await callAs(alice, `/suggestions/${suggestion.id}/accept`, {
        method: 'POST',
        body: { type: 'supports', insightId: ins['b'].id },
      }),
      200,
    );
    expect(accepted.suggestion.status).toBe('accepted');
    expect(accepted.relationship).toMatchObject({
      sourceId: ins['b'].id,
      targetId: ins['a'].id,
      type: 'supports',
    });
    const { items: links } = await jsonOf<Page<RelationshipFromInsight>>(
      await callAs(alice, `/relationships?insightId=${ins['a'].id}`),
      200,
    );
    expect(links.map((link) => link.otherInsightId)).toContain(ins['b'].id);
    expect(await suggestionFor('a', 'b')).toBeUndefined();
    expect((await callAs(alice, `/suggestions/${suggestion.id}/accept`, { method: 'POST' })).status).toBe(
      409,
    );
    expect((await callAs(alice, `/suggestions/${suggestion.id}/reject`, { method: 'POST' })).status).toBe(
      409,
    );
  });

  it("accepting from the other insight's list reads the chosen type from that insight", async () => {
    await capture('d', 'Cache hit ratio and latency', `Observed: ${CACHE}`, ['performance']);
    // Proposed by d's analysis (a was there first), accepted from a's page.
    const suggestion = await eventually(() => suggestionFor('a', 'd'));
    expect(suggestion.insightId).toBe(ins['a'].id);
    const outsider = await callAs(alice, `/suggestions/${suggestion.id}/accept`, {
      method: 'POST',
      body: { type: 'extends', insightId: ins['unrelated'].id },
    });
    expect(outsider.status).toBe(400);
    expect((await problemOf(outsider)).errors).toHaveProperty('insightId');
    const accepted = await jsonOf<AcceptedSuggestion>(
      await callAs(alice, `/suggestions/${suggestion.id}/accept`, {
        method: 'POST',
        body: { type: 'extends', insightId: ins['a'].id },
      }),
      200,
    );
    expect(accepted.relationship).toMatchObject({
      sourceId: ins['a'].id,
      targetId: ins['d'].id,
      type: 'extends',
    });
    expect(accepted.suggestion).toMatchObject({
      insightId: ins['a'].id,
      relatedInsight: { id: ins['d'].id },
      status: 'accepted',
    });
  });

  it('never suggests a linked pair again, even after re-analysis', async () => {
    const accepted = await jsonOf<JobAccepted>(
      await callAs(alice, `/insights/${ins['b'].id}/reprocess`, { method: 'POST' }),
      202,
    );
    await jobCompleted(alice, accepted.statusUrl);
    // Discovery runs after the analysis job; give it the time it takes, then look.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await suggestionFor('b', 'a')).toBeUndefined();
  });

  it('a rejected pair is never suggested again', async () => {
    await capture('c', 'Latency of the Redis cache', `Measured: ${CACHE}`, ['performance']);
    const suggestion = await eventually(() => suggestionFor('c', 'a'));
    const rejected = await jsonOf<RelationshipSuggestion>(
      await callAs(alice, `/suggestions/${suggestion.id}/reject`, { method: 'POST' }),
      200,
    );
    expect(rejected.status).toBe('rejected');
    expect(await suggestionFor('c', 'a')).toBeUndefined();
    // Rejecting again answers the same; accepting a rejected one is a conflict.
    expect((await callAs(alice, `/suggestions/${suggestion.id}/reject`, { method: 'POST' })).status).toBe(
      200,
    );
    expect((await callAs(alice, `/suggestions/${suggestion.id}/accept`, { method: 'POST' })).status).toBe(
      409,
    );
    // Re-analysing either side must not bring it back.
    for (const name of ['c', 'a']) {
      const job = await jsonOf<JobAccepted>(
        await callAs(alice, `/insights/${ins[name].id}/reprocess`, { method: 'POST' }),
        202,
      );
      await jobCompleted(alice, job.statusUrl);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await suggestionFor('c', 'a')).toBeUndefined();
    expect(await suggestionFor('a', 'c')).toBeUndefined();
  });

  it('withdraws the suggestion of a pair the user then links by hand', async () => {
    await capture('d', 'Redis latency and the cache', `In production: ${CACHE}`, ['performance']);
    await eventually(() => suggestionFor('d', 'a'));
    const link = await createRelationship(alice, {
      sourceId: ins['d'].id,
      targetId: ins['a'].id,
      type: 'causes',
    });
    await edgesProjected(alice, [link]);
    const job = await jsonOf<JobAccepted>(
      await callAs(alice, `/insights/${ins['d'].id}/reprocess`, { method: 'POST' }),
      202,
    );
    await jobCompleted(alice, job.statusUrl);
    await eventually(async () => (await suggestionFor('d', 'a')) === undefined);
    expect(await suggestionFor('a', 'd')).toBeUndefined();
  });

  it('hides suggestions of a trashed insight and shows them again after restore', async () => {
    await capture('d', 'Cache latency again', `Again: ${CACHE}`, ['performance']);
    await eventually(() => suggestionFor('a', 'd'));
    expect((await callAs(alice, `/insights/${ins['d'].id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await suggestionFor('a', 'd')).toBeUndefined();
    expect((await callAs(alice, `/insights/${ins['d'].id}/suggestions`)).status).toBe(404);
    expect((await callAs(alice, `/insights/${ins['d'].id}/restore`, { method: 'POST' })).status).toBe(200);
    expect(await suggestionFor('a', 'd')).toBeDefined();
  });

  it("answers 404 for another user's suggestions, 400 for a foreign cursor", async () => {
    const suggestion = await eventually(() => suggestionFor('a', 'd'));
    expect((await callAs(bob, `/insights/${ins['a'].id}/suggestions`)).status).toBe(404);
    expect((await callAs(bob, `/suggestions/${suggestion.id}/accept`, { method: 'POST' })).status).toBe(404);
    expect((await callAs(bob, `/suggestions/${suggestion.id}/reject`, { method: 'POST' })).status).toBe(404);
    expect((await callAs(alice, '/suggestions/nope/reject', { method: 'POST' })).status).toBe(404);
    const problem = await problemOf(await callAs(alice, `/insights/${ins['a'].id}/suggestions?cursor=abc`));
    expect(problem.status).toBe(400);
    expect(await suggestionFor('a', 'd')).toMatchObject({ status: 'open' });
  });
});
