import { mixAcrossCategories } from './review.service';

describe('mixAcrossCategories', () => {
  const item = (category: string, n: number) => ({ category, n });

  it('takes from each category in turn, keeping each category in its order', () => {
    const items = [item('a', 1), item('a', 2), item('a', 3), item('b', 4), item('c', 5), item('b', 6)];
    expect(mixAcrossCategories(items, (i) => i.category, 10).map((i) => i.n)).toEqual([1, 4, 5, 2, 6, 3]);
  });

  it('stops at the cap, so a busy category cannot crowd out the others', () => {
    const items = [...[1, 2, 3, 4, 5].map((n) => item('busy', n)), item('quiet', 6)];
    const mixed = mixAcrossCategories(items, (i) => i.category, 3).map((i) => i.n);
    expect(mixed).toEqual([1, 6, 2]);
  });

  it('answers nothing for nothing', () => {
    expect(mixAcrossCategories([], () => '', 5)).toEqual([]);
  });
});
