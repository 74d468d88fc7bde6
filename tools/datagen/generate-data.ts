/**
 * Bulk data generator: users, categories and insights written straight into MongoDB in
 * batches (insertMany), never one HTTP call each. Deterministic for a given seed.
 *
 *   node -r @swc-node/register tools/datagen/generate-data.ts --reset \
 *     --big-user-insights 100000 --users 10 --insights-per-user 10000
 *
 * See tools/datagen/README.md for every option.
 */
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import mongoose, { type Connection, Types } from 'mongoose';
import {
  CategoryEntity,
  categoryNameKey,
  CategorySchema,
  DEFAULT_CATEGORIES,
  InsightEntity,
  InsightSchema,
  RelationshipEntity,
  RelationshipSchema,
  User,
  UserSchema,
} from '@insight/insights';
import { RELATIONSHIP_VOCABULARY } from '@insight/contracts';
import { generateText } from './corpus';
import { deriveSeed, SeededRandom } from './random';

export interface GenerateOptions {
  mongodbUri: string;
  seed: number;
  /** Insights of user 0, the heavy user. */
  bigUserInsights: number;
  /** Further users, each with `insightsPerUser` insights. */
  users: number;
  insightsPerUser: number;
  /** Typed relationships among the heavy user's insights outside the trash (0 for none). */
  bigUserRelationships?: number;
  batchSize: number;
  /** Drop the database first (only allowed for databases named like a bench or datagen one). */
  reset: boolean;
  /** Inclusive end of the createdAt range; data spans the two years before it. */
  until: Date;
  log?: (line: string) => void;
}

export interface GeneratedUser {
  id: string;
  email: string;
  insights: number;
}

export interface GenerationSummary {
  database: string;
  password: string;
  users: GeneratedUser[];
  insights: number;
  relationships: number;
  seconds: number;
  insightsPerSecond: number;
}

/** Every generated account signs in with this password. */
export const GENERATED_PASSWORD = 'insight-bench-password';
const SPAN_MS = 2 * 365 * 24 * 3600 * 1000;
const EXTRA_CATEGORIES = [
  { name: 'Reading', colour: '#0ea5e9', icon: 'menu_book' },
  { name: 'Health', colour: '#ef4444', icon: 'favorite' },
];

export function generatedEmail(index: number): string {
  return `datagen-${index}@bench.example.com`;
}

/** An ObjectId whose timestamp is `at` and whose other bytes come from the seeded stream. */
function objectIdAt(random: SeededRandom, at: Date): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(at.getTime() / 1000), 0);
  random.bytes(8).copy(bytes, 4);
  return new Types.ObjectId(bytes);
}

function databaseName(uri: string): string {
  return new URL(uri).pathname.replace(/^\//, '') || 'test';
}

export async function generateData(options: GenerateOptions): Promise<GenerationSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = databaseName(options.mongodbUri);
  if (options.reset && !/bench|datagen/.test(database)) {
    throw new Error(
      `refusing to drop "${database}": --reset only drops databases whose name contains bench or datagen`,
    );
  }
  const connection = await mongoose.createConnection(options.mongodbUri, { autoIndex: false }).asPromise();
  try {
    if (options.reset) await connection.dropDatabase();
    const started = Date.now();
    const passwordHash = await hash(GENERATED_PASSWORD);
    const plan = [
      options.bigUserInsights,
      ...Array.from({ length: options.users }, () => options.insightsPerUser),
    ];
    const users: GeneratedUser[] = [];
    let written = 0;
    let relationships = 0;
    for (const [index, count] of plan.entries()) {
      const user = await writeUser(connection, options, index, passwordHash);
      const categories = await writeCategories(connection, options, index, user._id);
      const active = await writeInsights(connection, options, index, user._id, categories, count, (n) => {
        written += n;
        const seconds = (Date.now() - started) / 1000;
        log(
          `  ${written.toLocaleString('en')} insights written (${Math.round(written / seconds).toLocaleString('en')}/s)`,
        );
      });
      users.push({ id: user._id.toHexString(), email: user.email, insights: count });
      if (index === 0 && (options.bigUserRelationships ?? 0) > 0) {
        relationships = await writeRelationships(connection, options, user._id, active, log);
      }
    }
    log('  creating indexes…');
    await createIndexes(connection);
    const seconds = (Date.now() - started) / 1000;
    return {
      database,
      password: GENERATED_PASSWORD,
      users,
      insights: written,
      relationships,
      seconds,
      insightsPerSecond: Math.round(written / seconds),
    };
  } finally {
    await connection.close();
  }
}

