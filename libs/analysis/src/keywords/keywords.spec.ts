import { languageTools } from '../language/language-tools';
import { ENGLISH_CACHING_NOTE, PORTUGUESE_INDEX_NOTE } from '../testing/samples';
import { stripMarkdown } from '../text/markdown';
import { tokenise } from '../text/tokens';
import { applyCorpusChange, corpusChange, corpusStats, emptyCorpus } from './corpus';
import { type CorpusStats, documentStems, extractKeywords } from './keywords';

const NO_CORPUS: CorpusStats = { documentCount: 0, documentFrequency: () => 0 };

function terms(keywords: { term: string }[]): string[] {
  return keywords.map((keyword) => keyword.term);
}

describe('extractKeywords', () => {
  it('finds the topic of the English note and merges word forms by stem', () => {
    const keywords = extractKeywords(ENGLISH_CACHING_NOTE, 'en', NO_CORPUS);
    expect(keywords[0]).toMatchObject({ stem: 'cach' });
    expect(['cache', 'caching']).toContain(keywords[0].term);
    // "cache", "caching", "cached" are one keyword, not three.
    expect(keywords.filter((keyword) => keyword.stem === 'cach')).toHaveLength(1);
    expect(terms(keywords)).toEqual(expect.arrayContaining(['owner', 'version']));
  });

  it('finds the topic of the Portuguese note', () => {
    const keywords = extractKeywords(PORTUGUESE_INDEX_NOTE, 'pt', NO_CORPUS);
    expect(keywords[0]).toMatchObject({ stem: 'indic', term: 'índice' });
    expect(terms(keywords.slice(0, 4))).toEqual(expect.arrayContaining(['consulta', 'composto']));
  });

  it('never returns stop words, numbers, code or URLs', () => {
    const keywords = [
      ...extractKeywords(ENGLISH_CACHING_NOTE, 'en', NO_CORPUS, 100),
      ...extractKeywords(PORTUGUESE_INDEX_NOTE, 'pt', NO_CORPUS, 100),
    ];
    const english = languageTools('en');
    const portuguese = languageTools('pt');
    for (const { term } of keywords) {
      expect(english.isStopWord(term.toLowerCase()) && portuguese.isStopWord(term.toLowerCase())).toBe(false);
    }
    const all = terms(keywords).map((term) => term.toLowerCase());
    for (const unwanted of [
      'the',
      'and',
      'não',
      'que',
      'para',
      '180',
      'ms',
      'await',
      'incr',
      'https',
      'redis.io',
    ]) {
      expect(all).not.toContain(unwanted);
    }
  });

  it('weighs a stem down when many of the owner’s documents contain it', () => {
    const alone = extractKeywords('Latency of the cache. Latency matters. Cache config.', 'en', NO_CORPUS);
    const cacheEverywhere: CorpusStats = {
      documentCount: 100,
      documentFrequency: (stem) => (stem === 'cach' ? 90 : 1),
    };
    const inCorpus = extractKeywords(
      'Latency of the cache. Latency matters. Cache config.',
      'en',
      cacheEverywhere,
    );
    const weightOf = (keywords: typeof alone, stem: string): number =>
      keywords.find((keyword) => keyword.stem === stem)?.weight ?? 0;
    expect(weightOf(alone, 'cach')).toBeCloseTo(weightOf(alone, 'latenc'));
    expect(weightOf(inCorpus, 'cach')).toBeLessThan(weightOf(inCorpus, 'latenc') / 2);
  });

  it('gives weights between 0 and 1, L2-normalised over the document, best first', () => {
    const all = extractKeywords(ENGLISH_CACHING_NOTE, 'en', NO_CORPUS, 1_000);
    for (const { weight } of all) {
      expect(weight).toBeGreaterThan(0);
      expect(weight).toBeLessThanOrEqual(1);
    }
    expect(all.map((keyword) => keyword.weight)).toEqual(
      [...all.map((keyword) => keyword.weight)].sort((a, b) => b - a),
    );
    expect(all.reduce((sum, { weight }) => sum + weight * weight, 0)).toBeCloseTo(1, 2);
  });

  it('counts title words extra', () => {
    const withTitle = extractKeywords(
      { title: 'Backpressure', content: 'Queues and backpressure and queues.' },
      'en',
      NO_CORPUS,
    );
    expect(withTitle[0].term).toBe('backpressure');
  });

  it('keeps a written form with inner capitals as the readable term', () => {
    const keywords = extractKeywords('GraphQL resolvers. GraphQL schema. graphql errors.', 'en', NO_CORPUS);
    expect(keywords[0]).toMatchObject({ term: 'GraphQL', stem: 'graphql', occurrences: 3 });
  });

  it('honours the limit', () => {
    expect(extractKeywords(ENGLISH_CACHING_NOTE, 'en', NO_CORPUS, 3)).toHaveLength(3);
  });
});

describe('documentStems', () => {
  it('lists each candidate stem once, sorted', () => {
    expect(documentStems('Caching, cache and the cached LATENCY.', 'en')).toEqual(['cach', 'latenc']);
  });

  it('holds every keyword stem of the document', () => {
    const stems = new Set(documentStems(PORTUGUESE_INDEX_NOTE, 'pt'));
    for (const keyword of extractKeywords(PORTUGUESE_INDEX_NOTE, 'pt', NO_CORPUS, 1_000)) {
      expect(stems.has(keyword.stem)).toBe(true);
    }
  });

  it('is the keyword candidates of the stripped text', () => {
    const plainWords = tokenise(stripMarkdown(ENGLISH_CACHING_NOTE.content)).length;
    expect(documentStems(ENGLISH_CACHING_NOTE.content, 'en').length).toBeLessThan(plainWords);
  });
});

describe('TF-IDF over an incrementally kept corpus', () => {
  it('scores the same as over a corpus counted from scratch', () => {
    const documents = [
      'Redis cache in front of the list query.',
      'Cache invalidation bumps a version per owner.',
      'Mongo indexes for the list query.',
    ].map((text) => documentStems(text, 'en'));
    const snapshot = emptyCorpus();
    for (const stems of documents) applyCorpusChange(snapshot, corpusChange(null, stems));

    const fromScratch: CorpusStats = {
      documentCount: documents.length,
      documentFrequency: (stem) => documents.filter((stems) => stems.includes(stem)).length,
    };
    const text = 'Cache the list query per owner.';
    expect(extractKeywords(text, 'en', corpusStats(snapshot))).toEqual(
      extractKeywords(text, 'en', fromScratch),
    );
  });
});
