import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { getQueueToken } from '@nestjs/bullmq';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { BSON, type Db } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { GraphSchemaService, InsightProjectionService } from '@insight/graph';
import {
  CategoriesDataModule,
  CategoriesRepository,
  InsightsDataModule,
  InsightsRepository,
  MongoConnectionModule,
  RelationshipsDataModule,
  RelationshipsRepository,
  User,
  WebhooksDataModule,
  WebhooksRepository,
} from '@insight/insights';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { QUEUES } from '../queues/queue-names';
import { TaskQueuesModule } from '../queues/task-queues.module';
import { TaskProducersModule } from '../tasks-producers.module';
import { GraphRebuildService } from '../processors/graph-sync/graph-rebuild.service';
import { TaskProcessorsModule } from '../processors/task-processors.module';
import { restoreBackup, verifyBackup, writeBackup } from './database-backup';

jest.setTimeout(120_000);

/** Every collection of the database, documents in `_id` order as canonical EJSON. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = docs.map((doc) => JSON.stringify(BSON.EJSON.serialize(doc, { relaxed: false })));
  }
  return out;
}

describe('database backup and restore (real MongoDB wire protocol, Neo4j)', () => {
  let moduleRef: TestingModule;
  let db: Db;
  let dir: string;
  let user: string;

  async function graphOf(owner: string) {
    const neo4j = moduleRef.get(GraphDatabase);
    const nodes = await neo4j.read(
      'MATCH (i:Insight {userId: $owner}) RETURN i.id AS id, i.title AS title ORDER BY id',
      { owner },
    );
    const edges = await neo4j.read(
      'MATCH (a:Insight {userId: $owner})-[r]->(b:Insight) RETURN a.id AS a, type(r) AS type, b.id AS b ORDER BY a, type, b',
      { owner },
    );
    return { nodes: nodes.records.map((r) => r.toObject()), edges: edges.records.map((r) => r.toObject()) };
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(testConfig({ GRAPH_RECONCILE_ENABLED: 'false' })),
        MongoConnectionModule,
        TaskQueuesModule.forRoot('worker'),
        TaskProducersModule,
        TaskProcessorsModule,
        InsightsDataModule,
        RelationshipsDataModule,
        CategoriesDataModule,
        WebhooksDataModule,
      ],
    }).compile();
    await moduleRef.init();
    const connection = moduleRef.get<Connection>(getConnectionToken());
    await connection.asPromise();
    await Promise.all(Object.values(connection.models).map((m) => m.init()));
    await moduleRef.get(GraphSchemaService).whenApplied();
    db = connection.db as unknown as Db;
    dir = await mkdtemp(join(tmpdir(), 'insight-backup-'));

    const users = moduleRef.get<Model<User>>(getModelToken(User.name));
    user = (
      await users.create({
        email: `${new Types.ObjectId().toHexString()}@it.example`,
        passwordHash: 'x',
        displayName: 'IT',
      })
    )._id.toHexString();
    const category = await moduleRef
      .get(CategoriesRepository)
      .create(user, { name: 'Reading', colour: '#123456', icon: 'book' });
    const insights = moduleRef.get(InsightsRepository);
    const made = [];
    for (let i = 0; i < 25; i++) {
      made.push(
        await insights.create(user, {
          title: `Insight ${i}`,
          content: `é ${i}`,
          tags: [`t${i % 3}`],
          categoryId: i % 2 ? category.id : null,
        }),
      );
    }
    await insights.trash(user, made[3].id);
    const relationships = moduleRef.get(RelationshipsRepository);
    await relationships.create(user, { sourceId: made[0].id, targetId: made[1].id, type: 'supports' });
    await relationships.create(user, { sourceId: made[2].id, targetId: made[1].id, type: 'related' });
    await moduleRef
      .get(WebhooksRepository)
      .create(user, { url: 'https://example.com/h', events: ['insight.created'], secret: 'x'.repeat(20) });
  });

  afterAll(async () => {
    await moduleRef.get(InsightProjectionService).wipeUsers([user]);
    await Promise.all(
      Object.values(QUEUES).map((name) =>
        moduleRef.get<Queue>(getQueueToken(name)).obliterate({ force: true }),
      ),
    );
    await moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await moduleRef.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up, wipes, restores every collection as it was, and the rebuilt graph matches', async () => {
    const rebuild = () =>
      moduleRef.get(GraphRebuildService).rebuild({ updateProgress: async () => undefined });
    await rebuild();
    const graphBefore = await graphOf(user);
    expect(graphBefore.nodes).toHaveLength(25);
    expect(graphBefore.edges.length).toBeGreaterThanOrEqual(2);
    const before = await snapshot(db);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['insights', 'categories', 'relationships', 'users', 'webhooks']),
    );

    const file = join(dir, 'insight-20260101T000000Z.backup.gz');
    const manifest = await writeBackup(db, file);
    expect(manifest.collections.find((c) => c.name === 'insights')?.count).toBe(25);
    await expect(verifyBackup(file)).resolves.toEqual(manifest);

    // Wipe: the database and the user's projection.
    await db.dropDatabase();
    await moduleRef.get(InsightProjectionService).wipeUsers([user]);
    expect((await graphOf(user)).nodes).toHaveLength(0);

    await restoreBackup(db, file);
    expect(await snapshot(db)).toEqual(before);
    const indexes = await db.collection('relationships').listIndexes().toArray();
    expect(indexes.find((index) => index['name'] === 'unique_edge')).toMatchObject({ unique: true });

    await rebuild();
    expect(await graphOf(user)).toEqual(graphBefore);
  });

  it('refuses to restore into a database that holds data, and a damaged or edited file', async () => {
    const file = join(dir, 'insight-20260102T000000Z.backup.gz');
    await writeBackup(db, file);
    await expect(restoreBackup(db, file)).rejects.toThrow(/not empty/);

    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    const edited = lines.map((line) => line.replace('Insight 7', 'Insight 8')).join('\n');
    const tampered = join(dir, 'tampered.backup.gz');
    await writeFile(tampered, gzipSync(edited));
    await expect(verifyBackup(tampered)).rejects.toThrow(/does not match its manifest/);
    const cut = join(dir, 'cut.backup.gz');
    await writeFile(cut, gzipSync(lines.slice(0, -2).join('\n')));
    await expect(verifyBackup(cut)).rejects.toThrow(/no manifest/);
  });
});
