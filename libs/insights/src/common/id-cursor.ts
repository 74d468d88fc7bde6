import { Types } from 'mongoose';

/** An opaque cursor for lists ordered by `_id` descending: base64url of the last item's id. */
export function encodeIdCursor(id: Types.ObjectId): string {
  return Buffer.from(id.toHexString(), 'hex').toString('base64url');
}

/** The id a cursor stands for, or null when it is not one of ours. */
export function decodeIdCursor(cursor: string): Types.ObjectId | null {
  if (!/^[A-Za-z0-9_-]{16}$/.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  return bytes.length === 12 ? new Types.ObjectId(bytes.toString('hex')) : null;
}
