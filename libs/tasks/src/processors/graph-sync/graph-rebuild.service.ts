import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InsightProjectionService } from '@insight/graph';
import { GraphSourcesRepository, type GraphSourceKind } from '@insight/insights';
import type { GraphRebuildResult } from '../../graph/graph-maintenance-jobs';
import { GraphReconcilerService, PROJECTION_BATCH } from './graph-reconciler.service';

/**
 * Replays MongoDB into an emptied projection: the projection of every user of this database is
 * wiped, then categories, insights and relationships are streamed and projected in batches of
 * ~1000 (one UNWIND each), with progress on the job. The API keeps answering meanwhile, from a
 * graph that fills up again; a final sweep removes what writes during the replay left behind.
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

    const users = await this.reconciler.ourProjectedUsers();
    let nodesDeleted = 0;
    for (let start = 0; start < users.length; start += 100) {
      nodesDeleted += await this.projection.wipeUsers(users.slice(start, start + 100));
    }
    await job.updateProgress(1);

    const counts = { categories: 0, insights: 0, relationships: 0, relationshipsSkipped: 0 };
    for await (const batch of this.sources.streamCategories(PROJECTION_BATCH)) {
      counts.categories += await this.reconciler.projectBatch('categories', batch);
      await advance(batch.length);
    }
    const insightsStarted = Date.now();
    for await (const batch of this.sources.streamInsights(PROJECTION_BATCH)) {
      counts.insights += await this.reconciler.projectBatch('insights', batch);
      await advance(batch.length);
    }
    const insightSeconds = (Date.now() - insightsStarted) / 1000;
    for await (const batch of this.sources.streamRelationships(PROJECTION_BATCH)) {
      const projected = await this.reconciler.projectBatch('relationships', batch);
      counts.relationships += projected;
      counts.relationshipsSkipped += batch.length - projected;
      await advance(batch.length);
    }
    // Purges that ran while their insight was being replayed leave it behind; the sweep finds it.
    const sweep = await this.reconciler.sweep();
    const result: GraphRebuildResult = {
      usersWiped: users.length,
      nodesDeleted,
      ...counts,
      seconds: (Date.now() - started) / 1000,
      insightsPerSecond: insightSeconds > 0 ? Math.round(counts.insights / insightSeconds) : counts.insights,
      sweep,
    };
    await job.updateProgress(100);
    this.logger.log({ result }, 'graph rebuilt from MongoDB');
    return result;
  }
}