async function writeUser(
  connection: Connection,
  options: GenerateOptions,
  index: number,
  passwordHash: string,
) {
  const random = new SeededRandom(deriveSeed(options.seed, `user-${index}`));
  const createdAt = new Date(options.until.getTime() - SPAN_MS - 86_400_000);
  const user = {
    _id: objectIdAt(random, createdAt),
    email: generatedEmail(index),
    passwordHash,
    displayName: index === 0 ? 'Heavy Bench User' : `Bench User ${index}`,
    role: 'user',
    createdAt,
    updatedAt: createdAt,
    __v: 0,
  };
  await connection.collection('users').insertOne(user);
  return user;
}

async function writeCategories(
  connection: Connection,
  options: GenerateOptions,
  index: number,
  userId: Types.ObjectId,
): Promise<Types.ObjectId[]> {
  const random = new SeededRandom(deriveSeed(options.seed, `categories-${index}`));
  const at = new Date(options.until.getTime() - SPAN_MS - 86_400_000);
  const docs = [...DEFAULT_CATEGORIES, ...EXTRA_CATEGORIES].map((category) => ({
    _id: objectIdAt(random, at),
    userId,
    ...category,
    nameKey: categoryNameKey(category.name),
    createdAt: at,
    updatedAt: at,
  }));
  await connection.collection('categories').insertMany(docs);
  return docs.map((doc) => doc._id);
}

async function writeInsights(
  connection: Connection,
  options: GenerateOptions,
  index: number,
  userId: Types.ObjectId,
  categories: Types.ObjectId[],
  count: number,
  progress: (written: number) => void,
): Promise<Types.ObjectId[]> {
  const random = new SeededRandom(deriveSeed(options.seed, `insights-${index}`));
  const insights = connection.collection('insights');
  const start = options.until.getTime() - SPAN_MS;
  let pending: Promise<unknown> | undefined;
  const active: Types.ObjectId[] = [];
  for (let offset = 0; offset < count; offset += options.batchSize) {
    const size = Math.min(options.batchSize, count - offset);
    const batch = Array.from({ length: size }, (_, i) => {
      // Evenly spread over two years, oldest first, with a little jitter.
      const createdAt = new Date(start + ((offset + i + random.next()) / count) * SPAN_MS);
      const edited = random.chance(0.3);
      const updatedAt = edited
        ? new Date(
            Math.min(options.until.getTime(), createdAt.getTime() + random.int(60, 90 * 86_400) * 1000),
          )
        : createdAt;
      const text = generateText(random);
      const version = edited ? random.int(2, 6) : 1;
      return {
        _id: objectIdAt(random, createdAt),
        userId,
        ...text,
        categoryId: random.chance(0.7) ? random.pickSkewed(categories) : null,
        sourceType: random.chance(0.85) ? 'text' : random.chance(0.6) ? 'voice' : 'import',
        favorite: random.chance(0.1),
        importance: Math.round(random.next() * 100) / 100,
        status: random.chance(0.95) ? 'processed' : 'pending',
        analysis: null,
        version,
        // Generated data counts as already projected into the graph.
        graphVersion: version,
        deletedAt: random.chance(0.02) ? updatedAt : null,
        createdAt,
        updatedAt,
      };
    });
    for (const doc of batch) if (!doc.deletedAt) active.push(doc._id);
    // One batch in flight while the next is built keeps the database busy without piling up memory.
    await pending;
    pending = insights.insertMany(batch, { ordered: false }).then(() => progress(size));
  }
  await pending;
  return active;
}

const STORED_TYPES = RELATIONSHIP_VOCABULARY.filter((info) => info.canonical).map((info) => info.type);

/**
 * Typed relationships among `insights`, in bulk: mostly between insights written close together
 * (a few hubs and local chains, as people link what they wrote that week) and some at random. No
 * self-loops, and no pair linked twice in either direction, so no duplicate or mirrored edge.
 * Like the insights, they count as already projected.
 */
