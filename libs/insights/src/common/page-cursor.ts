import { Types } from 'mongoose';
import type { SortOrder } from '@insight/contracts';

/** Where a page ended: the last item's sort value and id, under the sort that produced it. */
export interface CursorPosition {
  field: string;
  order: SortOrder;
  value: Date;
  id: Types.ObjectId;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** An opaque cursor: base64url of the sort, the last sort value and the last `_id`. */
export function encodeCursor(position: CursorPosition): string {
  const payload = [position.field, position.order, position.value.toISOString(), position.id.toHexString()];
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/**
 * The position a cursor stands for, or null when it is not one of ours or was made for
 * another sort (resuming a createdAt page under updatedAt would skip or repeat items).
 */
export function decodeCursor(cursor: string, field: string, order: SortOrder): CursorPosition | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(payload) || payload.length !== 4) return null;
  const [cursorField, cursorOrder, value, id] = payload as unknown[];
  if (cursorField !== field || cursorOrder !== order) return null;
  if (typeof value !== 'string' || typeof id !== 'string' || !OBJECT_ID.test(id)) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== value) return null;
  return { field, order, value: date, id: new Types.ObjectId(id) };
}
