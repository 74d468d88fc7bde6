/**
 * The api's Neo4j reads alone: the app's own search and traversal services, run in this process
 * as many at a time as the api's scenarios have connections, against the same Neo4j, with no
 * HTTP, authentication, MongoDB hydration or highlights. It is the graph benchmark's baseline for search and neighbourhood latency: a p99
 * the database alone does not reach on this machine, the api cannot reach either.
 */
import {
  createGraphDriver,
  GraphSearchService,
  GraphTraversalService,
  parseSearchQuery,
} from '@insight/graph';
import { GraphDatabase, loadConfig } from '@insight/platform';
import { percentile } from '../lib/percentile';

export interface AloneResult {
  completed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface Timing {
  /** Reads in flight at once. */
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
}

/** Runs `read(i)` for i = 0, 1, … `concurrency` at a time: `warmupSeconds` unmeasured, then `seconds`. */
async function closedLoop(
  read: (i: number) => Promise<unknown>,
  { concurrency, warmupSeconds, seconds }: Timing,
): Promise<AloneResult> {
  let next = 0;
  const run = async (forSeconds: number, times: number[] | null) => {
    const until = performance.now() + forSeconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          await read(next++);
          times?.push(performance.now() - started);
        }
      }),
    );
  };
  await run(warmupSeconds, null);
  const times: number[] = [];
  await run(seconds, times);
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    completed: times.length,
    requestsPerSecond: Math.round(times.length / seconds),
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
  };
}

/**
 * Each search scenario's texts and the neighbourhood's insight ids, read as the api reads them (page
 * of 20; depth 2, limit 200), with the configuration in `env` (the apps' own). Results are keyed by
 * the api scenario's name.
 */
export async function graphReadsAlone(
  env: NodeJS.ProcessEnv,
  userId: string,
  work: { searches: Record<string, string[]>; neighborhoods: { scenario: string; ids: string[] } },
  timing: Timing,
): Promise<Record<string, AloneResult>> {
  const config = loadConfig({ env: { ...process.env, ...env }, argv: [] });
  const driver = createGraphDriver(config);
  const database = new GraphDatabase(driver, config);
  const search = new GraphSearchService(database);
  const traversal = new GraphTraversalService(database);
  const results: Record<string, AloneResult> = {};
  try {
    for (const [scenario, texts] of Object.entries(work.searches)) {
      const queries = texts.map(parseSearchQuery);
      results[scenario] = await closedLoop(
        (i) => search.search(userId, queries[i % queries.length], { offset: 0, limit: 20 }),
        timing,
      );
    }
    const { scenario, ids } = work.neighborhoods;
    results[scenario] = await closedLoop(
      (i) => traversal.neighborhood(userId, ids[i % ids.length], { depth: 2, limit: 200 }),
      timing,
    );
  } finally {
    await driver.close();
  }
  return results;
}
