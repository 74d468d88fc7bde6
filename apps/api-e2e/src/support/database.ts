import mongoose, { type Connection } from 'mongoose';
import { E2E_MONGODB_URI } from './apps';

/**
 * A connection to the database of the apps under test, to look at (and, for set-up only,
 * change) what the API stored. Close it in afterAll.
 */
export async function openDatabase(): Promise<Connection> {
  const uri = process.env[E2E_MONGODB_URI];
  if (!uri) throw new Error(`${E2E_MONGODB_URI} is not set; run the suite through its global setup`);
  return mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
}

/**
 * Fields the worker's graph sync writes on its own schedule (what the graph reflects): a
 * before/after comparison of what a request changed leaves them out.
 */
const GRAPH_SYNC_FIELDS = { graphVersion: 0, graphPendingSince: 0 } as const;
/** On insights the worker's analysis also writes its result and the status it sets. */
const WORKER_FIELDS: Record<string, Record<string, 0>> = {
  insights: { ...GRAPH_SYNC_FIELDS, analysis: 0, status: 0 },
};

/** Every document of `collection` matching `filter`, in a stable order, for before/after comparisons. */
export async function documentsOf(
  db: Connection,
  collection: string,
  filter: Record<string, unknown> = {},
): Promise<unknown[]> {
  return db
    .collection(collection)
    .find(filter, { projection: WORKER_FIELDS[collection] ?? GRAPH_SYNC_FIELDS })
    .sort({ _id: 1 })
    .toArray();
}
