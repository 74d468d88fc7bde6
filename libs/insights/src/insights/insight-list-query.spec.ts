import { sanitizeFilter, Types } from 'mongoose';
import { buildInsightListQuery } from './insight-list-query';

/** The filter without mongoose's trusted marker (a symbol key), for exact comparison. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

describe('buildInsightListQuery', () => {
  const userId = new Types.ObjectId();
  const id = new Types.ObjectId();
  const at = new Date('2026-02-01T00:00:00.000Z');

  it('scopes to the user and excludes the trash, newest first by default shape', () => {
    const { filter, sort } = buildInsightListQuery({ userId, sort: 'createdAt', order: 'desc' });
    expect(plain(filter)).toEqual({ userId, deletedAt: null });
    expect(sort).toEqual({ createdAt: -1, _id: -1 });
  });

  it('adds each filter as an equality, tags as all-of', () => {
    const categoryId = new Types.ObjectId();
    const { filter } = buildInsightListQuery({
      userId,
      tags: ['a', 'b'],
      categoryId,
      favorite: false,
      status: 'processed',
      sort: 'updatedAt',
      order: 'asc',
    });
    expect(plain(filter)).toEqual({
      userId,
      deletedAt: null,
      tags: { $all: ['a', 'b'] },
      categoryId,
      favorite: false,
      status: 'processed',
    });
  });

  it('bounds the sort field by from/to', () => {
    const from = new Date('2026-01-01T00:00:00.000Z');
    const { filter } = buildInsightListQuery({ userId, from, to: at, sort: 'updatedAt', order: 'desc' });
    expect(plain(filter['updatedAt'])).toEqual({ $gte: from, $lte: at });
  });

  it('resumes descending pages below the cursor, splitting ties by _id', () => {
    const { filter } = buildInsightListQuery({
      userId,
      sort: 'createdAt',
      order: 'desc',
      after: { field: 'createdAt', order: 'desc', value: at, id },
    });
    expect(plain(filter['createdAt'])).toEqual({ $lte: at });
    expect(plain(filter['$or'])).toEqual([{ createdAt: { $lt: at } }, { _id: { $lt: id } }]);
  });

  it('resumes ascending pages above the cursor and keeps the tighter of cursor and from', () => {
    const later = new Date('2026-03-01T00:00:00.000Z');
    const { filter, sort } = buildInsightListQuery({
      userId,
      from: later,
      sort: 'createdAt',
      order: 'asc',
      after: { field: 'createdAt', order: 'asc', value: at, id },
    });
    expect(plain(filter['createdAt'])).toEqual({ $gte: later });
    expect(plain(filter['$or'])).toEqual([{ createdAt: { $gt: at } }, { _id: { $gt: id } }]);
    expect(sort).toEqual({ createdAt: 1, _id: 1 });
  });

  it('keeps its own operators through the global sanitizeFilter', () => {
    const { filter } = buildInsightListQuery({
      userId,
      tags: ['x'],
      to: at,
      sort: 'createdAt',
      order: 'desc',
      after: { field: 'createdAt', order: 'desc', value: at, id },
    });
    const sanitized = sanitizeFilter(filter);
    expect(plain(sanitized['tags'])).toEqual({ $all: ['x'] });
    expect(plain(sanitized['createdAt'])).toEqual({ $lte: at });
    expect(JSON.stringify(sanitized)).not.toContain('$eq');
  });
});
