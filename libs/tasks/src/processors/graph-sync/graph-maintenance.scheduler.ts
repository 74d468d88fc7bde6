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
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import type {
  GraphMaintenanceJobName,
  ScheduledMaintenanceJobData,
} from '../../graph/graph-maintenance-jobs';
import { QUEUES } from '../../queues/queue-names';
import { addPeriodJob, stopTicking, tickEveryPeriod } from '../../schedules/period-jobs';

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
    stopTicking(this.registry, this.names);
  }

  /** Adds this period's job unless a replica already did; false when Redis did not answer. */
  async schedule(name: GraphMaintenanceJobName, periodSeconds: number, now = Date.now()): Promise<boolean> {
    try {
      await addPeriodJob(this.queue, name, periodSeconds, now);
      return true;
    } catch (error) {
      this.logger.warn(`could not schedule graph ${name}: ${(error as Error).message}`);
      return false;
    }
  }

  private every(name: GraphMaintenanceJobName, periodSeconds: number): void {
    this.names.push(
      ...tickEveryPeriod(
        this.registry,
        `graph-${name}`,
        periodSeconds,
        () => void this.schedule(name, periodSeconds),
      ),
    );
  }
}
