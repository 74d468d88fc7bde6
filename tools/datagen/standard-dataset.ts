/**
 * The standard dataset every benchmark runs on (issue 9): one heavy user with 100,000 insights
 * and 300,000 typed relationships plus 10 users × 10,000 insights, in ONE database; in short mode
 * a small one of the same shape. Generated once and reused: a marker document written after the
 * last batch says which dataset a database holds, so an interrupted generation is redone and a
 * finished one is never generated twice.
 *
 *   node -r @swc-node/register tools/datagen/standard-dataset.ts [--short] [--regenerate]
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { generateData, type GenerationSummary } from './generate-data';

export type DatasetSize = 'short' | 'full';

export interface StandardDataset {
  /** `short` or `full` for the standard ones; other names for one-off sizes (graph.ts --profile medium). */
  size: string;
  database: string;
  bigUserInsights: number;
  bigUserRelationships: number;
  users: number;
  insightsPerUser: number;
}

export const STANDARD_DATASETS: Record<DatasetSize, StandardDataset> = {
  short: {
    size: 'short',
    database: 'insight-bench-standard-short',
    bigUserInsights: 5_000,
    bigUserRelationships: 15_000,
    users: 2,
    insightsPerUser: 1_000,
  },
  full: {
    size: 'full',
    database: 'insight-bench-standard',
    bigUserInsights: 100_000,
    bigUserRelationships: 300_000,
    users: 10,
    insightsPerUser: 10_000,
  },
};

/** Seed and end date of the standard data: same values, same data. */
const SEED = 42;
const UNTIL = new Date('2026-06-01T00:00:00.000Z');
/** Documents per insertMany: big batches, one in flight while the next is built. */
const BATCH = 10_000;
const MARKER_COLLECTION = 'datagen';
const MARKER_ID = 'standard-dataset';

export function totalInsights(dataset: StandardDataset): number {
  return dataset.bigUserInsights + dataset.users * dataset.insightsPerUser;
}

/** The dataset's MongoDB URI: `base` (any database) with the dataset's database name. */
export function datasetUri(dataset: StandardDataset, base: string): string {
  const uri = new URL(base);
  uri.pathname = `/${dataset.database}`;
  return uri.toString();
}

/** What the marker records; a database is reused only when it matches exactly. */
function specOf(dataset: StandardDataset) {
  return {
    bigUserInsights: dataset.bigUserInsights,
    bigUserRelationships: dataset.bigUserRelationships,
    users: dataset.users,
    insightsPerUser: dataset.insightsPerUser,
    seed: SEED,
    until: UNTIL.toISOString(),
  };
}

/**
 * Makes sure the database at `mongodbUri` holds the dataset: reuses it when its marker matches,
 * otherwise drops it and generates it (bulk insertMany, relationships included, with progress).
 * Returns the URI.
 */
export async function ensureStandardDataset(
  dataset: StandardDataset,
  mongodbUri: string,
  options: { regenerate?: boolean; log?: (line: string) => void } = {},
): Promise<{ mongodbUri: string; reused: boolean; summary?: GenerationSummary }> {
  const log = options.log ?? ((line: string) => console.log(`[dataset] ${line}`));
  const spec = specOf(dataset);
  const connection = await mongoose.createConnection(mongodbUri).asPromise();
  try {
    const markers = connection.collection<{ _id: string; spec: unknown; generatedAt: Date; seconds: number }>(
      MARKER_COLLECTION,
    );
    const marker = await markers.findOne({ _id: MARKER_ID });
    if (!options.regenerate && marker && JSON.stringify(marker.spec) === JSON.stringify(spec)) {
      log(
        `reusing ${dataset.database} (${dataset.size}): ${totalInsights(dataset).toLocaleString('en')} insights, ` +
          `${dataset.bigUserRelationships.toLocaleString('en')} relationships, generated ${marker.generatedAt.toISOString()}`,
      );
      return { mongodbUri, reused: true };
    }
    log(
      `generating ${dataset.database} (${dataset.size}): ${dataset.bigUserInsights.toLocaleString('en')} insights ` +
        `and ${dataset.bigUserRelationships.toLocaleString('en')} relationships for one user, plus ` +
        `${dataset.users} × ${dataset.insightsPerUser.toLocaleString('en')} insights…`,
    );
    const summary = await generateData({
      mongodbUri,
      seed: SEED,
      bigUserInsights: dataset.bigUserInsights,
      bigUserRelationships: dataset.bigUserRelationships,
      users: dataset.users,
      insightsPerUser: dataset.insightsPerUser,
      batchSize: BATCH,
      reset: true,
      until: UNTIL,
      log: (line) => log(line.trim()),
    });
    // Written last: a generation cut short leaves no marker and is redone next time.
    await markers.replaceOne(
      { _id: MARKER_ID },
      { spec, generatedAt: new Date(), seconds: summary.seconds },
      { upsert: true },
    );
    log(
      `generated ${dataset.database} in ${summary.seconds.toFixed(1)} s ` +
        `(${summary.insightsPerSecond.toLocaleString('en')} insights/s)`,
    );
    return { mongodbUri, reused: false, summary };
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      'mongodb-base': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-tracker',
      },
    },
  });
  const dataset = STANDARD_DATASETS[values.short ? 'short' : 'full'];
  ensureStandardDataset(dataset, datasetUri(dataset, values['mongodb-base']), {
    regenerate: values.regenerate,
  }).then(
    ({ mongodbUri }) => console.log(mongodbUri.replace(/\/\/[^@/]*@/, '//')),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
