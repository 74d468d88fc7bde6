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
import { QUEUES } from '../../queues/queue-names';
import { addPeriodJob, type PeriodJobData, stopTicking, tickEveryPeriod } from '../../schedules/period-jobs';
import type { ScheduledWorkName } from '../../schedules/scheduled-work-jobs';

/** Each schedule's switch and period, from the config. */
export function scheduledWork(
  config: AppConfig,
): { name: ScheduledWorkName; enabled: boolean; periodSeconds: number }[] {
  return [
    {
      name: 'trash-purge',
      enabled: config.TRASH_PURGE_ENABLED,
      periodSeconds: config.TRASH_PURGE_INTERVAL_SECONDS,
    },
    {
      name: 'review-refresh',
      enabled: config.REVIEW_REFRESH_ENABLED,
      periodSeconds: config.REVIEW_REFRESH_INTERVAL_SECONDS,
    },
    { name: 'digests', enabled: config.DIGEST_ENABLED, periodSeconds: config.DIGEST_INTERVAL_SECONDS },
    { name: 'stats', enabled: config.STATS_ENABLED, periodSeconds: config.STATS_INTERVAL_SECONDS },
    { name: 'backup', enabled: config.BACKUP_ENABLED, periodSeconds: config.BACKUP_INTERVAL_SECONDS },
  ];
}

/**
 * Schedules the daily trash purge, review refresh and backup, the weekly digests and the hourly
 * statistics. Like the graph maintenance, every replica ticks but the job id is the period, so
 * each runs once per period however many workers there are; each can be switched off.
 */
@Injectable()
export class ScheduledWorkScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledWorkScheduler.name);
  private readonly names: string[] = [];

  constructor(
    @InjectQueue(QUEUES.scheduledWork) private readonly queue: Queue<PeriodJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    for (const { name, enabled, periodSeconds } of scheduledWork(this.config)) {
      if (!enabled) {
        this.logger.log(`scheduled ${name} is switched off`);
        continue;
      }
      const tick = () =>
        void addPeriodJob(this.queue, name, periodSeconds).catch((error: Error) =>
          this.logger.warn(`could not schedule ${name}: ${error.message}`),
        );
      this.names.push(...tickEveryPeriod(this.registry, `scheduled-${name}`, periodSeconds, tick));
    }
  }

  onApplicationShutdown(): void {
    stopTicking(this.registry, this.names);
  }
}
