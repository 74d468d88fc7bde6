import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { GraphClustersService } from '@insight/graph';
import { APP_CONFIG, type AppConfig, RedisClient } from '@insight/platform';
import type {
  ClustersResult,
  GraphMaintenanceJobName,
  GraphRebuildResult,
  ReconcileResult,
  ScheduledMaintenanceJobData,
  SweepResult,
} from '../../graph/graph-maintenance-jobs';
import { QUEUES } from '../../queues/queue-names';
import { JobPacing } from '../../schedules/job-pacing';
import { GraphRebuildService } from './graph-rebuild.service';
import { GraphReconcilerService } from './graph-reconciler.service';

/**
 * Reconciliation, sweeps and rebuilds, one at a time per worker (the default concurrency):
 * a sweep never runs beside a rebuild in the same process, and neither starves the sync jobs,
 * which have a queue of their own.
 */
@Processor(QUEUES.graphMaintenance)
export class GraphMaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(GraphMaintenanceProcessor.name);
  /** Scheduled runs rest after a long one (see JobPacing); a rebuild asked for never waits. */
  private readonly pacing: JobPacing;

  constructor(
    @InjectQueue(QUEUES.graphMaintenance) private readonly queue: Queue,
    private readonly reconciler: GraphReconcilerService,
    private readonly rebuilder: GraphRebuildService,
    private readonly clusters: GraphClustersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisClient,
  ) {
    super();
    this.pacing = new JobPacing(redis, `${config.QUEUE_PREFIX}:graph-maintenance`);
  }

  async process(
    job: Job<Partial<ScheduledMaintenanceJobData>>,
  ): Promise<ReconcileResult | SweepResult | GraphRebuildResult | ClustersResult | { skipped: string }> {
    switch (job.name as GraphMaintenanceJobName) {
      case 'reconcile':
        return this.pacing.run('reconcile', () =>
          this.reconciler.reconcile(job.data.period ?? String(Date.now())),
        );
      case 'sweep':
        if (await this.rebuildUnderWay()) return { skipped: 'a rebuild is under way' };
        return this.pacing.run('sweep', () => this.reconciler.sweep());
      case 'rebuild':
        return this.rebuilder.rebuild(job);
      case 'clusters':
        if (await this.rebuildUnderWay()) return { skipped: 'a rebuild is under way' };
        return this.pacing.run('clusters', () => this.computeClusters());
      default:
        throw new Error(`unknown graph maintenance job ${job.name}`);
    }
  }

  /**
   * The clusters of every account of this database with a projection, one user at a time (each
   * bounded by GRAPH_CLUSTERS_MAX_INSIGHTS), users found in batches (see ourProjectedUsers).
   */
  private async computeClusters(): Promise<ClustersResult> {
    const started = Date.now();
    const result = { users: 0, tooLarge: 0, clusters: 0, changed: 0, seconds: 0 };
    for await (const users of this.reconciler.ourProjectedUsers()) {
      for (const userId of users) {
        const outcome = await this.clusters.computeForUser(userId, this.config.GRAPH_CLUSTERS_MAX_INSIGHTS);
        if (outcome.status === 'tooLarge') {
          result.tooLarge++;
          continue;
        }
        result.users++;
        result.clusters += outcome.clusters;
        result.changed += outcome.changed;
      }
    }
    result.seconds = (Date.now() - started) / 1000;
    this.logger.log({ result }, 'graph clusters computed');
    return result;
  }

  /** A rebuild in another worker would make every user look out of sync; it sweeps at its end. */
  private async rebuildUnderWay(): Promise<boolean> {
    const active = await this.queue.getJobs(['active'], 0, 100);
    return active.some((job) => job.name === 'rebuild');
  }
}
