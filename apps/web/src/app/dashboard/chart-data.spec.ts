import type { DashboardStats } from '@insight/contracts';
import en from '../i18n/en';
import pt from '../i18n/pt';
import { translatorFor } from '../i18n/translate';
import { dashboardCharts, hasData } from './chart-data';

const stats: DashboardStats = {
  generatedAt: '2026-11-30T03:00:00.000Z',
  totals: { insights: 5, trashed: 1, favorites: 2, relationships: 3 },
  insightsPerWeek: [
    { weekStart: '2026-11-16T00:00:00.000Z', count: 0 },
    { weekStart: '2026-11-23T00:00:00.000Z', count: 5 },
  ],
  byCategory: [
    { categoryId: 'c1', name: 'Health', count: 3 },
    { categoryId: null, name: null, count: 2 },
  ],
  topTags: [{ key: 'focus', count: 2 }],
  topKeywords: [{ key: 'sleep', count: 2 }],
  relationshipTypes: [
    { key: 'supports', count: 2 },
    { key: 'related', count: 1 },
  ],
  processingStatus: { pending: 1, processed: 4, failed: 0 },
};

describe('dashboardCharts', () => {
  it('turns every figure of /stats into a labelled series, in English', () => {
    const charts = dashboardCharts(stats, translatorFor(en), 'en');
    expect(charts.map((c) => [c.id, c.title])).toEqual([
      ['perWeek', 'Insights per week'],
      ['byCategory', 'Insights by category'],
      ['topTags', 'Top tags'],
      ['topKeywords', 'Top keywords'],
      ['relationshipTypes', 'Relationships by type'],
      ['processingStatus', 'Processing status'],
    ]);
    const [weeks, categories, tags, keywords, types, status] = charts;
    expect(weeks).toMatchObject({ labels: ['16 Nov', '23 Nov'], values: [0, 5], axis: 'x' });
    expect(categories).toMatchObject({ labels: ['Health', 'No category'], values: [3, 2], axis: 'y' });
    expect(tags.labels).toEqual(['#focus']);
    expect(keywords).toMatchObject({ labels: ['sleep'], values: [2] });
    expect(types.labels).toEqual(['Supports', 'Related to']);
    expect(status).toMatchObject({
      labels: ['Processing…', 'Processed', 'Analysis failed'],
      values: [1, 4, 0],
    });
  });

  it('labels in Portuguese, dates in the Portuguese format', () => {
    const charts = dashboardCharts(stats, translatorFor(pt), 'pt');
    expect(charts[0].title).toBe('Ideias por semana');
    expect(charts[0].labels).toEqual(['16 nov.', '23 nov.']);
    expect(charts[1].labels[1]).toBe('Sem categoria');
  });

  it('knows an empty chart from one with bars', () => {
    const empty = dashboardCharts(
      { ...stats, topTags: [], processingStatus: { pending: 0, processed: 0, failed: 0 } },
      translatorFor(en),
      'en',
    );
    expect(hasData(empty[2])).toBe(false);
    expect(hasData(empty[5])).toBe(false);
    expect(hasData(empty[0])).toBe(true);
  });
});
