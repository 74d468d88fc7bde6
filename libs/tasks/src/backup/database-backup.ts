import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { BSON, type Db, type Document, type IndexDescriptionInfo } from 'mongodb';

/**
 * Format of a backup file: gzipped JSON Lines. Line 1 `{"record":"header",...}`; per collection
 * a `{"record":"collection","name","indexes"}` line followed by one `{"d": <canonical EJSON>}`
 * line per document (types kept: ObjectId, Date, …); last a `{"record":"manifest"}` line with
 * each collection's document count and the SHA-256 of its document lines. gzip's CRC catches a
 * damaged file, the manifest a truncated or edited one; restore checks both before writing.
 */
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupCollection {
  name: string;
  count: number;
  sha256: string;
}

export interface BackupManifest {
  record: 'manifest';
  formatVersion: number;
  database: string;
  createdAt: string;
  collections: BackupCollection[];
}

const BATCH = 1000;

class GzipLineWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<unknown[]>;

  constructor(path: string) {
    const file = createWriteStream(path);
    this.gzip.pipe(file);
    this.done = once(file, 'close');
  }

  async line(text: string): Promise<void> {
    if (!this.gzip.write(`${text}\n`)) await once(this.gzip, 'drain');
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.done;
  }
}

async function* linesOf(path: string): AsyncGenerator<string> {
  const input = createReadStream(path).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line) yield line;
}

/** The collections of `db` that hold the app's data (everything but system collections). */
async function collectionNames(db: Db): Promise<string[]> {
  const list = await db.listCollections({}, { nameOnly: true }).toArray();
  return list
    .map((c) => c.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
}

/**
 * Writes every collection of `db` to `path` (streamed with one cursor per collection, in `_id`
 * order, flat memory) and returns the manifest. The file appears under its name only once
 * complete.
 */
export async function writeBackup(db: Db, path: string): Promise<BackupManifest> {
  const partial = `${path}.partial`;
  const out = new GzipLineWriter(partial);
  try {
    const createdAt = new Date().toISOString();
    await out.line(
      JSON.stringify({
        record: 'header',
        formatVersion: BACKUP_FORMAT_VERSION,
        database: db.databaseName,
        createdAt,
      }),
    );
    const collections: BackupCollection[] = [];
    for (const name of await collectionNames(db)) {
      const indexes = (await db.collection(name).listIndexes().toArray()) as IndexDescriptionInfo[];
      await out.line(JSON.stringify({ record: 'collection', name, indexes }));
      const hash = createHash('sha256');
      let count = 0;
      for await (const doc of db.collection(name).find({}).sort({ _id: 1 }).batchSize(BATCH)) {
        const line = JSON.stringify({ d: BSON.EJSON.serialize(doc, { relaxed: false }) });
        hash.update(`${line}\n`);
        await out.line(line);
        count += 1;
      }
      collections.push({ name, count, sha256: hash.digest('hex') });
    }
    const manifest: BackupManifest = {
      record: 'manifest',
      formatVersion: BACKUP_FORMAT_VERSION,
      database: db.databaseName,
      createdAt,
      collections,
    };
    await out.line(JSON.stringify(manifest));
    await out.close();
    await rename(partial, path);
    return manifest;
  } catch (error) {
    await out.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/** Reads a backup through and checks it against its manifest; throws naming what is wrong. */
export async function verifyBackup(path: string): Promise<BackupManifest> {
  const seen: BackupCollection[] = [];
  let current: { name: string; count: number; hash: ReturnType<typeof createHash> } | null = null;
  let manifest: BackupManifest | null = null;
  const close = () => {
    if (current) seen.push({ name: current.name, count: current.count, sha256: current.hash.digest('hex') });
    current = null;
  };
  let first = true;
  for await (const line of linesOf(path)) {
    if (first) {
      const header = JSON.parse(line) as { record?: string; formatVersion?: number };
      if (header.record !== 'header' || header.formatVersion !== BACKUP_FORMAT_VERSION) {
        throw new Error(`${path} is not an Insight Tracker backup of format ${BACKUP_FORMAT_VERSION}`);
      }
      first = false;
      continue;
    }
    if (line.startsWith('{"d":')) {
      if (!current) throw new Error('a document line before any collection line');
      current.hash.update(`${line}\n`);
      current.count += 1;
      continue;
    }
    const record = JSON.parse(line) as { record: string; name?: string };
    close();
    if (record.record === 'collection')
      current = { name: record.name ?? '', count: 0, hash: createHash('sha256') };
    if (record.record === 'manifest') manifest = record as unknown as BackupManifest;
  }
  close();
  if (!manifest) throw new Error(`${path} has no manifest: it was cut short`);
  const expected = JSON.stringify(manifest.collections);
  if (JSON.stringify(seen) !== expected) {
    throw new Error(`${path} does not match its manifest (counts or checksums differ)`);
  }
  return manifest;
}

/**
 * Restores a verified backup into `db`, which must hold no documents (restore never merges):
 * indexes first, then the documents in batches of insertMany.
 */
export async function restoreBackup(db: Db, path: string): Promise<BackupManifest> {
  const manifest = await verifyBackup(path);
  for (const name of await collectionNames(db)) {
    if ((await db.collection(name).estimatedDocumentCount()) > 0) {
      throw new Error(
        `database ${db.databaseName} is not empty (collection ${name} has documents); restore only into an empty database`,
      );
    }
  }
  let collection: string | null = null;
  let batch: Document[] = [];
  const flush = async () => {
    if (collection && batch.length > 0) await db.collection(collection).insertMany(batch, { ordered: true });
    batch = [];
  };
  let first = true;
  for await (const line of linesOf(path)) {
    if (first) {
      first = false;
      continue;
    }
    if (line.startsWith('{"d":')) {
      batch.push(
        BSON.EJSON.deserialize((JSON.parse(line) as { d: Document }).d, { relaxed: false }) as Document,
      );
      if (batch.length >= BATCH) await flush();
      continue;
    }
    await flush();
    const record = JSON.parse(line) as { record: string; name?: string; indexes?: IndexDescriptionInfo[] };
    if (record.record !== 'collection' || !record.name) continue;
    collection = record.name;
    await db.createCollection(collection).catch(() => undefined);
    for (const { key, name, v: _v, ns: _ns, ...options } of record.indexes ?? []) {
      if (name === '_id_') continue;
      await db.collection(collection).createIndex(key, { ...options, name });
    }
  }
  await flush();
  return manifest;
}
