import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InsightProjectionService, type ProjectedKind } from '@insight/graph';
import {
  type CategorySource,
  GraphSourcesRepository,
  type GraphSourceKind,
  type InsightSource,
  type RelationshipSource,
} from '@insight/insights';
import type { GraphRebuildResult, RebuildPhaseProfile } from '../../graph/graph-maintenance-jobs';
import { GraphReconcilerService } from './graph-reconciler.service';

/**
 * Documents per batch of the replay: one MongoDB cursor batch and one UNWIND per batch. Larger
 * batches mean fewer Neo4j round trips and transactions; 2000 insights (~150 words each) keep a
 * transaction's memory small.
 */
export const REBUILD_BATCH = 2000;

/**
 * Yields the batches of `source` while already reading the next one, so MongoDB reads while
 * Neo4j writes. Counts the time spent waiting on reads into `profile`.
 */
export async function* readAhead<T>(
  source: AsyncGenerator<T>,
  profile: Pick<RebuildPhaseProfile, 'readSeconds'>,
): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const waited = performance.now();
      const current = await next;
      profile.readSeconds += (performance.now() - waited) / 1000;
      if (current.done) return;
      next = source.next();
      // A read failing while the consumer is still writing is reported at the next await, not
      // as an unhandled rejection.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await source.return(undefined);
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;

/**
 * Replays MongoDB into an emptied projection: the projection of every user of this database is
 * wiped, then categories, insights and relationships are streamed (one cursor per collection, read
 * ahead of the writes) and projected in batches (one UNWIND each), with progress on the job. The
 * API keeps answering meanwhile, from a graph that fills up again; a final sweep removes what
 * writes during the replay left behind. The result says where the time went per phase.
 */
@Injectable()
export class GraphRebuildService {
  private readonly logger = new Logger(GraphRebuildService.name);

  constructor(
    private readonly sources: GraphSourcesRepository,
    private readonly projection: InsightProjectionService,
    private readonly reconciler: GraphReconcilerService,
  ) {}

  async rebuild(job: Pick<Job, 'updateProgress'>): Promise<GraphRebuildResult> {
    const started = Date.now();
    const kinds: GraphSourceKind[] = ['categories', 'insights', 'relationships'];
    const estimated = await Promise.all(kinds.map((kind) => this.sources.estimatedCount(kind)));
    const total = Math.max(
      1,
      estimated.reduce((a, b) => a + b, 0),
    );
    let done = 0;
    const advance = async (count: number) => {
      done += count;
      await job.updateProgress(Math.min(99, Math.floor((done / total) * 100)));
    };

    const wipeStarted = Date.now();
    let usersWiped = 0;
    let nodesDeleted = 0;
    for await (const users of this.reconciler.ourProjectedUsers()) {
      usersWiped += users.length;
      nodesDeleted += await this.projection.wipeUsers(users);
    }
    const wipeSeconds = (Date.now() - wipeStarted) / 1000;
    await job.updateProgress(1);

    const profile: Record<string, RebuildPhaseProfile> = {};
    const counts = { categories: 0, insights: 0, relationships: 0, relationshipsSkipped: 0 };
    const replay = async <T extends CategorySource | InsightSource | RelationshipSource>(
      kind: ProjectedKind,
      batches: AsyncGenerator<T[]>,
      tally: (batch: T[], projected: number) => void,
    ): Promise<RebuildPhaseProfile> => {
      const phase: RebuildPhaseProfile = { seconds: 0, readSeconds: 0, writeSeconds: 0, batches: 0 };
      const phaseStarted = performance.now();
      for await (const batch of readAhead(batches, phase)) {
        const writing = performance.now();
        tally(batch, await this.reconciler.projectBatch(kind, batch as never));
        phase.writeSeconds += (performance.now() - writing) / 1000;
        phase.batches++;
        await advance(batch.length);
      }
      phase.seconds = (performance.now() - phaseStarted) / 1000;
      profile[kind] = {
        ...phase,
        seconds: round(phase.seconds),
        readSeconds: round(phase.readSeconds),
        writeSeconds: round(phase.writeSeconds),
      };
      return phase;
    };

    await replay('categories', this.sources.streamCategories(REBUILD_BATCH), (_, n) => {
      counts.categories += n;
    });
    const insightPhase = await replay('insights', this.sources.streamInsights(REBUILD_BATCH), (_, n) => {
      counts.insights += n;
    });
    const relationshipPhase = await replay(
      'relationships',
      this.sources.streamRelationships(REBUILD_BATCH),
      (batch, n) => {
        counts.relationships += n;
        counts.relationshipsSkipped += batch.length - n;
      },
    );
    // Purges that ran while their insight was being replayed leave it behind; the sweep finds it.
    const sweepStarted = Date.now();
    const sweep = await this.reconciler.sweep();
    profile['wipe'] = {
      seconds: round(wipeSeconds),
      readSeconds: 0,
      writeSeconds: round(wipeSeconds),
      batches: 0,
    };
    profile['sweep'] = {
      seconds: round((Date.now() - sweepStarted) / 1000),
      readSeconds: 0,
      writeSeconds: 0,
      batches: 0,
    };
    const perSecond = (count: number, seconds: number) => (seconds > 0 ? Math.round(count / seconds) : count);
    const result: GraphRebuildResult = {
      usersWiped,
      nodesDeleted,
      ...counts,
      seconds: (Date.now() - started) / 1000,
      insightsPerSecond: perSecond(counts.insights, insightPhase.seconds),
      relationshipsPerSecond: perSecond(counts.relationships, relationshipPhase.seconds),
      profile,
      sweep,
    };
    await job.updateProgress(100);
    this.logger.log({ result }, 'graph rebuilt from MongoDB');
    return result;
  }
}
