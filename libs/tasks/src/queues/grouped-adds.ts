import type { JobsOptions, Queue } from 'bullmq';
import { groupedCalls } from '@insight/platform';

/** A job as `Queue.add` takes it. */
export interface QueuedJob<T> {
  name: string;
  data: T;
  opts?: JobsOptions;
}

/**
 * `Queue.add` for jobs that many concurrent jobs queue (one per analysis, one per event): the
 * adds made while one is in flight go together as one `addBulk` round trip (see groupedCalls).
 * A failed bulk fails each of its adds.
 */
export function groupedAdds<T>(queue: Queue<T>): (job: QueuedJob<T>) => Promise<void> {
  return groupedCalls<QueuedJob<T>, void>(async (jobs) => {
    await queue.addBulk(jobs as QueuedJob<T>[] as never);
    return jobs.map(() => undefined);
  });
}
