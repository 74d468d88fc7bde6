import {
  escapeLucene,
  parseSearchQuery,
  SearchQueryError,
  toLuceneQuery,
  toOwnedLuceneQueries,
} from './search-query';

describe('parseSearchQuery', () => {
  it('separates filters, phrases and words', () => {
    const query = parseSearchQuery(
      'cache tag:Performance category:"Deep Work" type:supports is:favorite after:2026-01-01 before:2026-06-01 "cold start" latency ',
    );
    expect(query).toEqual({
      terms: ['cache', 'latency'],
      phrases: ['cold start'],
      lastTermIsPrefix: false,
      tags: ['performance'],
      categories: ['Deep Work'],
      types: ['supports'],
      favorite: true,
      after: new Date('2026-01-01T00:00:00.000Z'),
      before: new Date('2026-06-01T00:00:00.000Z'),
    });
  });

  it('treats the last word as a prefix while it is being typed', () => {
    expect(parseSearchQuery('graph data').lastTermIsPrefix).toBe(true);
    expect(parseSearchQuery('graph data ').lastTermIsPrefix).toBe(false);
    expect(parseSearchQuery('graph "data"').lastTermIsPrefix).toBe(false);
  });

  it('searches unknown key:value pairs as text', () => {
    expect(parseSearchQuery('http://example.org').terms).toEqual(['http', 'example', 'org']);
  });

  it.each([
    ['', /nothing to search for/],
    ['   ', /nothing to search for/],
    ['"" ()', /nothing to search for/],
    ['before:yesterday', /before: expects a date as YYYY-MM-DD \(got "yesterday"\)/],
    ['after:2026-13-45', /after: expects a date/],
    ['type:likes', /type: must be one of related, supports/],
    ['is:urgent', /is: only knows "favorite"/],
    ['after:2026-02-01 before:2026-01-01', /after: must be earlier than before:/],
    ['x'.repeat(501), /longer than 500/],
  ])('refuses %p with a reason', (raw, reason) => {
    expect(() => parseSearchQuery(raw)).toThrow(SearchQueryError);
    expect(() => parseSearchQuery(raw)).toThrow(reason);
  });

  it('accepts a filter-only query', () => {
    expect(parseSearchQuery('tag:ideas').tags).toEqual(['ideas']);
  });
});

describe('toLuceneQuery', () => {
  it('requires every word, boosts the title, tolerates one typo and prefixes the last word', () => {
    expect(toLuceneQuery(parseSearchQuery('cache laten'))).toBe(
      '+(title:cache^3 cache cache~1) +(title:laten^3 laten laten~1 laten*)',
    );
  });

  it('leaves typos out when asked', () => {
    expect(toLuceneQuery(parseSearchQuery('cache laten'), { typos: false })).toBe(
      '+(title:cache^3 cache) +(title:laten^3 laten laten*)',
    );
  });

  it('does not make short words fuzzy', () => {
    expect(toLuceneQuery(parseSearchQuery('go db '))).toBe('+(title:go^3 go) +(title:db^3 db)');
  });

  it('keeps phrases exact', () => {
    expect(toLuceneQuery(parseSearchQuery('"cold start"'))).toBe('+(title:"cold start"^3 "cold start")');
  });

  it('is null when there is only a filter', () => {
    expect(toLuceneQuery(parseSearchQuery('is:favorite'))).toBeNull();
  });

  it('never lets user text become Lucene syntax', () => {
    const lucene = toLuceneQuery(parseSearchQuery('title:x) OR (*:* AND "a" NOT b~ [1 TO 9]'));
    expect(lucene).not.toMatch(/(^|[^\\])\*:\*/);
    expect(lucene).toContain('+(title:"or"^3 "or")');
    expect(lucene).toContain('+(title:"and"^3 "and")');
  });

  it('escapes every special character', () => {
    expect(escapeLucene('a+b-c!(d){e}[f]^g"h~i*j?k:l\\m/n&o|p')).toBe(
      'a\\+b\\-c\\!\\(d\\)\\{e\\}\\[f\\]\\^g\\"h\\~i\\*j\\?k\\:l\\\\m\\/n\\&o\\|p',
    );
  });
});

describe('toOwnedLuceneQueries', () => {
  it("requires the owner and each tag's words, then the text", () => {
    expect(toOwnedLuceneQueries(parseSearchQuery('go tag:deep-work '), '6b0cdd6e90c8578acf7c3b43')).toEqual({
      exact: '+userId:"6b0cdd6e90c8578acf7c3b43" +tagText:"deep\\-work" +(title:go^3 go)',
      typo: null,
    });
  });

  it('asks for the words spelt as typed first, then with a typo forgiven', () => {
    expect(toOwnedLuceneQueries(parseSearchQuery('go cache "cold start" laten'), 'u1')).toEqual({
      exact:
        '+userId:"u1" +(title:go^3 go) +(title:cache^3 cache) +(title:laten^3 laten laten*) +(title:"cold start"^3 "cold start")',
      typo: '+userId:"u1" +(title:go^3 go) +(title:cache^3 cache cache~1) +(title:laten^3 laten laten~1 laten*) +(title:"cold start"^3 "cold start")',
    });
  });

  it('adds no clause for a tag without letters or digits, and nothing without text', () => {
    expect(toOwnedLuceneQueries(parseSearchQuery('go tag:### '), 'u1')).toEqual({
      exact: '+userId:"u1" +(title:go^3 go)',
      typo: null,
    });
    expect(toOwnedLuceneQueries(parseSearchQuery('tag:work'), 'u1')).toBeNull();
  });
});
