import { type Model, trusted, Types } from 'mongoose';

/** Ids per query: one `$in` each keeps a query's size bounded however many ids are asked for. */
const IDS_PER_QUERY = 1000;

/** A condition on a field beside the ids: equality, `null` also matching a missing field. */
type ByIdCondition = Types.ObjectId | string | number | boolean | null;

/**
 * The documents with these `_id`s that also meet `where`, in the order of `ids` (missing ones left
 * out): one `_id: { $in }` query per slice, served by the `_id` index (on the local FerretDB too:
 * tools/stack/ferretdb-patches make it answer `_id` and `$in` of `_id`s from the index).
 */
export async function findByIds<T, D = unknown>(
  model: Model<D>,
  ids: readonly unknown[],
  options: { where?: Record<string, ByIdCondition>; select?: Record<string, 0 | 1> } = {},
): Promise<T[]> {
  const byId = new Map<string, T>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const query = model.find({
      ...options.where,
      _id: trusted({ $in: ids.slice(start, start + IDS_PER_QUERY) }),
    } as never);
    const docs = await (options.select ? query.select(options.select) : query)
      .lean<(T & { _id: unknown })[]>()
      .exec();
    for (const doc of docs) byId.set(String(doc._id), doc);
  }
  return ids.flatMap((id) => byId.get(String(id)) ?? []);
}
