import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import { InsightProjectionService } from '../projection/insight-projection.service';
import type { InsightGraphDocument } from '../projection/insight-graph-document';
import type { RelationshipGraphDocument } from '../projection/relationship-graph-document';
import { GraphSchemaService } from '../schema/graph-schema.service';
import { GraphTraversalService } from './graph-traversal.service';

jest.setTimeout(60_000);

describe('GraphTraversalService (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  let traversal: GraphTraversalService;
  const suffix = uniqueSuffix();
  const alice = `it-alice-${suffix}`;
  const bob = `it-bob-${suffix}`;
  const id = (name: string) => `${suffix}-${name}`;

  function insight(
    userId: string,
    name: string,
    extra: Partial<InsightGraphDocument> = {},
  ): InsightGraphDocument {
    return {
      id: id(name),
      userId,
      title: name.toUpperCase(),
      content: '',
      tags: [],
      categoryId: null,
      favorite: false,
      createdAt: new Date(),
      deletedAt: null,
      keywords: [],
      version: 1,
      ...extra,
    };
  }

  function edge(
    userId: string,
    from: string,
    to: string,
    type: RelationshipGraphDocument['type'],
  ): RelationshipGraphDocument {
    return {
      id: id(`${from}-${to}`),
      userId,
      sourceId: id(from),
      targetId: id(to),
      type,
      strength: 0.5,
      note: null,
      createdBy: 'user',
      createdAt: new Date(),
      version: 1,
    };
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
      providers: [GraphTraversalService],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
    traversal = moduleRef.get(GraphTraversalService);
    await moduleRef.get(GraphSchemaService).whenApplied();
    const projection = moduleRef.get(InsightProjectionService);
    // a - b - c - d (chain), a - e, x trashed next to a, bob's z linked nowhere of alice's
    for (const name of ['a', 'b', 'c', 'd', 'e']) await projection.upsertInsight(insight(alice, name));
    await projection.upsertInsight(insight(alice, 'x', { deletedAt: new Date() }));
    await projection.upsertInsight(insight(bob, 'z'));
    await projection.upsertRelationship(edge(alice, 'a', 'b', 'supports'));
    await projection.upsertRelationship(edge(alice, 'c', 'b', 'related'));
    await projection.upsertRelationship(edge(alice, 'c', 'd', 'causes'));
    await projection.upsertRelationship(edge(alice, 'a', 'e', 'contradicts'));
    await projection.upsertRelationship(edge(alice, 'x', 'a', 'related'));
  });

  afterAll(async () => {
    await neo4j.write('MATCH (n) WHERE n.userId IN $users OR n.id IN $users DETACH DELETE n', {
      users: [alice, bob],
    });
    await moduleRef.close();
  });

  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id.replace(`${suffix}-`, '')).sort();

  it('returns the neighbourhood at depth 1 and 2 with the edges among its nodes', async () => {
    const one = await traversal.neighborhood(alice, id('a'), { depth: 1 });
    expect(ids(one!.nodes)).toEqual(['a', 'b', 'e']);
    expect(one!.edges.map((e) => e.type).sort()).toEqual(['contradicts', 'supports']);
    expect(one!.truncated).toBe(false);
    const two = await traversal.neighborhood(alice, id('a'), { depth: 2 });
    expect(ids(two!.nodes)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('follows only the requested relationship types', async () => {
    const view = await traversal.neighborhood(alice, id('a'), { depth: 3, types: ['supports', 'related'] });
    expect(ids(view!.nodes)).toEqual(['a', 'b', 'c']);
  });

  it('follows an inverse name as its stored type', async () => {
    const view = await traversal.neighborhood(alice, id('b'), { depth: 3, types: ['supported_by'] });
    expect(ids(view!.nodes)).toEqual(['a', 'b']);
  });

  it('caps the result and says so', async () => {
    const view = await traversal.neighborhood(alice, id('a'), { depth: 3, limit: 2 });
    expect(view!.nodes).toHaveLength(2);
    expect(view!.truncated).toBe(true);
  });

  it('reports degree without counting trashed neighbours', async () => {
    const view = await traversal.neighborhood(alice, id('a'), { depth: 1 });
    expect(view!.nodes.find((n) => n.id === id('a'))?.degree).toBe(2);
  });

  it("answers null for another user's insight or a trashed one", async () => {
    expect(await traversal.neighborhood(bob, id('a'))).toBeNull();
    expect(await traversal.neighborhood(alice, id('x'))).toBeNull();
    expect(await traversal.paths(bob, id('a'), id('d'))).toBeNull();
  });

  it('finds the shortest path with its edge types', async () => {
    const paths = await traversal.paths(alice, id('e'), id('d'));
    expect(paths).toHaveLength(1);
    expect(paths![0].nodes.map((n) => n.id.replace(`${suffix}-`, ''))).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(paths![0].edges.map((e) => e.type)).toEqual(['contradicts', 'supports', 'related', 'causes']);
    expect(await traversal.paths(alice, id('e'), id('d'), 2)).toEqual([]);
    const itself = await traversal.paths(alice, id('a'), id('a'));
    expect(itself?.map((path) => [path.nodes.map((n) => n.id), path.edges])).toEqual([[[id('a')], []]]);
  });

  it('pages through the whole graph', async () => {
    const first = await traversal.page(alice, { limit: 3 });
    const second = await traversal.page(alice, { limit: 3, after: first.nextCursor! });
    expect(ids([...first.nodes, ...second.nodes])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(second.nextCursor).toBeNull();
    expect(first.edges.length + second.edges.length).toBe(4);
  });
});
