/**
 * Backup and restore of the local stack's MongoDB (every collection of the app's database).
 *
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/backup/backup.ts create [--dir=.data/backups]
 *   … tools/backup/backup.ts verify FILE
 *   … tools/backup/backup.ts restore FILE [--no-rebuild]
 *
 * `create` writes DIR/daily/insight-<UTC time>.backup.gz (gzipped JSON Lines with a manifest of
 * counts and SHA-256 checksums) and applies the 7 daily / 4 weekly / 12 monthly retention; DIR is
 * BACKUP_DIR unless --dir; the worker's nightly backup runs the same code (libs/tasks/src/backup).
 * `restore` checks the file against its manifest, refuses a database that holds documents,
 * restores, then queues a graph rebuild and follows it (tools/graph-rebuild; a worker must be
 * running). Reads the apps' configuration
 * (MONGODB_URI, REDIS_URL, QUEUE_PREFIX, …: environment, CONFIG_FILE or flags).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { loadConfigOrExit } from '@insight/platform';
import { createRotatedBackup, restoreBackup, verifyBackup } from '@insight/tasks';

const ROOT = resolve(__dirname, '../..');

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    strict: false,
    options: { dir: { type: 'string' }, 'no-rebuild': { type: 'boolean' } },
  });
  const [command, file] = positionals;
  const config = loadConfigOrExit();
  if (command === 'verify' && file) {
    const manifest = await verifyBackup(file);
    console.log(`${file} matches its manifest:`);
    for (const c of manifest.collections)
      console.log(`  ${c.name}: ${c.count} documents, sha256 ${c.sha256}`);
    return 0;
  }
  if (command !== 'create' && !(command === 'restore' && file)) {
    console.error('usage: backup.ts create [--dir=DIR] | verify FILE | restore FILE [--no-rebuild]');
    return 64;
  }
  const client = await MongoClient.connect(config.MONGODB_URI, { serverSelectionTimeoutMS: 5000 });
  try {
    const db = client.db();
    if (command === 'create') {
      const dir = resolve(typeof values['dir'] === 'string' ? values['dir'] : config.BACKUP_DIR);
      const { path, manifest, promoted, deleted } = await createRotatedBackup(db, dir);
      const total = manifest.collections.reduce((sum, c) => sum + c.count, 0);
      console.log(`wrote ${path}: ${manifest.collections.length} collections, ${total} documents`);
      for (const tier of promoted) console.log(`  also the ${tier} backup`);
      for (const file of deleted) console.log(`  deleted ${file} (retention)`);
      return 0;
    }
    const manifest = await restoreBackup(db, file);
    console.log(`restored ${file} into ${db.databaseName} (${manifest.collections.length} collections)`);
  } finally {
    await client.close();
  }
  if (values['no-rebuild']) {
    console.log('skipped the graph rebuild (--no-rebuild); run tools/graph-rebuild before using the graph');
    return 0;
  }
  // The projection in Neo4j must follow the restored documents.
  const rebuild = spawnSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      join(ROOT, 'tools/graph-rebuild/graph-rebuild.ts'),
      ...process.argv.slice(2).filter((a) => a.startsWith('--') && a !== '--no-rebuild'),
    ],
    { stdio: 'inherit', env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tools/tsconfig.json') } },
  );
  return rebuild.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
