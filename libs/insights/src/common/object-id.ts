import { Types } from 'mongoose';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * The ObjectId an id from a URL or body stands for, or null when it cannot be one.
 * Stricter than `Types.ObjectId.isValid`, which also accepts any 12-character string.
 */
export function parseObjectId(id: string): Types.ObjectId | null {
  return OBJECT_ID.test(id) ? new Types.ObjectId(id) : null;
}

/** The ObjectId of the signed-in user (ids are minted by the users collection). */
export function userObjectId(userId: string): Types.ObjectId {
  const id = parseObjectId(userId);
  if (!id) throw new Error(`User id ${JSON.stringify(userId)} is not an ObjectId`);
  return id;
}
