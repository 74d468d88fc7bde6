import { topCounts, weekStart } from './dashboard.repository';

describe('dashboard arithmetic', () => {
  it('starts weeks on Monday 00:00 UTC', () => {
    expect(weekStart(new Date('2026-03-11T15:00:00Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z'); // Wednesday
    expect(weekStart(new Date('2026-03-09T00:00:00Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z'); // Monday
    expect(weekStart(new Date('2026-03-15T23:59:59Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z'); // Sunday
  });

  it('ranks counts, ties by key, up to the limit', () => {
    const counts = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
    ]);
    expect(topCounts(counts, 3)).toEqual([
      { key: 'c', count: 5 },
      { key: 'a', count: 2 },
      { key: 'b', count: 2 },
    ]);
  });
});
