import { type Model, Types } from 'mongoose';

/** Lookups in flight at once: enough to hide round trips, few enough to leave the pool to others. */
const IN_FLIGHT = 32;

/** A condition checked on each document read: equality, `null` also matching a missing field. */
export type ByIdCondition = Types.ObjectId | string | number | boolean | null;

/**
 * The documents with these `_id`s that also meet `where`, in the order of `ids` (missing ones left
 * out), read by a lone `_id` equality each, `IN_FLIGHT` at a time, with `where` checked here.
 *
 * Why: FerretDB 1.24 (SQLite) answers a lone `_id` equality from its primary key, but scans the
 * whole collection for `_id: { $in }` (60 s for one id at 200,000 insights), and even `_id` with
 * further conditions costs it 3–30 times a lone `_id` under concurrency (42 lookups: 0.7–3 s lone,
 * 20–84 s with owner and trash). On MongoDB each is an `_id` index read. Meant for a few ids (a
 * page, a candidate list, a batch); for thousands one `$in` scan per slice costs FerretDB less.
 */
export async function findEachById<T, D = unknown>(
  model: Model<D>,
  ids: readonly unknown[],
  options: { where?: Record<string, ByIdCondition>; select?: Record<string, 0 | 1> } = {},
): Promise<T[]> {
  const where = Object.entries(options.where ?? {});
  // The fields `where` checks are read too when the caller selects fields.
  const select = options.select && {
    ...options.select,
    ...Object.fromEntries(where.map(([field]) => [field, 1 as const])),
  };
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += IN_FLIGHT) {
    const docs = await Promise.all(
      ids.slice(start, start + IN_FLIGHT).map((_id) => {
        const query = model.findOne({ _id } as never);
        return (select ? query.select(select) : query).lean<Record<string, unknown>>().exec();
      }),
    );
    for (const doc of docs) {
      if (doc && where.every(([field, expected]) => meets(doc[field], expected))) found.push(doc as T);
    }
  }
  return found;
}

function meets(actual: unknown, expected: ByIdCondition): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (expected instanceof Types.ObjectId) {
    const hex = (actual as { toHexString?: () => string } | null | undefined)?.toHexString;
    return typeof hex === 'function' && hex.call(actual) === expected.toHexString();
  }
  return actual === expected;
}
