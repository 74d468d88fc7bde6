import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import type { InsightGraphDocument } from '../projection/insight-graph-document';
import { InsightProjectionService } from '../projection/insight-projection.service';
import { GraphSchemaService } from '../schema/graph-schema.service';
import { GraphSearchService } from './graph-search.service';
import { parseSearchQuery } from './search-query';

jest.setTimeout(60_000);

describe('GraphSearchService (real Neo4j full-text index)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  let search: GraphSearchService;
  const suffix = uniqueSuffix();
  const alice = `it-alice-${suffix}`;
  const bob = `it-bob-${suffix}`;
  const id = (name: string) => `${suffix}-${name}`;

  function insight(userId: string, name: string, extra: Partial<InsightGraphDocument>): InsightGraphDocument {
    return {
      id: id(name),
      userId,
      title: '',
      content: '',
      tags: [],
      categoryId: null,
      favorite: false,
      createdAt: new Date('2026-03-01T00:00:00Z'),
      deletedAt: null,
      keywords: [],
      version: 1,
      ...extra,
    };
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
      providers: [GraphSearchService],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
    search = moduleRef.get(GraphSearchService);
    await moduleRef.get(GraphSchemaService).whenApplied();
    const projection = moduleRef.get(InsightProjectionService);
    await projection.upsertCategory({ id: id('cat'), userId: alice, name: 'Deep Work', color: '#112233' });
    await projection.upsertInsight(
      insight(alice, 'a', {
        title: `Zymurgy ${suffix} notes`,
        content: 'Fermentation timing',
        tags: ['brewing'],
        categoryId: id('cat'),
        favorite: true,
      }),
    );
    await projection.upsertInsight(
      insight(alice, 'b', {
        content: `More zymurgy ${suffix} in the body`,
        createdAt: new Date('2025-01-01T00:00:00Z'),
      }),
    );
    await projection.upsertInsight(
      insight(alice, 'trashed', { title: `Zymurgy ${suffix}`, deletedAt: new Date() }),
    );
    await projection.upsertInsight(insight(bob, 'bobs', { title: `Zymurgy ${suffix} of bob` }));
    await neo4j.write('CALL db.awaitIndexes(60)');
  });

  afterAll(async () => {
    await neo4j.write('MATCH (n) WHERE n.userId IN $users OR n.id IN $users DETACH DELETE n', {
      users: [alice, bob],
    });
    await moduleRef.close();
  });

  async function ids(text: string): Promise<string[]> {
    const { hits } = await search.search(alice, parseSearchQuery(text), { offset: 0, limit: 20 });
    return hits.map((h) => h.id.replace(`${suffix}-`, ''));
  }

  // Ranking itself is covered in search-query.int.spec.ts; this corpus is too small for stable IDF.
  it("finds the caller's matches, never another user's or trashed ones", async () => {
    expect((await ids(`zymurgy ${suffix} `)).sort()).toEqual(['a', 'b']);
  });

  it('finds a word with a typo', async () => {
    expect((await ids(`zymorgy ${suffix} `)).sort()).toEqual(['a', 'b']);
  });

  it('applies tag, category, favourite and date filters', async () => {
    expect(await ids(`${suffix} tag:brewing `)).toEqual(['a']);
    expect(await ids(`${suffix} category:"deep work" `)).toEqual(['a']);
    expect(await ids(`${suffix} is:favorite `)).toEqual(['a']);
    expect(await ids(`${suffix} before:2026-01-01 `)).toEqual(['b']);
    expect(await ids(`${suffix} after:2026-01-01 `)).toEqual(['a']);
  });

  it('answers filter-only queries newest first', async () => {
    expect(await ids('tag:brewing')).toEqual(['a']);
  });

  it('pages with hasMore', async () => {
    const first = await search.search(alice, parseSearchQuery(`zymurgy ${suffix} `), { offset: 0, limit: 1 });
    expect(first.hasMore).toBe(true);
    const second = await search.search(alice, parseSearchQuery(`zymurgy ${suffix} `), {
      offset: 1,
      limit: 1,
    });
    expect(second.hasMore).toBe(false);
    expect(second.hits[0].id).not.toBe(first.hits[0].id);
  });

  it('ranks every exact match before a match found by forgiving a typo, and pages across both', async () => {
    const projection = moduleRef.get(InsightProjectionService);
    const tail = suffix.replace(/[^a-z0-9]/gi, '').toLowerCase();
    // The typo's match has the word three times in its title: it would outscore the exact one.
    await projection.upsertInsight(
      insight(alice, 'typo', { title: `wombat${tail} wombat${tail} wombat${tail}` }),
    );
    await projection.upsertInsight(insight(alice, 'exact', { content: `One wimbat${tail} in passing.` }));
    await neo4j.write('CALL db.awaitIndexes(60)');
    const page = (offset: number) =>
      search.search(alice, parseSearchQuery(`wimbat${tail} `), { offset, limit: 1 });
    const first = await page(0);
    const second = await page(1);
    expect([first, second].map(({ hits, hasMore }) => ({ ids: hits.map((h) => h.id), hasMore }))).toEqual([
      { ids: [id('exact')], hasMore: true },
      { ids: [id('typo')], hasMore: false },
    ]);
    expect(second.hits[0].score).toBeGreaterThan(first.hits[0].score);
  });

  it('reads further down the ranking when the best matches are all in the trash', async () => {
    const projection = moduleRef.get(InsightProjectionService);
    const word = `quokka${suffix.replace(/[^a-z0-9]/gi, '')}`;
    // 50 trashed insights outrank the one active match (title boost) and fill the first window.
    for (let i = 0; i < 50; i++) {
      await projection.upsertInsight(
        insight(alice, `gone-${i}`, { title: `${word} ${word}`, deletedAt: new Date() }),
      );
    }
    await projection.upsertInsight(insight(alice, 'kept', { content: `A note that mentions ${word} once.` }));
    await neo4j.write('CALL db.awaitIndexes(60)');
    const { hits, hasMore } = await search.search(alice, parseSearchQuery(`${word} `), {
      offset: 0,
      limit: 20,
    });
    expect({ ids: hits.map((h) => h.id), hasMore }).toEqual({ ids: [id('kept')], hasMore: false });
  });
});
