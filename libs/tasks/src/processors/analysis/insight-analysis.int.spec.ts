import { getQueueToken } from '@nestjs/bullmq';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { type Connection, type Model, Types } from 'mongoose';
import { prepareDocument } from '@insight/analysis';
import type { InsightTextAnalysis } from '@insight/contracts';
import { GraphSchemaService, InsightProjectionService } from '@insight/graph';
import {
  CorpusRepository,
  CorpusStatsEntity,
  CorpusTermEntity,
  InsightAnalysisRepository,
  InsightEntity,
  InsightsDataModule,
  InsightsRepository,
  MongoConnectionModule,
} from '@insight/insights';
import { AppConfigModule, GraphDatabase } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { ALL_QUEUES } from '../../queues/queue-names';
import { TaskQueuesModule } from '../../queues/task-queues.module';
import { InsightPurger } from '../../insights/insight-purger';
import { TaskProcessorsModule } from '../task-processors.module';
import { InsightAnalysisService } from './insight-analysis.service';

jest.setTimeout(120_000);

describe('insight analysis (real MongoDB wire protocol, Neo4j, Redis)', () => {
  let moduleRef: TestingModule;
  let analysis: InsightAnalysisService;
  let insights: InsightsRepository;
  let corpus: CorpusRepository;
  let model: Model<InsightEntity>;
  let terms: Model<CorpusTermEntity>;
  let stats: Model<CorpusStatsEntity>;
  const users: string[] = [];

  const newUser = () => {
    const id = new Types.ObjectId().toHexString();
    users.push(id);
    return id;
  };
  const df = async (user: string, stem: string) =>
    (await terms.findById(`${user}:${stem}`).lean<CorpusTermEntity>())?.df ?? 0;
  const documentCount = async (user: string) =>
    (await stats.findById(new Types.ObjectId(user)).lean<CorpusStatsEntity>())?.documentCount ?? 0;
  const stored = async (id: string) => model.findById(id).lean<InsightEntity>();
  const stemOf = (word: string) => prepareDocument({ content: word }, { language: 'en' }).stems[0];

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(
          testConfig({ GRAPH_RECONCILE_ENABLED: 'false', REDISCOVERY_ENABLED: 'false' }),
        ),
        MongoConnectionModule,
        TaskQueuesModule.forRoot('worker'),
        TaskProcessorsModule,
        InsightsDataModule,
      ],
    }).compile();
    await moduleRef.init();
    const connection = moduleRef.get<Connection>(getConnectionToken());
    await connection.asPromise();
    await Promise.all(Object.values(connection.models).map((m) => m.init()));
    await moduleRef.get(GraphSchemaService).whenApplied();
    analysis = moduleRef.get(InsightAnalysisService);
    insights = moduleRef.get(InsightsRepository);
    corpus = moduleRef.get(CorpusRepository);
    model = moduleRef.get(getModelToken(InsightEntity.name));
    terms = moduleRef.get(getModelToken(CorpusTermEntity.name));
    stats = moduleRef.get(getModelToken(CorpusStatsEntity.name));
  });

  afterAll(async () => {
    await moduleRef.get(InsightProjectionService).wipeUsers(users);
    await Promise.all(
      ALL_QUEUES.map((name) => moduleRef.get<Queue>(getQueueToken(name)).obliterate({ force: true })),
    );
    await moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await moduleRef.close();
  });

  it('stores the analysis of the version, processed, and projects the keywords as MENTIONS', async () => {
    const user = newUser();
    const insight = await insights.create(user, {
      title: 'Connection pooling',
      content: 'Pooling database connections avoids the handshake on every request; size the pool.',
    });
    const result = await analysis.analyse(insight.id, 1);
    expect(result).toMatchObject({ outcome: 'stored', version: 1, language: 'en', graphSynced: true });
    const doc = await stored(insight.id);
    const saved = doc?.analysis as unknown as InsightTextAnalysis;
    expect(doc?.status).toBe('processed');
    expect(saved.insightVersion).toBe(1);
    expect(saved.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['pooling', 'connection']));
    const mentions = await moduleRef
      .get(GraphDatabase)
      .read('MATCH (:Insight {id: $id})-[:MENTIONS]->(k:Keyword) RETURN k.term AS term', { id: insight.id });
    expect(mentions.records.map((r) => r.get('term')).sort()).toEqual(
      saved.keywords.map((k) => k.term).sort(),
    );
    // Projected before it was stored: the store itself recorded that the graph is caught up.
    expect(doc?.graphVersion).toBe(1);
    expect(doc?.graphPendingSince).toBeUndefined();
  });

  it('keeps the later of two analyses of one version, in MongoDB as in the graph', async () => {
    const user = newUser();
    const insight = await insights.create(user, { title: 'Retries', content: 'Retry with backoff.' });
    const repository = moduleRef.get(InsightAnalysisRepository);
    const result = (analysedAt: string, term: string): InsightTextAnalysis => ({
      insightVersion: 1,
      language: 'en',
      keywords: [{ term, weight: 0.5, stem: term }],
      sentiment: 0,
      wordCount: 3,
      readingTimeMinutes: 1,
      summary: null,
      tagSuggestions: [],
      analysedAt,
    });
    const later = result('2026-03-01T10:00:01.000Z', 'backoff');
    const earlier = result('2026-03-01T10:00:00.000Z', 'retry');
    expect(await repository.store(insight.id, 1, later, null, false)).toBe('stored');
    expect(await repository.store(insight.id, 1, earlier, null, false)).toBe('superseded');
    const doc = await stored(insight.id);
    expect((doc?.analysis as unknown as InsightTextAnalysis).keywords.map((k) => k.term)).toEqual([
      'backoff',
    ]);
    // Not projected: left marked for reconciliation.
    expect(doc?.graphPendingSince).toBeInstanceOf(Date);
  });

  it('counts an insight version once in the corpus however often it is analysed, and edits by difference', async () => {
    const user = newUser();
    const v1 = { title: 'Kafka', content: 'Kafka partitions order the messages of one key.' };
    const v2 = { title: 'Kafka', content: 'Kafka consumers commit their offsets periodically.' };
    const insight = await insights.create(user, v1);
    await analysis.analyse(insight.id, 1);
    await analysis.analyse(insight.id, 1); // a retry, or a reprocess of the same version
    await Promise.all([analysis.analyse(insight.id, 1), analysis.analyse(insight.id, 1)]);
    const before = prepareDocument(v1).stems;
    expect(await documentCount(user)).toBe(1);
    expect(await Promise.all(before.map((stem) => df(user, stem)))).toEqual(before.map(() => 1));
    const edited = await insights.update(user, insight.id, { content: v2.content });
    expect(edited.outcome).toBe('written');
    await analysis.analyse(insight.id, 2);
    await analysis.analyse(insight.id, 2);
    const after = prepareDocument(v2).stems;
    const dropped = before.filter((stem) => !after.includes(stem));
    expect(dropped.length).toBeGreaterThan(0);
    expect(await documentCount(user)).toBe(1);
    expect(await Promise.all(after.map((stem) => df(user, stem)))).toEqual(after.map(() => 1));
    expect(await Promise.all(dropped.map((stem) => df(user, stem)))).toEqual(dropped.map(() => 0));
  });

  it('keeps exact document frequencies when many insights of one user are analysed at once', async () => {
    const user = newUser();
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        insights.create(user, { title: `Note ${i}`, content: `The cache number ${i} warms up slowly.` }),
      ),
    );
    // FerretDB applies $inc as read-then-write: without serialising, concurrent counts get lost.
    await Promise.all(created.map((insight) => analysis.analyse(insight.id, 1)));
    expect(await documentCount(user)).toBe(16);
    expect(await df(user, stemOf('cache'))).toBe(16);
  });

  it("takes a purged insight's stems out of its owner's corpus, so IDF counts existing insights only", async () => {
    const user = newUser();
    const texts = [
      'Redis streams keep recent events for replay.',
      'Redis pub/sub forgets events nobody listened to.',
      'Streams of events need bounded memory.',
    ];
    const created = [];
    for (const content of texts) created.push(await insights.create(user, { title: 'Events', content }));
    for (const insight of created) await analysis.analyse(insight.id, 1);
    const [gone, ...kept] = created;
    const goneStems = prepareDocument({ title: 'Events', content: texts[0] }).stems;
    expect(await df(user, stemOf('redis'))).toBe(2);

    expect((await insights.trash(user, gone.id)).outcome).toBe('written');
    expect(await moduleRef.get(InsightPurger).purge(user, gone.id)).toBe(true);
    // A late analysis job of the purged insight must not count it back in.
    await analysis.analyse(gone.id, 1);

    // Compared with a count over the insights that still exist.
    const remaining = kept.map((_, i) => prepareDocument({ title: 'Events', content: texts[i + 1] }).stems);
    const direct = (stem: string) => remaining.filter((stems) => stems.includes(stem)).length;
    expect(await documentCount(user)).toBe(2);
    expect(await Promise.all(goneStems.map((stem) => df(user, stem)))).toEqual(goneStems.map(direct));
    const frequencies = await corpus.frequencies(user, goneStems);
    expect(frequencies.documentCount).toBe(2);
    expect(goneStems.map((stem) => frequencies.frequencies.get(stem) ?? 0)).toEqual(goneStems.map(direct));
    expect(await df(user, stemOf('redis'))).toBe(1);
  });

  it('counts a long text whose hundreds of stems are already counted (one batch of 150 updates)', async () => {
    const user = newUser();
    const stems = Array.from({ length: 150 }, (_, i) => `stem${i}`);
    await corpus.record(user, new Types.ObjectId().toHexString(), 1, stems);
    expect(await corpus.record(user, new Types.ObjectId().toHexString(), 1, stems)).toEqual({
      outcome: 'counted',
      documentCount: 2,
    });
    const frequencies = await corpus.frequencies(user, stems);
    expect(frequencies.documentCount).toBe(2);
    expect(stems.filter((stem) => frequencies.frequencies.get(stem) !== 2)).toEqual([]);
  });

  it('finishes a corpus change a crashed worker left pending, without counting anything twice', async () => {
    const user = newUser();
    const owner = new Types.ObjectId(user);
    const first = new Types.ObjectId().toHexString();
    await corpus.record(user, first, 1, ['alpha', 'beta']);
    // A change written as pending, then applied to one counter only, before the process died.
    const crashed = new Types.ObjectId().toHexString();
    await stats.updateOne(
      { _id: owner },
      {
        $set: {
          pending: {
            seq: 2,
            documents: [{ insightId: crashed, version: 1, stems: ['beta', 'gamma'] }],
            deltas: [
              { stem: 'beta', delta: 1 },
              { stem: 'gamma', delta: 1 },
            ],
            documentCountDelta: 1,
          },
        },
      },
    );
    await terms.updateOne({ _id: `${user}:beta` }, { $inc: { df: 1 }, $set: { seq: 2 } });
    // The next change of this user finishes it first; the retried job then finds it counted.
    expect(await corpus.record(user, new Types.ObjectId().toHexString(), 1, ['gamma'])).toEqual({
      outcome: 'counted',
      documentCount: 3,
    });
    expect(await corpus.record(user, crashed, 1, ['beta', 'gamma'])).toEqual({
      outcome: 'already-counted',
      documentCount: 3,
    });
    expect(await documentCount(user)).toBe(3);
    expect({
      alpha: await df(user, 'alpha'),
      beta: await df(user, 'beta'),
      gamma: await df(user, 'gamma'),
    }).toEqual({ alpha: 1, beta: 2, gamma: 2 });
  });

  it('ignores a job for an older version: newer content is never overwritten', async () => {
    const user = newUser();
    const insight = await insights.create(user, { title: 'Old', content: 'Monoliths deploy together.' });
    await insights.update(user, insight.id, { title: 'New', content: 'Microservices deploy independently.' });
    expect(await analysis.analyse(insight.id, 2)).toMatchObject({ outcome: 'stored' });
    const before = await stored(insight.id);
    expect(await analysis.analyse(insight.id, 1)).toEqual({ outcome: 'superseded', version: 1 });
    const after = await stored(insight.id);
    expect(after?.analysis).toEqual(before?.analysis);
    expect((after?.analysis as unknown as InsightTextAnalysis).keywords.map((k) => k.term)).toContain(
      'microservices',
    );
  });

  it('never loses a concurrent user edit, nor marks newer content processed', async () => {
    const user = newUser();
    for (let round = 0; round < 8; round++) {
      const insight = await insights.create(user, {
        title: `Race ${round}`,
        content: 'Queues smooth bursts.',
      });
      const [, edit] = await Promise.all([
        analysis.analyse(insight.id, 1),
        insights.update(user, insight.id, { title: `Edited ${round}`, content: 'Queues add latency.' }),
      ]);
      expect(edit.outcome).toBe('written');
      const doc = await stored(insight.id);
      expect(doc).toMatchObject({ title: `Edited ${round}`, content: 'Queues add latency.', version: 2 });
      // Either the analysis of v1 landed before the edit (which set pending again), or it was refused.
      expect(doc?.status).toBe('pending');
    }
  });

  it('marks the version failed with the reason, and a later success clears it', async () => {
    const user = newUser();
    const insight = await insights.create(user, { title: 'Flaky', content: 'Retries with backoff.' });
    await analysis.failed(user, insight.id, 1, 'boom');
    expect(await stored(insight.id)).toMatchObject({ status: 'failed', analysis: { error: 'boom' } });
    await analysis.analyse(insight.id, 1);
    const doc = await stored(insight.id);
    expect(doc?.status).toBe('processed');
    expect(doc?.analysis).not.toHaveProperty('error');
  });
});
