import type { Model, Types } from 'mongoose';
import { groupedCalls } from '@insight/platform';
import { findByIds } from './find-by-ids';

/**
 * `findById` for a hot path that many jobs call at once: the reads made while one is in flight
 * go together as one `_id: { $in }` query (see groupedCalls). Null for an id that does not exist.
 */
export function groupedFindById<T extends { _id: Types.ObjectId }, D = unknown>(
  model: Model<D>,
  select?: Record<string, 0 | 1>,
): (id: Types.ObjectId) => Promise<T | null> {
  return groupedCalls<Types.ObjectId, T | null>(async (ids) => {
    const unique = new Map(ids.map((id) => [id.toHexString(), id]));
    const docs = await findByIds<T, D>(model, [...unique.values()], select ? { select } : {});
    const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
    return ids.map((id) => byId.get(id.toHexString()) ?? null);
  });
}
