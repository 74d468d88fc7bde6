// Initiates the replica set and creates the application and backup users. Idempotent:
// run it after every start (docker-compose.prod.yml's mongo-init, the Kubernetes Job
// mongodb-init; k8s/base/mongodb keeps a copy and a check keeps the two equal).
//   mongosh --nodb --quiet init-replica-set.js
// Environment (passwords never appear on a command line):
//   MONGO_HOST              member to connect to first (mongo:27017)
//   MONGO_ROOT_USERNAME / MONGO_ROOT_PASSWORD       the root user of the image's initdb step
//   MONGO_REPLICA_SET       replica set name (rs0)
//   MONGO_MEMBERS           comma-separated host:port of every member, first one preferred
//   MONGO_APP_DATABASE      database of the apps (insight-tracker)
//   MONGO_APP_USERNAME / MONGO_APP_PASSWORD         readWrite on that database
//   MONGO_BACKUP_USERNAME / MONGO_BACKUP_PASSWORD   backup + restore roles (mongodump)
// Indexes are the apps' job, not this script's.
const env = process.env;
const replicaSet = env.MONGO_REPLICA_SET || 'rs0';
const members = (env.MONGO_MEMBERS || 'mongo:27017')
  .split(',')
  .map((host) => host.trim())
  .filter(Boolean);
const appDatabase = env.MONGO_APP_DATABASE || 'insight-tracker';

function required(name) {
  if (!env[name]) throw new Error(`init-replica-set: ${name} is not set`);
  return env[name];
}

/** Connects (as root) to one member directly, retrying while it starts: 2 minutes at most. */
function connectTo(host) {
  for (let attempt = 1; ; attempt++) {
    try {
      const database = connect(`mongodb://${host}/admin?directConnection=true&serverSelectionTimeoutMS=2000`);
      database.auth(env.MONGO_ROOT_USERNAME || 'root', required('MONGO_ROOT_PASSWORD'));
      database.adminCommand({ ping: 1 });
      return database;
    } catch (error) {
      if (attempt >= 60) throw new Error(`init-replica-set: cannot reach ${host}: ${error.message}`);
      print(`waiting for ${host} (${error.message})`);
      sleep(2000);
    }
  }
}

db = connectTo(env.MONGO_HOST || members[0]);

function replicaSetStatus() {
  try {
    return db.adminCommand({ replSetGetStatus: 1 });
  } catch (error) {
    if (error.codeName === 'NotYetInitialized' || error.code === 94) return null;
    throw error;
  }
}

if (replicaSetStatus() === null) {
  const config = {
    _id: replicaSet,
    members: members.map((host, index) => ({ _id: index, host, priority: index === 0 ? 2 : 1 })),
  };
  print(`initiating replica set ${replicaSet} with ${members.join(', ')}`);
  db.adminCommand({ replSetInitiate: config });
} else {
  print(`replica set ${replicaSet} already initiated`);
}

// Users are written on the primary: wait until this member is it (or another is).
for (let attempt = 0; ; attempt++) {
  const hello = db.adminCommand({ hello: 1 });
  if (hello.isWritablePrimary) break;
  if (hello.primary && attempt > 5) {
    print(`primary is ${hello.primary}; reconnecting there`);
    db = connectTo(hello.primary);
    continue;
  }
  if (attempt > 120) throw new Error('init-replica-set: no primary after 120 s');
  sleep(1000);
}

function ensureUser(database, username, password, roles) {
  const target = db.getSiblingDB(database);
  if (target.getUser(username)) {
    target.updateUser(username, { pwd: password, roles });
    print(`updated user ${username}@${database}`);
  } else {
    target.createUser({ user: username, pwd: password, roles });
    print(`created user ${username}@${database}`);
  }
}

ensureUser(appDatabase, env.MONGO_APP_USERNAME || 'insight', required('MONGO_APP_PASSWORD'), [
  { role: 'readWrite', db: appDatabase },
]);
ensureUser('admin', env.MONGO_BACKUP_USERNAME || 'backup', required('MONGO_BACKUP_PASSWORD'), [
  { role: 'backup', db: 'admin' },
  { role: 'restore', db: 'admin' },
]);
print('init-replica-set: done');