async function writeRelationships(
  connection: Connection,
  options: GenerateOptions,
  userId: Types.ObjectId,
  insights: Types.ObjectId[],
  log: (line: string) => void,
): Promise<number> {
  const random = new SeededRandom(deriveSeed(options.seed, 'relationships-0'));
  const n = insights.length;
  const wanted = Math.min(options.bigUserRelationships ?? 0, Math.floor((n * (n - 1)) / 2));
  const collection = connection.collection('relationships');
  const seen = new Set<number>();
  const started = Date.now();
  let queued = 0;
  let written = 0;
  let pending: Promise<unknown> | undefined;
  while (queued < wanted) {
    const size = Math.min(options.batchSize, wanted - queued);
    queued += size;
    const batch: Record<string, unknown>[] = [];
    while (batch.length < size) {
      const a = random.int(0, n - 1);
      const b = random.chance(0.8)
        ? Math.min(n - 1, Math.max(0, a + random.int(-50, 50)))
        : random.int(0, n - 1);
      if (a === b) continue;
      const key = Math.min(a, b) * n + Math.max(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      const createdAt = new Date(
        Math.max(insights[a].getTimestamp().getTime(), insights[b].getTimestamp().getTime()),
      );
      batch.push({
        _id: objectIdAt(random, createdAt),
        userId,
        sourceId: insights[a],
        targetId: insights[b],
        type: random.pickSkewed(STORED_TYPES),
        strength: Math.round(random.next() * 100) / 100,
        note: null,
        createdBy: random.chance(0.8) ? 'user' : 'system',
        version: 1,
        graphVersion: 1,
        createdAt,
        updatedAt: createdAt,
      });
    }
    await pending;
    pending = collection.insertMany(batch, { ordered: false }).then(() => {
      written += size;
      const seconds = (Date.now() - started) / 1000;
      log(
        `  ${written.toLocaleString('en')} relationships written (${Math.round(written / seconds).toLocaleString('en')}/s)`,
      );
    });
  }
  await pending;
  return written;
}

/** The indexes the app declares (built after the bulk load, which is faster than maintaining them). */
async function createIndexes(connection: Connection): Promise<void> {
  await connection.model(User.name, UserSchema).createIndexes();
  await connection.model(CategoryEntity.name, CategorySchema).createIndexes();
  await connection.model(InsightEntity.name, InsightSchema).createIndexes();
  await connection.model(RelationshipEntity.name, RelationshipSchema).createIndexes();
}

function parseOptions(argv: string[]): GenerateOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'mongodb-uri': {
        type: 'string',
        default: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/insight-bench',
      },
      seed: { type: 'string', default: '42' },
      'big-user-insights': { type: 'string', default: '100000' },
      users: { type: 'string', default: '10' },
      'insights-per-user': { type: 'string', default: '10000' },
      'big-user-relationships': { type: 'string', default: '0' },
      'batch-size': { type: 'string', default: '5000' },
      until: { type: 'string', default: '2026-06-01T00:00:00.000Z' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Options: --mongodb-uri --seed --big-user-insights --users --insights-per-user --big-user-relationships --batch-size --until --reset',
    );
    process.exit(0);
  }
  const integer = (name: string, value: string, min: number): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min)
      throw new Error(`--${name} must be an integer ≥ ${min} (got ${value})`);
    return parsed;
  };
  const until = new Date(values.until);
  if (Number.isNaN(until.getTime()))
    throw new Error(`--until must be an ISO 8601 date (got ${values.until})`);
  return {
    mongodbUri: values['mongodb-uri'],
    seed: integer('seed', values.seed, 0),
    bigUserInsights: integer('big-user-insights', values['big-user-insights'], 0),
    users: integer('users', values.users, 0),
    insightsPerUser: integer('insights-per-user', values['insights-per-user'], 0),
    bigUserRelationships: integer('big-user-relationships', values['big-user-relationships'], 0),
    batchSize: integer('batch-size', values['batch-size'], 1),
    reset: values.reset,
    until,
  };
}

if (require.main === module) {
  generateData(parseOptions(process.argv.slice(2)))
    .then((summary) => {
      console.log(
        `Wrote ${summary.users.length} users, ${summary.insights.toLocaleString('en')} insights and ` +
          `${summary.relationships.toLocaleString('en')} relationships to ${summary.database} ` +
          `in ${summary.seconds.toFixed(1)} s (${summary.insightsPerSecond.toLocaleString('en')} insights/s).`,
      );
      console.log(
        `Sign in as ${summary.users[0]?.email ?? '-'} (and datagen-N@…) with password "${summary.password}".`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
