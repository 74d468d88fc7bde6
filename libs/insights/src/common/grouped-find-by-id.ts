import type { Model } from 'mongoose';
import { groupedCalls } from '@insight/platform';
import { findByIds } from './find-by-ids';

/** Ids one grouped read asks for at most (findByIds' slice). */
const IDS_PER_READ = 1000;

/**
 * `findById` for a hot path that many jobs call at once: the reads made while one is in flight
 * go together as one `_id: { $in }` query (see groupedCalls). Null for an id that does not exist.
 * Ownership and other conditions are the caller's to check on what comes back.
 */
export function groupedFindById<T extends { _id: unknown }, D = unknown, K = T['_id']>(
  model: Model<D>,
  select?: Record<string, 0 | 1>,
): (id: K) => Promise<T | null> {
  return groupedCalls<K, T | null>(async (ids) => {
    const unique = new Map(ids.map((id) => [String(id), id]));
    const docs = await findByIds<T, D>(model, [...unique.values()], select ? { select } : {});
    const byId = new Map(docs.map((doc) => [String(doc._id), doc]));
    return ids.map((id) => byId.get(String(id)) ?? null);
  }, IDS_PER_READ);
}
