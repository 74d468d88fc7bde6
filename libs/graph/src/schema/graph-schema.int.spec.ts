import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphModule } from '../graph.module';
import { GraphSchemaService } from './graph-schema.service';
import { GRAPH_MIGRATIONS } from './migrations';

jest.setTimeout(60_000);

describe('GraphModule (real Neo4j)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  let schema: GraphSchemaService;
  const suffix = uniqueSuffix();
  const label = `ItTest_${suffix}`;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphModule],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
    schema = moduleRef.get(GraphSchemaService);
  });

  afterAll(async () => {
    await neo4j.write(`MATCH (n:${label}) DETACH DELETE n`);
    await neo4j.write('MATCH (m:SchemaMigration) WHERE m.id STARTS WITH $prefix DELETE m', {
      prefix: `test-${suffix}`,
    });
    await neo4j.write(`DROP INDEX it_${suffix} IF EXISTS`);
    await moduleRef.close();
  });

  it('creates a node and reads it back with parameters', async () => {
    await neo4j.write(`CREATE (n:${label} {id: $id, title: $title})`, { id: 'n1', title: "it's a test" });
    const result = await neo4j.read(`MATCH (n:${label} {id: $id}) RETURN n.title AS title`, { id: 'n1' });
    expect(result.records.map((r) => r.get('title'))).toEqual(["it's a test"]);
  });

  it('applies the product schema on start, so its constraints exist', async () => {
    await schema.whenApplied();
    const result = await neo4j.read('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
    expect(result.records[0].get('names')).toEqual(
      expect.arrayContaining(['user_id', 'insight_id', 'category_id', 'tag_user_name']),
    );
    const recorded = await neo4j.read('MATCH (m:SchemaMigration) RETURN collect(m.id) AS ids');
    expect(recorded.records[0].get('ids')).toEqual(expect.arrayContaining(GRAPH_MIGRATIONS.map((m) => m.id)));
  });

  it('applies a migration once, however often it runs', async () => {
    const migration = {
      id: `test-${suffix}`,
      statements: [`CREATE INDEX it_${suffix} IF NOT EXISTS FOR (n:${label}) ON (n.k)`],
    };
    expect(await schema.migrate([migration])).toEqual([migration.id]);
    expect(await schema.migrate([migration])).toEqual([]);
    const indexes = await neo4j.read('SHOW INDEXES YIELD name WHERE name = $name RETURN count(*) AS n', {
      name: `it_${suffix}`,
    });
    expect(indexes.records[0].get('n')).toBe(1);
  });
});
