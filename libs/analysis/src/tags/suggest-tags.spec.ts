import type { Keyword } from '../keywords/keywords';
import { suggestTags } from './suggest-tags';

const keyword = (term: string, stem: string, weight: number, occurrences = 3): Keyword => ({
  term,
  stem,
  weight,
  occurrences,
});

const CACHE_KEYWORDS = [
  keyword('cache', 'cach', 0.6),
  keyword('latency', 'latenc', 0.45),
  keyword('invalidation', 'invalid', 0.4),
  keyword('owner', 'owner', 0.1, 1),
];

describe('suggestTags', () => {
  it('prefers an existing tag matched by stem over a new word', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [
        { name: 'Caching', count: 12 },
        { name: 'cooking', count: 30 },
      ],
    });
    expect(suggestions[0]).toEqual({
      name: 'caching',
      existing: true,
      score: expect.any(Number),
      reason: 'matches your tag *caching* (*cache*)',
    });
    // "cache" is the owner's "caching": no new tag of the same stem.
    expect(suggestions.map((suggestion) => suggestion.name)).not.toContain('cache');
    expect(suggestions.map((suggestion) => suggestion.name)).not.toContain('cooking');
    for (const fresh of suggestions.filter((suggestion) => !suggestion.existing)) {
      expect(fresh.score).toBeLessThan(suggestions[0].score);
    }
  });

  it('proposes frequent keywords as new tags when nothing existing fits, at most maxNewTags', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [],
      maxNewTags: 2,
    });
    expect(suggestions).toEqual([
      { name: 'cache', existing: false, score: 0.45, reason: 'frequent keyword *cache* (3×)' },
      {
        name: 'latency',
        existing: false,
        score: expect.any(Number),
        reason: 'frequent keyword *latency* (3×)',
      },
    ]);
  });

  it('never suggests a tag the insight already has, nor a new word of the same stem', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [{ name: 'caching', count: 3 }],
      currentTags: ['Caching'],
    });
    expect(suggestions.map((suggestion) => suggestion.name)).toEqual(['latency', 'invalidation']);
  });

  it('matches multi-word tags only when every word is a keyword', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [
        { name: 'cache invalidation', count: 2 },
        { name: 'cache warming', count: 2 },
      ],
      maxNewTags: 0,
    });
    expect(suggestions.map((suggestion) => suggestion.name)).toEqual(['cache invalidation']);
  });

  it('matches Portuguese tags by stem, accents or not', () => {
    const suggestions = suggestTags({
      keywords: [keyword('índices', 'indic', 0.5), keyword('consulta', 'consult', 0.4)],
      language: 'pt',
      existingTags: [
        { name: 'indice', count: 4 },
        { name: 'consultas', count: 2 },
      ],
    });
    expect(suggestions.map((suggestion) => [suggestion.name, suggestion.existing])).toEqual([
      ['indice', true],
      ['consultas', true],
    ]);
  });

  it('suggests tags carried by similar insights, saying so', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [{ name: 'performance', count: 8 }],
      similarInsights: [
        { tags: ['performance', 'redis'], similarity: 0.8 },
        { tags: ['performance'], similarity: 0.6 },
      ],
      maxNewTags: 0,
    });
    expect(suggestions).toEqual([
      { name: 'performance', existing: true, score: expect.any(Number), reason: 'on 2 similar insights' },
    ]);
  });

  it('ranks a tag supported by keywords and similar insights above one with keywords alone', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [
        { name: 'latency', count: 1 },
        { name: 'invalidation', count: 1 },
      ],
      similarInsights: [{ tags: ['invalidation'], similarity: 0.9 }],
    });
    expect(suggestions.map((suggestion) => suggestion.name).slice(0, 2)).toEqual(['invalidation', 'latency']);
    expect(suggestions[0].reason).toBe('matches your tag *invalidation*; on 1 similar insight');
  });

  it('ignores existing tags that match only a weak keyword', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [{ name: 'owners', count: 50 }],
      maxNewTags: 0,
    });
    expect(suggestions).toEqual([]);
  });

  it('returns at most limit suggestions', () => {
    const suggestions = suggestTags({
      keywords: CACHE_KEYWORDS,
      language: 'en',
      existingTags: [
        { name: 'cache', count: 1 },
        { name: 'latency', count: 1 },
        { name: 'invalidation', count: 1 },
      ],
      limit: 2,
    });
    expect(suggestions).toHaveLength(2);
  });
});
