import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig, uniqueSuffix } from '@insight/platform/testing';
import { GraphConnectionModule } from '../connection/graph-connection.module';
import { parseSearchQuery, toLuceneQuery } from './search-query';

jest.setTimeout(60_000);

describe('the Lucene queries it builds, on a real Neo4j full-text index', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  const suffix = uniqueSuffix();
  const label = `ItSearch_${suffix}`;
  const index = `it_search_${suffix}`;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), GraphConnectionModule],
    }).compile();
    await moduleRef.init();
    neo4j = moduleRef.get(GraphDatabase);
    await neo4j.write(
      `CREATE FULLTEXT INDEX ${index} IF NOT EXISTS FOR (n:${label}) ON EACH [n.title, n.content]`,
    );
    await neo4j.write(`UNWIND $docs AS doc CREATE (n:${label}) SET n = doc`, {
      docs: [
        { id: 'a', title: 'Caching cuts latency', content: 'A warm cache answers in microseconds.' },
        { id: 'b', title: 'Notes on latency', content: 'Caching is one way; batching is another.' },
        { id: 'c', title: 'Gardening', content: 'Tomatoes need sun and patience.' },
        { id: 'd', title: 'Operators', content: 'OR and AND are words here, not (syntax) *:*' },
      ],
    });
    await neo4j.write('CALL db.awaitIndexes(60)');
  });

  afterAll(async () => {
    await neo4j.write(`MATCH (n:${label}) DELETE n`);
    await neo4j.write(`DROP INDEX ${index} IF EXISTS`);
    await moduleRef.close();
  });

  async function search(text: string): Promise<string[]> {
    const lucene = toLuceneQuery(parseSearchQuery(text));
    const result = await neo4j.read(
      'CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score RETURN node.id AS id ORDER BY score DESC',
      { index, lucene },
    );
    return result.records.map((r) => r.get('id') as string);
  }

  it('ranks a title match above a content match', async () => {
    expect(await search('caching ')).toEqual(['a', 'b']);
  });

  it('still finds a word typed with one mistake', async () => {
    expect(await search('latancy ')).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('matches the word being typed as a prefix', async () => {
    expect(await search('tomat')).toEqual(['c']);
  });

  it('requires every word', async () => {
    expect(await search('caching batching ')).toEqual(['b']);
  });

  it('searches Lucene syntax typed by a user as plain words, without an error', async () => {
    expect(await search('(syntax) OR *:* ')).toEqual(['d']);
  });
});
