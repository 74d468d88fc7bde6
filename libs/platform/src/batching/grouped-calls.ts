import DataLoader from 'dataloader';

/** What a grouped call's batch function gives back: one result (or Error) per key, in key order. */
export type GroupedResults<V> = readonly (V | Error)[];

/**
 * Group commit for one kind of database or queue call: a call made while the previous batch of
 * its kind is in flight waits for it, then goes with every other call that arrived meanwhile in
 * one round trip. At idle a call goes at once (after the current I/O callbacks, so a convoy of
 * jobs that resumed together goes together); under load batches grow by themselves, so the
 * round trips per item fall exactly when they cost throughput. At most `maxBatch` keys a batch;
 * nothing is cached. A batch that throws fails each of its calls with that error.
 */
export function groupedCalls<K, V>(
  run: (keys: readonly K[]) => Promise<GroupedResults<V>>,
  maxBatch = 64,
): (key: K) => Promise<V> {
  let previous: Promise<unknown> = Promise.resolve();
  const loader = new DataLoader<K, V>(
    (keys) => {
      const batch = run(keys);
      previous = batch.catch(() => undefined);
      return batch;
    },
    {
      cache: false,
      maxBatchSize: maxBatch,
      batchScheduleFn: (dispatch) => void previous.then(() => setImmediate(dispatch)),
    },
  );
  return (key) => loader.load(key);
}
