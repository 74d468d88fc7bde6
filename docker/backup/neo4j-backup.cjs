// One Neo4j backup: APOC's Cypher export of the whole graph (schema, nodes, relationships),
// streamed over Bolt into $BACKUP_DIR/daily/neo4j-<time>.cypher.gz, then the 7/4/12 retention.
// Community edition has no online `neo4j-admin backup`, and `database dump` needs the
// database stopped; the export runs while Neo4j serves. Neo4j is a projection of MongoDB,
// so this archive only shortens a restore: the graph rebuild job can always replay MongoDB.
// Runs in the worker image, which carries neo4j-driver:
//   NODE_PATH=/app/node_modules node neo4j-backup.cjs
// Needs Neo4j's APOC core plugin (NEO4J_PLUGINS='["apoc"]'; it ships in the image's labs/).
// Environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, BACKUP_DIR (/backups).
'use strict';
const { execFileSync } = require('node:child_process');
const { createWriteStream, mkdirSync, renameSync, statSync } = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { createGzip } = require('node:zlib');
const neo4j = require('neo4j-driver');

const EXPORT = `CALL apoc.export.cypher.all(null, {
  stream: true, format: 'cypher-shell', batchSize: 1000,
  useOptimizations: {type: 'UNWIND_BATCH', unwindBatchSize: 100}
}) YIELD cypherStatements RETURN cypherStatements`;

async function* exportStatements(session) {
  for await (const record of session.run(EXPORT)) yield record.get('cypherStatements');
}

async function main() {
  const backupDir = process.env.BACKUP_DIR || '/backups';
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(backupDir, 'daily', `neo4j-${stamp}.cypher.gz`);
  mkdirSync(path.dirname(file), { recursive: true });

  const driver = neo4j.driver(
    process.env.NEO4J_URI || 'bolt://neo4j:7687',
    neo4j.auth.basic(process.env.NEO4J_USERNAME || 'neo4j', process.env.NEO4J_PASSWORD || ''),
  );
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    await pipeline(
      Readable.from(exportStatements(session)),
      createGzip(),
      createWriteStream(`${file}.partial`),
    );
  } finally {
    await session.close();
    await driver.close();
  }
  renameSync(`${file}.partial`, file);
  console.log(`neo4j-backup: wrote ${file} (${statSync(file).size} bytes)`);
  execFileSync('bash', [path.join(__dirname, 'gfs-rotate.sh'), backupDir, file], { stdio: 'inherit' });
}

main().catch((error) => {
  console.error(`neo4j-backup: ${error.message}`);
  process.exit(1);
});
