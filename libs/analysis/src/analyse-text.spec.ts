import { analyseDocument, analyseText, prepareDocument } from './analyse-text';
import { applyCorpusChange, corpusChange, corpusStats, emptyCorpus } from './keywords/corpus';
import { ENGLISH_CACHING_NOTE, PORTUGUESE_INDEX_NOTE } from './testing/samples';

describe('analyseText', () => {
  it('analyses the English note end to end', () => {
    const analysis = analyseText(ENGLISH_CACHING_NOTE, {
      existingTags: [
        { name: 'performance', count: 9 },
        { name: 'caching', count: 4 },
        { name: 'mongodb', count: 3 },
      ],
    });
    expect(analysis.language).toBe('en');
    expect(analysis.wordCount).toBeGreaterThan(180);
    expect(analysis.readingTimeMinutes).toBe(1);
    expect(analysis.sentiment).toBeGreaterThan(0);
    expect(analysis.keywords[0].stem).toBe('cach');
    expect(analysis.keywords.map((keyword) => keyword.term)).not.toContain('redis.io');
    expect(analysis.summary).toMatch(/cache/i);
    expect(analysis.summary?.length).toBeLessThan(400);
    expect(analysis.tagSuggestions[0]).toMatchObject({ name: 'caching', existing: true });
    expect(analysis.tagSuggestions.map((tag) => tag.name)).not.toContain('mongodb');
  });

  it('analyses the Portuguese note end to end', () => {
    const analysis = analyseText(PORTUGUESE_INDEX_NOTE, { existingTags: [{ name: 'mongodb', count: 2 }] });
    expect(analysis.language).toBe('pt');
    expect(analysis.sentiment).toBeGreaterThan(0);
    expect(analysis.keywords[0]).toMatchObject({ stem: 'indic' });
    expect(analysis.summary).toMatch(/índice composto/);
    expect(analysis.tagSuggestions[0]).toMatchObject({ name: 'mongodb', existing: true });
  });

  it('leaves short notes without a summary and without tag suggestions when no tags are given', () => {
    const analysis = analyseText({
      title: 'Backpressure',
      content: 'Bounded queues push back on producers.',
    });
    expect(analysis.summary).toBeNull();
    expect(analysis.tagSuggestions).toEqual([]);
    expect(analysis.keywords[0].term).toBe('backpressure');
  });

  it('handles empty content', () => {
    expect(analyseText({ content: '' })).toEqual({
      version: expect.any(Number),
      language: 'und',
      wordCount: 0,
      readingTimeMinutes: 0,
      sentiment: null,
      keywords: [],
      summary: null,
      tagSuggestions: [],
    });
  });

  it('produces a plain object that survives JSON', () => {
    const analysis = analyseText(ENGLISH_CACHING_NOTE, { existingTags: [{ name: 'caching', count: 1 }] });
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
  });
});

describe('prepareDocument + analyseDocument', () => {
  it('lets the caller look up frequencies for the document’s stems before scoring', () => {
    const other = prepareDocument(
      { content: 'The cache of the list. Cache hit ratio and cache size.' },
      { language: 'en' },
    );
    const snapshot = applyCorpusChange(emptyCorpus(), corpusChange(null, other.stems));

    const document = prepareDocument(ENGLISH_CACHING_NOTE);
    expect(document.stems).toEqual([...new Set(document.stems)].sort());
    const withCorpus = analyseDocument(document, { corpus: corpusStats(snapshot) });
    const withoutCorpus = analyseDocument(document);
    const cacheWeight = (keywords: typeof withCorpus.keywords): number =>
      keywords.find((keyword) => keyword.stem === 'cach')?.weight ?? 0;
    // The owner's other note is about caches too, so "cache" says less about this one.
    expect(cacheWeight(withCorpus.keywords)).toBeLessThan(cacheWeight(withoutCorpus.keywords));
  });

  it('uses a language the caller imposes', () => {
    expect(prepareDocument({ content: 'Caching caches cached' }, { language: 'en' }).stems).toEqual(['cach']);
  });
});
