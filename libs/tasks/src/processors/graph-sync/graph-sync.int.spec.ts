import { getQueueToken } from '@nestjs/bullmq';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Job, Queue } from 'bullmq';
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { GraphClustersService, GraphSchemaService, InsightProjectionService } from '@insight/graph';
import {
  CategoriesDataModule,
  CategoriesRepository,
  InsightEntity,
  InsightsDataModule,
  InsightsRepository,
  MongoConnectionModule,
  RelationshipsDataModule,
  RelationshipsRepository,
  User,
} from '@insight/insights';
import { AppConfigModule, GraphDatabase, GraphLagStore, RedisModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import type { ClustersResult } from '../../graph/graph-maintenance-jobs';
import { InsightJobsProducer } from '../../insights/insight-jobs.producer';
import { QUEUES } from '../../queues/queue-names';
import { TaskQueuesModule } from '../../queues/task-queues.module';
import { TaskProducersModule } from '../../tasks-producers.module';
import { TaskProcessorsModule } from '../task-processors.module';
import { GraphMaintenanceProcessor } from './graph-maintenance.processor';
import { GraphMaintenanceScheduler } from './graph-maintenance.scheduler';
import { GraphRebuildService } from './graph-rebuild.service';
import { GraphReconcilerService } from './graph-reconciler.service';
import { GraphSyncService } from './graph-sync.service';

jest.setTimeout(90_000);

/** Polls `probe` until it returns something truthy, or fails after `ms`. */
async function eventually<T>(probe: () => Promise<T>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('graph sync worker (real MongoDB wire protocol, Neo4j, Redis and BullMQ)', () => {
  let moduleRef: TestingModule;
  let neo4j: GraphDatabase;
  let insights: InsightsRepository;
  let relationships: RelationshipsRepository;
  let producer: InsightJobsProducer;
  let sync: GraphSyncService;
  let model: Model<InsightEntity>;
  let users: Model<User>;
  const createdUsers: string[] = [];

  /** A real account of this database (the sweep only repairs accounts it knows). */
  async function newUser(): Promise<string> {
    const doc = await users.create({
      email: `${new Types.ObjectId().toHexString()}@it.example`,
      passwordHash: 'x',
      displayName: 'IT',
    });
    createdUsers.push(doc._id.toHexString());
    return doc._id.toHexString();
  }

  async function node(id: string) {
    const result = await neo4j.read(
      `MATCH (i:Insight {id: $id})
       OPTIONAL MATCH (i)-[:IN_CATEGORY]->(c:Category)
       OPTIONAL MATCH (i)-[:TAGGED]->(t:Tag)
       RETURN i.title AS title, i.version AS version, i.deleted AS deleted,
              c.name AS category, c.color AS color, collect(t.name) AS tags`,
      { id },
    );
    return result.records[0]?.toObject() ?? null;
  }

  async function edges(id: string) {
    const result = await neo4j.read(
      'MATCH (a)-[r {id: $id}]->(b) RETURN a.id AS source, b.id AS target, type(r) AS type, r.strength AS strength',
      { id },
    );
    return result.records.map((r) => r.toObject());
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(
          testConfig({
            GRAPH_RECONCILE_ENABLED: 'false',
            GRAPH_CLUSTERS_ENABLED: 'false',
            GRAPH_RECONCILE_THRESHOLD_SECONDS: '0',
          }),
        ),
        MongoConnectionModule,
        RedisModule,
        TaskQueuesModule.forRoot('worker'),
        TaskProducersModule,
        TaskProcessorsModule,
        InsightsDataModule,
        RelationshipsDataModule,
        CategoriesDataModule,
      ],
    }).compile();
    await moduleRef.init();
    const connection = moduleRef.get<Connection>(getConnectionToken());
    await connection.asPromise();
    await Promise.all(Object.values(connection.models).map((m) => m.init()));
    await moduleRef.get(GraphSchemaService).whenApplied();
    neo4j = moduleRef.get(GraphDatabase);
    insights = moduleRef.get(InsightsRepository);
    relationships = moduleRef.get(RelationshipsRepository);
    producer = moduleRef.get(InsightJobsProducer);
    sync = moduleRef.get(GraphSyncService);
    model = moduleRef.get(getModelToken(InsightEntity.name));
    users = moduleRef.get(getModelToken(User.name));
  });

  afterAll(async () => {
    await moduleRef.get(InsightProjectionService).wipeUsers(createdUsers);
    await Promise.all(
      [QUEUES.graphSync, QUEUES.graphMaintenance, QUEUES.analyzeInsight].map((name) =>
        moduleRef.get<Queue>(getQueueToken(name)).obliterate({ force: true }),
      ),
    );
    await moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await moduleRef.close();
  });

  it('projects an insight with its category through the queue and records graphVersion', async () => {
    const user = await newUser();
    const category = await moduleRef
      .get(CategoriesRepository)
      .create(user, { name: 'Reading', colour: '#123456', icon: 'book' });
    const insight = await insights.create(user, {
      title: 'Caching',
      tags: ['perf'],
      categoryId: category.id,
    });
    await producer.changed([
      { insightId: insight.id, userId: user, version: 1, reason: 'created', analyze: false },
    ]);
    expect(await eventually(() => node(insight.id))).toEqual({
      title: 'Caching',
      version: 1,
      deleted: false,
      category: 'Reading',
      color: '#123456',
      tags: ['perf'],
    });
    const doc = await eventually(async () => {
      const current = await model.findById(insight.id).lean<InsightEntity>();
      return current?.graphVersion === 1 ? current : null;
    });
    expect(doc?.graphPendingSince).toBeUndefined();
  });

  it('follows an update, the trash and a purge', async () => {
    const user = await newUser();
    const insight = await insights.create(user, { title: 'First' });
    await sync.syncInsight(insight.id);
    await insights.update(user, insight.id, { title: 'Second' });
    expect(await sync.syncInsight(insight.id)).toMatchObject({
      outcome: 'applied',
      version: 2,
      recorded: 'recorded',
    });
    expect(await node(insight.id)).toMatchObject({ title: 'Second', version: 2 });
    await insights.trash(user, insight.id);
    await sync.syncInsight(insight.id);
    expect(await node(insight.id)).toMatchObject({ deleted: true });
    await insights.purge(user, insight.id);
    expect(await sync.syncInsight(insight.id)).toEqual({ outcome: 'removed' });
    expect(await node(insight.id)).toBeNull();
  });

  it('retries a relationship until both insights are projected, then projects it', async () => {
    const user = await newUser();
    const a = await insights.create(user, { title: 'A' });
    const b = await insights.create(user, { title: 'B' });
    const created = await relationships.create(user, {
      sourceId: b.id,
      targetId: a.id,
      type: 'supported_by',
    });
    if (created.outcome !== 'written') throw new Error('not created');
    const rel = created.relationship;
    await expect(sync.syncRelationship(rel.id, rel.sourceId)).rejects.toThrow(/not projected yet/);
    // The job fails its first attempt and is retried with backoff once the insights arrive.
    await producer.relationshipsChanged([
      { relationshipId: rel.id, userId: user, version: 1, sourceId: rel.sourceId, reason: 'created' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await producer.changed([
      { insightId: a.id, userId: user, version: 1, reason: 'created', analyze: false },
      { insightId: b.id, userId: user, version: 1, reason: 'created', analyze: false },
    ]);
    const projected = await eventually(async () => ((await edges(rel.id)).length ? edges(rel.id) : null));
    expect(projected).toEqual([{ source: a.id, target: b.id, type: 'SUPPORTS', strength: 0.5 }]);
  });

  it('moves the edge when a type change flips its direction, and removes deleted and dangling ones', async () => {
    const user = await newUser();
    const a = await insights.create(user, { title: 'A' });
    const b = await insights.create(user, { title: 'B' });
    await Promise.all([sync.syncInsight(a.id), sync.syncInsight(b.id)]);
    const created = await relationships.create(user, { sourceId: a.id, targetId: b.id, type: 'extends' });
    if (created.outcome !== 'written') throw new Error('not created');
    const id = created.relationship.id;
    await sync.syncRelationship(id, a.id);
    const updated = await relationships.update(user, id, { type: 'extended_by' });
    if (updated.outcome !== 'written') throw new Error('not updated');
    expect(await sync.syncRelationship(id, updated.relationship.sourceId)).toMatchObject({
      outcome: 'applied',
    });
    expect(await edges(id)).toEqual([{ source: b.id, target: a.id, type: 'EXTENDS', strength: 0.5 }]);
    await relationships.delete(user, id);
    expect(await sync.syncRelationship(id, updated.relationship.sourceId)).toEqual({ outcome: 'removed' });
    expect(await edges(id)).toEqual([]);

    // A relationship left behind by a crash mid-purge points at an insight that is gone for good.
    const c = await insights.create(user, { title: 'C' });
    const dangling = await relationships.create(user, { sourceId: a.id, targetId: c.id, type: 'related' });
    if (dangling.outcome !== 'written') throw new Error('not created');
    await model.deleteOne({ _id: c.id });
    expect(await sync.syncRelationship(dangling.relationship.id, a.id)).toEqual({ outcome: 'removed' });
  });

  it('reconciles what is behind for longer than the threshold: lost jobs and lost records', async () => {
    const reconciler = moduleRef.get(GraphReconcilerService);
    const user = await newUser();
    const lost = await insights.create(user, { title: 'Lost job' }); // nothing was enqueued for it
    const marked = await insights.create(user, { title: 'Synced once' });
    await producer.changed([
      { insightId: marked.id, userId: user, version: 1, reason: 'created', analyze: false },
    ]);
    await eventually(async () => (await model.findById(marked.id).lean<InsightEntity>())?.graphVersion === 1);
    // The job completed, but its record of graphVersion was lost (e.g. a bulk write raced it).
    await model.updateOne({ _id: marked.id }, { $set: { graphVersion: 0, graphPendingSince: new Date(0) } });

    const result = await reconciler.reconcile('p1');
    expect(result.insights.enqueued).toBeGreaterThanOrEqual(2);
    const queue = moduleRef.get<Queue>(getQueueToken(QUEUES.graphSync));
    expect(await queue.getJob(`${lost.id}-v1`)).toBeDefined();
    expect(await queue.getJob(`${marked.id}-v1-rp1`)).toBeDefined();
    await eventually(async () => {
      const docs = await Promise.all(
        [lost.id, marked.id].map((id) => model.findById(id).lean<InsightEntity>()),
      );
      return docs.every((doc) => doc?.graphVersion === 1 && doc.graphPendingSince === undefined);
    });
    expect(await node(lost.id)).toMatchObject({ title: 'Lost job' });
  });

  it('measures the lag for readiness and metrics: how many insights are behind, and since when', async () => {
    const reconciler = moduleRef.get(GraphReconcilerService);
    const store = moduleRef.get(GraphLagStore);
    const user = await newUser();
    const behind = await insights.create(user, { title: 'Behind the graph' }); // no job enqueued
    const since = new Date(Date.now() - 600_000);
    await model.updateOne({ _id: behind.id }, { $set: { graphPendingSince: since } });
    const pending = () => model.collection.countDocuments({ graphPendingSince: { $exists: true } });

    await reconciler.measureLag();
    const measured = await store.load();
    expect(measured).toEqual({
      pending: await pending(),
      oldestPendingSince: expect.any(String),
      measuredAt: expect.any(String),
    });
    expect(measured?.pending).toBeGreaterThanOrEqual(1);
    expect(Date.parse(measured?.oldestPendingSince ?? '')).toBeLessThanOrEqual(since.getTime());

    await sync.syncInsight(behind.id);
    await reconciler.measureLag();
    const after = await store.load();
    expect(after?.pending).toBe(await pending());
    const oldest = after?.oldestPendingSince ?? null;
    expect(oldest === null || Date.parse(oldest) > since.getTime()).toBe(true);
  });

  it("sweeps: removes what MongoDB no longer has, projects what it never got, leaves strangers' nodes", async () => {
    const reconciler = moduleRef.get(GraphReconcilerService);
    const projection = moduleRef.get(InsightProjectionService);
    const user = await newUser();
    const kept = await insights.create(user, { title: 'Kept' });
    const purged = await insights.create(user, { title: 'Purged behind our back' });
    await Promise.all([sync.syncInsight(kept.id), sync.syncInsight(purged.id)]);
    await model.deleteOne({ _id: purged.id });
    // Same count as before, different members: written straight into MongoDB, never synced.
    const unsynced = new Types.ObjectId();
    await model.collection.insertOne({
      _id: unsynced,
      userId: new Types.ObjectId(user),
      title: 'Never synced',
      content: '',
      tags: [],
      categoryId: null,
      favorite: false,
      version: 1,
      graphVersion: 0,
      deletedAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const stranger = new Types.ObjectId().toHexString(); // another installation's user
    const strangers = new Types.ObjectId().toHexString();
    await projection.upsertInsight({
      id: strangers,
      userId: stranger,
      title: 'Not ours',
      content: '',
      tags: [],
      categoryId: null,
      favorite: false,
      createdAt: new Date(),
      deletedAt: null,
      keywords: [],
      version: 1,
    });
    try {
      const result = await reconciler.sweep();
      expect(result.insights).toMatchObject({ removed: expect.any(Number), projected: expect.any(Number) });
      expect(await node(purged.id)).toBeNull();
      expect(await node(unsynced.toHexString())).toMatchObject({ title: 'Never synced' });
      expect(await node(kept.id)).toMatchObject({ title: 'Kept' });
      expect(await node(strangers)).toMatchObject({ title: 'Not ours' });
      expect((await model.findById(unsynced).lean<InsightEntity>())?.graphVersion).toBe(1);
    } finally {
      await projection.wipeUsers([stranger]);
    }
  });

  it("sweeps a user with nothing left in MongoDB, and never sweeps or clusters another installation's users", async () => {
    const reconciler = moduleRef.get(GraphReconcilerService);
    const projection = moduleRef.get(InsightProjectionService);
    const user = await newUser();
    const only = await insights.create(user, { title: 'The only one' });
    await sync.syncInsight(only.id);
    await model.deleteOne({ _id: only.id }); // gone behind our back: the user owns no insight now
    const stranger = new Types.ObjectId().toHexString(); // another installation's user
    const [s1, s2] = [new Types.ObjectId().toHexString(), new Types.ObjectId().toHexString()];
    await projection.upsertInsights(
      [s1, s2].map((id) => ({
        id,
        userId: stranger,
        title: 'Not ours',
        content: '',
        tags: [],
        categoryId: null,
        favorite: false,
        createdAt: new Date(),
        deletedAt: null,
        keywords: [],
        version: 1,
      })),
    );
    await projection.upsertRelationships([
      {
        id: new Types.ObjectId().toHexString(),
        userId: stranger,
        sourceId: s1,
        targetId: s2,
        type: 'supports',
        strength: 0.5,
        note: null,
        createdBy: 'user',
        createdAt: new Date(),
        version: 1,
      },
    ]);
    try {
      const projected: string[] = [];
      for await (const batch of reconciler.ourProjectedUsers()) projected.push(...batch);
      expect(projected).toContain(user);
      expect(projected).not.toContain(stranger);

      const result = await reconciler.sweep();
      expect(result.insights?.removed).toBeGreaterThanOrEqual(1);
      expect(await node(only.id)).toBeNull();
      expect(await node(s1)).toMatchObject({ title: 'Not ours' });

      const processor = moduleRef.get(GraphMaintenanceProcessor);
      const clusters = (await processor.process({ name: 'clusters', data: {} } as Job)) as ClustersResult;
      expect(clusters.users).toBeGreaterThanOrEqual(1);
      // The stranger's two linked insights would form a cluster if their graph had been read.
      expect((await moduleRef.get(GraphClustersService).clustersOf(stranger, 10)).computedAt).toBeNull();
      const marked = await neo4j.read('MATCH (i:Insight) WHERE i.id IN $ids RETURN i.clusterId AS c', {
        ids: [s1, s2],
      });
      expect(marked.records.map((r) => r.get('c'))).toEqual([null, null]);
    } finally {
      await projection.wipeUsers([stranger]);
    }
  });

  it('rebuilds the projection from MongoDB, reporting progress, equal to MongoDB afterwards', async () => {
    const user = await newUser();
    const a = await insights.create(user, { title: 'Alpha', tags: ['x'] });
    const b = await insights.create(user, { title: 'Beta' });
    await relationships.create(user, { sourceId: a.id, targetId: b.id, type: 'causes' });
    // Something stale that a rebuild must not keep.
    await moduleRef.get(InsightProjectionService).upsertInsight({
      id: new Types.ObjectId().toHexString(),
      userId: user,
      title: 'Ghost',
      content: '',
      tags: [],
      categoryId: null,
      favorite: false,
      createdAt: new Date(),
      deletedAt: null,
      keywords: [],
      version: 1,
    });
    const progress: number[] = [];
    const result = await moduleRef
      .get(GraphRebuildService)
      .rebuild({ updateProgress: async (value: number | object) => void progress.push(value as number) });
    expect(result.insights).toBeGreaterThanOrEqual(2);
    expect(result.relationships).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toBe(100);
    // Where the time went, per phase.
    expect(result.profile?.['insights']).toMatchObject({
      seconds: expect.any(Number),
      readSeconds: expect.any(Number),
      writeSeconds: expect.any(Number),
    });
    expect(result.profile?.['insights']?.batches).toBeGreaterThanOrEqual(1);
    const titles = await neo4j.read(
      'MATCH (i:Insight {userId: $user}) RETURN i.title AS title ORDER BY title',
      {
        user,
      },
    );
    expect(titles.records.map((r) => r.get('title'))).toEqual(['Alpha', 'Beta']);
    expect(
      await neo4j.read('MATCH (:Insight {id: $a})-[r:CAUSES]->(:Insight {id: $b}) RETURN r', {
        a: a.id,
        b: b.id,
      }),
    ).toMatchObject({ records: [expect.anything()] });
  });

  it('computes clusters once per period however many replicas schedule them, in the worker', async () => {
    const user = await newUser();
    const [a, b, c] = await Promise.all(
      ['Cluster A', 'Cluster B', 'Alone'].map((title, i) =>
        insights.create(user, { title, tags: i < 2 ? ['shared'] : [] }),
      ),
    );
    await Promise.all([a, b, c].map((doc) => sync.syncInsight(doc.id)));
    const link = await relationships.create(user, { sourceId: a.id, targetId: b.id, type: 'supports' });
    if (link.outcome !== 'written') throw new Error('not created');
    await sync.syncRelationship(link.relationship.id, a.id);

    const queue = moduleRef.get<Queue>(getQueueToken(QUEUES.graphMaintenance));
    const scheduler = moduleRef.get(GraphMaintenanceScheduler);
    // Two replicas ticking in the same period (a minute apart), then one in the next period;
    // paused meanwhile so the jobs can be counted before any runs.
    await queue.pause();
    const period = 3600;
    const index = Math.floor(Date.now() / (period * 1000));
    const start = index * period * 1000 + 1000;
    expect(await scheduler.schedule('clusters', period, start)).toBe(true);
    expect(await scheduler.schedule('clusters', period, start + 60_000)).toBe(true);
    expect(await scheduler.schedule('clusters', period, start + period * 1000)).toBe(true);
    const jobs = async () =>
      (await queue.getJobs(['waiting', 'paused', 'active', 'completed', 'failed'])).filter(
        (job) => job.name === 'clusters',
      );
    expect((await jobs()).map((job) => job.id).sort()).toEqual([
      `clusters-${period}s-${index}`,
      `clusters-${period}s-${index + 1}`,
    ]);
    await queue.remove(`clusters-${period}s-${index + 1}`);
    await queue.resume();
    const done = await eventually(async () => {
      const [job] = await jobs();
      return job && (await job.isCompleted()) ? job : undefined;
    });
    const result = done?.returnvalue as ClustersResult;
    expect(result).toMatchObject({ users: expect.any(Number), clusters: expect.any(Number) });
    expect(result.users).toBeGreaterThanOrEqual(1);
    const summary = await moduleRef.get(GraphClustersService).clustersOf(user, 10);
    const smaller = a.id < b.id ? a.id : b.id;
    expect(summary).toMatchObject({
      count: 1,
      clustered: 2,
      items: [{ id: smaller, size: 2, topTags: [{ name: 'shared', count: 2 }] }],
    });
  });
});
