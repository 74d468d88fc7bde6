import type { Page, Relationship, RelationshipFromInsight, RelationshipTypeInfo } from '@insight/contracts';
import { callAs, createInsight, jsonOf, problemOf } from './support/insights-client';
import { createUser, type TestUser } from './support/users';

describe('relationships', () => {
  let alice: TestUser;
  let bob: TestUser;
  let a: string;
  let b: string;
  let c: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createUser(), createUser()]);
    [a, b, c] = (
      await Promise.all(['Caching', 'Latency', 'Batching'].map((title) => createInsight(alice, { title })))
    ).map((insight) => insight.id);
  });

  async function expectProblem(response: Response, status: number) {
    expect(response.status).toBe(status);
    return problemOf(response);
  }

  async function relationshipsOf(user: TestUser, insightId: string): Promise<RelationshipFromInsight[]> {
    const page = await jsonOf<Page<RelationshipFromInsight>>(
      await callAs(user, `/relationships?insightId=${insightId}`),
      200,
    );
    expect(page.nextCursor).toBeNull();
    return page.items;
  }

  it('lists the vocabulary with inverses', async () => {
    const types = await jsonOf<RelationshipTypeInfo[]>(await callAs(alice, '/relationship-types'), 200);
    expect(types).toContainEqual(
      expect.objectContaining({ type: 'supports', inverse: 'supported_by', symmetric: false }),
    );
    expect(types).toContainEqual(
      expect.objectContaining({ type: 'related', inverse: 'related', symmetric: true }),
    );
    expect(types).toHaveLength(14);
  });

  it('creates a typed link and names it from each side', async () => {
    const response = await callAs(alice, '/relationships', {
      method: 'POST',
      body: { sourceId: a, targetId: b, type: 'supports', strength: 0.9, note: 'measured' },
    });
    const created = await jsonOf<Relationship>(response, 201);
    expect(response.headers.get('location')).toBe(`/api/v1/relationships/${created.id}`);
    expect(created).toMatchObject({
      sourceId: a,
      targetId: b,
      type: 'supports',
      strength: 0.9,
      createdBy: 'user',
    });
    expect(await relationshipsOf(alice, b)).toEqual([
      expect.objectContaining({
        id: created.id,
        type: 'supported_by',
        direction: 'incoming',
        otherInsightId: a,
      }),
    ]);
  });

  it('refuses an unknown type, listing the allowed ones', async () => {
    const problem = await expectProblem(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: a, targetId: c, type: 'likes' },
      }),
      400,
    );
    expect(problem.errors?.['type']?.[0]).toMatch(/must be one of related, supports, supported_by/);
  });

  it('refuses a self-loop with 400 and a duplicate or symmetric mirror with 409', async () => {
    const self = await expectProblem(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: a, targetId: a, type: 'related' },
      }),
      400,
    );
    expect(Object.keys(self.errors ?? {})).toEqual(['targetId']);
    await jsonOf(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: a, targetId: c, type: 'related' },
      }),
      201,
    );
    await expectProblem(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: c, targetId: a, type: 'related' },
      }),
      409,
    );
  });

  it("answers 404 for another user's insights and relationships, changing nothing", async () => {
    const mine = await jsonOf<Relationship>(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: b, targetId: c, type: 'causes' },
      }),
      201,
    );
    await expectProblem(await callAs(bob, `/relationships?insightId=${a}`), 404);
    await expectProblem(await callAs(bob, `/relationships/${mine.id}`), 404);
    await expectProblem(
      await callAs(bob, `/relationships/${mine.id}`, { method: 'PATCH', body: { strength: 0 } }),
      404,
    );
    await expectProblem(await callAs(bob, `/relationships/${mine.id}`, { method: 'DELETE' }), 404);
    const bobs = await createInsight(bob, { title: 'Bob' });
    await expectProblem(
      await callAs(bob, '/relationships', {
        method: 'POST',
        body: { sourceId: bobs.id, targetId: a, type: 'related' },
      }),
      404,
    );
    expect(await jsonOf<Relationship>(await callAs(alice, `/relationships/${mine.id}`), 200)).toEqual(mine);
  });

  it('updates and deletes', async () => {
    const link = await jsonOf<Relationship>(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: c, targetId: b, type: 'precedes' },
      }),
      201,
    );
    const updated = await jsonOf<Relationship>(
      await callAs(alice, `/relationships/${link.id}`, {
        method: 'PATCH',
        body: { strength: 0.1, note: null },
      }),
      200,
    );
    expect(updated).toMatchObject({ strength: 0.1, note: null, version: 2 });
    expect((await callAs(alice, `/relationships/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await callAs(alice, `/relationships/${link.id}`), 404);
  });

  it('hides the links of a trashed insight and brings them back on restore', async () => {
    const before = (await relationshipsOf(alice, a)).length;
    expect((await callAs(alice, `/insights/${c}`, { method: 'DELETE' })).status).toBe(204);
    expect((await relationshipsOf(alice, a)).length).toBe(before - 1);
    expect((await callAs(alice, `/insights/${c}/restore`, { method: 'POST' })).status).toBeLessThan(300);
    expect((await relationshipsOf(alice, a)).length).toBe(before);
  });

  it("pages an insight's links with a cursor, and refuses a bad limit or a foreign cursor", async () => {
    const all = await relationshipsOf(alice, a);
    expect(all.length).toBeGreaterThan(1);
    const first = await jsonOf<Page<RelationshipFromInsight>>(
      await callAs(alice, `/relationships?insightId=${a}&limit=1`),
      200,
    );
    expect(first.items.map((r) => r.id)).toEqual([all[0].id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await jsonOf<Page<RelationshipFromInsight>>(
      await callAs(
        alice,
        `/relationships?insightId=${a}&limit=${all.length}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      ),
      200,
    );
    expect({ ids: second.items.map((r) => r.id), nextCursor: second.nextCursor }).toEqual({
      ids: all.slice(1).map((r) => r.id),
      nextCursor: null,
    });
    const badLimit = await expectProblem(await callAs(alice, `/relationships?insightId=${a}&limit=0`), 400);
    expect(badLimit.errors).toHaveProperty('limit');
    const foreign = await expectProblem(
      await callAs(alice, `/relationships?insightId=${a}&cursor=bm90LW91cnM`),
      400,
    );
    expect(foreign.errors).toHaveProperty('cursor');
  });

  it('answers 404 for ids that are not ids', async () => {
    await expectProblem(await callAs(alice, '/relationships/not-an-id'), 404);
    await expectProblem(await callAs(alice, '/relationships?insightId=%24where'), 404);
  });

  it('removes the links of a purged insight', async () => {
    const doomed = await createInsight(alice, { title: 'Doomed' });
    const link = await jsonOf<Relationship>(
      await callAs(alice, '/relationships', {
        method: 'POST',
        body: { sourceId: a, targetId: doomed.id, type: 'related' },
      }),
      201,
    );
    expect((await callAs(alice, `/insights/${doomed.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await callAs(alice, `/trash/${doomed.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await callAs(alice, `/relationships/${link.id}`), 404);
    expect((await relationshipsOf(alice, a)).map((r) => r.id)).not.toContain(link.id);
  });
});
