import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig, withTimeout } from '@insight/platform';
import type {
  GraphMaintenanceJobName,
  ScheduledMaintenanceJobData,
} from '../../graph/graph-maintenance-jobs';
import { QUEUES } from '../../queues/queue-names';

const REDIS_TIMEOUT_MS = 2000;
/** The first run after a start comes soon, not a whole period later. */
const FIRST_TICK_MS = 5000;

/**
 * Schedules reconciliation, the sweep and the cluster computation. Every worker replica ticks, but the job id is the
 * period (`reconcile-60s-<n>`), so each period creates one job however many replicas run, and
 * whichever worker is free runs it. Ticking twice per period means no period is skipped when
 * timers drift.
 */
@Injectable()
export class GraphMaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GraphMaintenanceScheduler.name);
  private readonly names: string[] = [];

  constructor(
    @InjectQueue(QUEUES.graphMaintenance) private readonly queue: Queue<ScheduledMaintenanceJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.GRAPH_RECONCILE_ENABLED) {
      this.every('reconcile', this.config.GRAPH_RECONCILE_INTERVAL_SECONDS);
      this.every('sweep', this.config.GRAPH_SWEEP_INTERVAL_SECONDS);
    } else {
      this.logger.log('graph reconciliation is switched off (GRAPH_RECONCILE_ENABLED=false)');
    }
    if (this.config.GRAPH_CLUSTERS_ENABLED) {
      this.every('clusters', this.config.GRAPH_CLUSTERS_INTERVAL_SECONDS);
    } else {
      this.logger.log('graph clusters are switched off (GRAPH_CLUSTERS_ENABLED=false)');
    }
  }

  onApplicationShutdown(): void {
    for (const name of this.names) {
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
      if (this.registry.doesExist('timeout', `${name}-first`)) this.registry.deleteTimeout(`${name}-first`);
    }
  }

  /** Adds this period's job unless a replica already did; false when Redis did not answer. */
  async schedule(name: GraphMaintenanceJobName, periodSeconds: number, now = Date.now()): Promise<boolean> {
    const period = String(Math.floor(now / (periodSeconds * 1000)));
    try {
      await withTimeout(
        this.queue.add(
          name,
          { period },
          {
            jobId: `${name}-${periodSeconds}s-${period}`,
            // The next period runs again anyway; keep a bounded history of both outcomes.
            attempts: 1,
            removeOnComplete: { age: 24 * 3600, count: 500 },
            removeOnFail: { count: 500 },
          },
        ),
        REDIS_TIMEOUT_MS,
        'redis',
      );
      return true;
    } catch (error) {
      this.logger.warn(`could not schedule graph ${name}: ${(error as Error).message}`);
      return false;
    }
  }

  private every(name: GraphMaintenanceJobName, periodSeconds: number): void {
    const tick = () => void this.schedule(name, periodSeconds);
    const key = `graph-${name}`;
    this.names.push(key);
    this.registry.addInterval(key, setInterval(tick, Math.max(1000, (periodSeconds * 1000) / 2)));
    this.registry.addTimeout(`${key}-first`, setTimeout(tick, Math.min(FIRST_TICK_MS, periodSeconds * 1000)));
  }
}
