import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import type {
  GraphMaintenanceJobName,
  GraphRebuildResult,
  ReconcileResult,
  ScheduledMaintenanceJobData,
  SweepResult,
} from '../../graph/graph-maintenance-jobs';
import { QUEUES } from '../../queues/queue-names';
import { GraphRebuildService } from './graph-rebuild.service';
import { GraphReconcilerService } from './graph-reconciler.service';

/**
 * Reconciliation, sweeps and rebuilds, one at a time per worker (the default concurrency):
 * a sweep never runs beside a rebuild in the same process, and neither starves the sync jobs,
 * which have a queue of their own.
 */
@Processor(QUEUES.graphMaintenance)
export class GraphMaintenanceProcessor extends WorkerHost {
  constructor(
    @InjectQueue(QUEUES.graphMaintenance) private readonly queue: Queue,
    private readonly reconciler: GraphReconcilerService,
    private readonly rebuilder: GraphRebuildService,
  ) {
    super();
  }

  async process(
    job: Job<Partial<ScheduledMaintenanceJobData>>,
  ): Promise<ReconcileResult | SweepResult | GraphRebuildResult> {
    switch (job.name as GraphMaintenanceJobName) {
      case 'reconcile':
        return this.reconciler.reconcile(job.data.period ?? String(Date.now()));
      case 'sweep':
        if (await this.rebuildUnderWay()) return { skipped: 'a rebuild is under way' };
        return this.reconciler.sweep();
      case 'rebuild':
        return this.rebuilder.rebuild(job);
      default:
        throw new Error(`unknown graph maintenance job ${job.name}`);
    }
  }

  /** A rebuild in another worker would make every user look out of sync; it sweeps at its end. */
  private async rebuildUnderWay(): Promise<boolean> {
    const active = await this.queue.getJobs(['active'], 0, 100);
    return active.some((job) => job.name === 'rebuild');
  }
}
