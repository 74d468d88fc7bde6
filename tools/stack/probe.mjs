// Answers whether one stack service serves a real request (exit 0) or not (exit 1).
// Used by stack.sh; the drivers come from the workspace's node_modules.
import { MongoClient } from 'mongodb';
import neo4j from 'neo4j-driver';

const [service, mongoUri, neo4jUri, neo4jUser, neo4jPassword] = process.argv.slice(2);

async function probeMongo() {
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 1500, connectTimeoutMS: 1500 });
  try {
    await client.connect();
    const collection = client.db().collection('_stack_probe');
    await collection.updateOne({ _id: 'probe' }, { $set: { at: new Date() } }, { upsert: true });
    const doc = await collection.findOne({ _id: 'probe' });
    if (!doc) throw new Error('probe document not read back');
  } finally {
    await client.close();
  }
}

async function probeNeo4j() {
  const driver = neo4j.driver(neo4jUri, neo4j.auth.basic(neo4jUser, neo4jPassword), {
    connectionTimeout: 1500,
    maxConnectionRetryTime: 1500,
  });
  try {
    const { records } = await driver.executeQuery('RETURN 1 AS ok');
    if (records[0].get('ok').toNumber() !== 1) throw new Error('unexpected answer');
  } finally {
    await driver.close();
  }
}

try {
  if (service === 'ferretdb') await probeMongo();
  else if (service === 'neo4j') await probeNeo4j();
  else throw new Error(`unknown service ${service}`);
  process.exit(0);
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}
