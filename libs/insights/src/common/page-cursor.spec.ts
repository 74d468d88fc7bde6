import { Types } from 'mongoose';
import { decodeCursor, encodeCursor } from './page-cursor';

describe('page cursor', () => {
  const id = new Types.ObjectId('65f000000000000000000001');
  const value = new Date('2026-03-01T10:20:30.456Z');

  it('round-trips the sort value and id', () => {
    const cursor = encodeCursor({ field: 'createdAt', order: 'desc', value, id });
    const position = decodeCursor(cursor, 'createdAt', 'desc');
    expect(position?.value.toISOString()).toBe(value.toISOString());
    expect(position?.id.toHexString()).toBe(id.toHexString());
  });

  it('is URL-safe and opaque', () => {
    const cursor = encodeCursor({ field: 'updatedAt', order: 'asc', value, id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('updatedAt');
  });

  it('refuses a cursor made for another sort field or order', () => {
    const cursor = encodeCursor({ field: 'createdAt', order: 'desc', value, id });
    expect(decodeCursor(cursor, 'updatedAt', 'desc')).toBeNull();
    expect(decodeCursor(cursor, 'createdAt', 'asc')).toBeNull();
  });

  const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['an object', forge({ field: 'createdAt' })],
    ['a bad date', forge(['createdAt', 'desc', 'yesterday', id.toHexString()])],
    ['a bad id', forge(['createdAt', 'desc', value.toISOString(), 'zz'])],
    ['an operator for an id', forge(['createdAt', 'desc', value.toISOString(), { $gt: '' }])],
    ['too long', 'a'.repeat(201)],
    ['empty', ''],
  ])('refuses %s', (_what, cursor) => {
    expect(decodeCursor(cursor, 'createdAt', 'desc')).toBeNull();
  });
});
