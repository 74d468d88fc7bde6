import type { InsightKeyword } from '@insight/contracts';
import {
  bestSuggestions,
  MAX_SUGGESTIONS,
  type ScoredInsight,
  scoreRelated,
  SUGGESTION_THRESHOLD,
} from './related-scoring';

const DAY = 86_400_000;

function keyword(term: string, weight: number, stem = term): InsightKeyword {
  return { term, weight, stem };
}

function insight(overrides: Partial<ScoredInsight> = {}): ScoredInsight {
  return {
    id: 'a',
    keywords: [],
    tags: [],
    createdAt: new Date('2026-03-01T00:00:00Z'),
    sentiment: null,
    ...overrides,
  };
}

describe('scoreRelated', () => {
  const cacheLatency = [
    keyword('cache', 0.6, 'cach'),
    keyword('latency', 0.5, 'latenc'),
    keyword('redis', 0.3),
  ];

  it('explains shared keywords (strongest first) and shared tags', () => {
    const a = insight({ keywords: cacheLatency, tags: ['performance', 'backend'] });
    const b = insight({
      id: 'b',
      keywords: [keyword('latency', 0.7, 'latenc'), keyword('caching', 0.5, 'cach'), keyword('queue', 0.4)],
      tags: ['performance'],
      createdAt: new Date(a.createdAt.getTime() + 10 * DAY),
    });
    const result = scoreRelated(a, b, { nearInGraph: false });
    expect(result.reasons).toEqual(['shares keywords *latency*, *cache*', 'both tagged *performance*']);
    expect(result.type).toBe('related');
    expect(result.score).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
    expect(result.parts.tags).toBeCloseTo(0.5);
  });

  it('weights a shared rare keyword (high TF-IDF weight) above a shared common one', () => {
    const rare = scoreRelated(
      insight({ keywords: [keyword('idempotency', 0.8)] }),
      insight({ id: 'b', keywords: [keyword('idempotency', 0.8)] }),
      { nearInGraph: false },
    );
    const common = scoreRelated(
      insight({ keywords: [keyword('thing', 0.1)] }),
      insight({ id: 'b', keywords: [keyword('thing', 0.1)] }),
      { nearInGraph: false },
    );
    expect(rare.score).toBeGreaterThan(common.score);
    expect(common.score).toBeLessThan(SUGGESTION_THRESHOLD);
  });

  it('adds graph and time proximity, but never suggests on proximity alone', () => {
    const a = insight({ keywords: cacheLatency });
    const near = scoreRelated(a, insight({ id: 'b', keywords: [keyword('cache', 0.3, 'cach')] }), {
      nearInGraph: true,
    });
    const far = scoreRelated(a, insight({ id: 'b', keywords: [keyword('cache', 0.3, 'cach')] }), {
      nearInGraph: false,
    });
    expect(near.score).toBeGreaterThan(far.score);
    expect(near.reasons).toContain('already within two links of each other in your graph');
    expect(near.reasons).toContain('written within a day of each other');
    expect(scoreRelated(a, insight({ id: 'b' }), { nearInGraph: true }).score).toBe(0);
  });

  it('decays with time apart', () => {
    const a = insight({ keywords: cacheLatency });
    const soon = scoreRelated(a, insight({ id: 'b', keywords: cacheLatency }), { nearInGraph: false });
    const later = scoreRelated(
      a,
      insight({ id: 'b', keywords: cacheLatency, createdAt: new Date(a.createdAt.getTime() + 365 * DAY) }),
      { nearInGraph: false },
    );
    expect(soon.parts.time).toBe(1);
    expect(later.parts.time).toBeLessThan(0.01);
    expect(soon.score).toBeGreaterThan(later.score);
  });

  it('proposes contradicts for the same subject with strongly opposite sentiment', () => {
    const a = insight({ keywords: cacheLatency, sentiment: 0.8 });
    const b = insight({ id: 'b', keywords: cacheLatency, sentiment: -0.7 });
    const result = scoreRelated(a, b, { nearInGraph: false });
    expect(result.type).toBe('contradicts');
    expect(result.reasons).toContain('same subject, opposite sentiment');
    expect(scoreRelated(a, { ...b, sentiment: 0.2 }, { nearInGraph: false }).type).toBe('related');
  });
});

describe('bestSuggestions', () => {
  it(`keeps at most ${MAX_SUGGESTIONS} at or above the threshold, best first`, () => {
    const entries = [0.9, 0.1, 0.5, 0.3, 0.7, 0.26, 0.8, SUGGESTION_THRESHOLD - 0.001].map(
      (score, index) => ({
        id: `i${index}`,
        score: {
          score,
          type: 'related' as const,
          reasons: [],
          parts: { keywords: 0, tags: 0, graph: 0, time: 0 },
        },
      }),
    );
    expect(bestSuggestions(entries).map((entry) => entry.score.score)).toEqual([0.9, 0.8, 0.7, 0.5, 0.3]);
  });
});
