import { ConnectedComponents, topTags } from './connected-components';

describe('ConnectedComponents', () => {
  it('joins chains and stars into components and leaves the rest alone', () => {
    const cc = new ConnectedComponents(8);
    // 0-1-2 chain, 3-4 and 4-5 (star at 4), 6 alone, 7 self-link
    cc.union(0, 1);
    cc.union(1, 2);
    cc.union(4, 3);
    cc.union(4, 5);
    cc.union(7, 7);
    expect(cc.find(0)).toBe(cc.find(2));
    expect(cc.find(3)).toBe(cc.find(5));
    expect(cc.find(0)).not.toBe(cc.find(3));
    expect([0, 3, 6, 7].map((n) => cc.sizeOf(n))).toEqual([3, 3, 1, 1]);
    cc.union(2, 5);
    expect(cc.sizeOf(0)).toBe(6);
    expect(cc.find(1)).toBe(cc.find(4));
  });

  it('stays shallow on a long chain (no stack, no quadratic walk)', () => {
    const n = 200_000;
    const cc = new ConnectedComponents(n);
    for (let i = 1; i < n; i++) cc.union(i - 1, i);
    expect(cc.sizeOf(0)).toBe(n);
    expect(cc.find(n - 1)).toBe(cc.find(0));
  });
});

describe('topTags', () => {
  it('orders by count, then name, and keeps the first few', () => {
    const counts = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
    ]);
    expect(topTags(counts, 3)).toEqual([
      { name: 'c', count: 5 },
      { name: 'a', count: 2 },
      { name: 'b', count: 2 },
    ]);
  });
});
