import type { QueryFilter, Model } from 'mongoose';

/** Lookups in flight at once: enough to hide round trips, few enough to leave the pool to others. */
const IN_FLIGHT = 32;

/**
 * The documents with these `_id`s that also match `filter`, in the order of `ids` (missing ones
 * left out), read by one `_id` equality each, `IN_FLIGHT` at a time.
 *
 * Why not `{ _id: { $in: ids } }`: FerretDB 1.24 (SQLite) answers a filter holding an `_id`
 * equality from its primary key, but scans the whole collection for `_id: { $in }` (measured:
 * 60 s for one id at 200,000 insights, against 13–40 ms for `{ _id, version: { $lt } }`). On
 * MongoDB both use the `_id` index.
 */
export async function findEachById<T, D = unknown>(
  model: Model<D>,
  ids: readonly unknown[],
  options: { filter?: Record<string, unknown>; select?: Record<string, 0 | 1> } = {},
): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += IN_FLIGHT) {
    const docs = await Promise.all(
      ids.slice(start, start + IN_FLIGHT).map((_id) => {
        const query = model.findOne({ ...options.filter, _id } as QueryFilter<D>);
        return (options.select ? query.select(options.select) : query).lean<T>().exec();
      }),
    );
    for (const doc of docs) if (doc) found.push(doc as T);
  }
  return found;
}
