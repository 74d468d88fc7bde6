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
import type { RediscoverChangedJobData } from '../../insights/insight-jobs';
import { QUEUES } from '../../queues/queue-names';

const REDIS_TIMEOUT_MS = 2000;
const FIRST_TICK_MS = 5000;
const INTERVAL_NAME = 'rediscover-changed';

/**
 * Schedules the re-discovery of related insights for insights changed in the last period
 * (nightly by default). As with graph maintenance, every replica ticks but the job id is the
 * period, so each period runs once however many workers there are.
 */
@Injectable()
export class RediscoveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RediscoveryScheduler.name);

  constructor(
    @InjectQueue(QUEUES.discoverRelated) private readonly queue: Queue<RediscoverChangedJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.REDISCOVERY_ENABLED) {
      this.logger.log('re-discovery of related insights is switched off (REDISCOVERY_ENABLED=false)');
      return;
    }
    const periodMs = this.config.REDISCOVERY_INTERVAL_SECONDS * 1000;
    const tick = () => void this.schedule();
    this.registry.addInterval(INTERVAL_NAME, setInterval(tick, Math.max(1000, periodMs / 2)));
    this.registry.addTimeout(`${INTERVAL_NAME}-first`, setTimeout(tick, Math.min(FIRST_TICK_MS, periodMs)));
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    if (this.registry.doesExist('timeout', `${INTERVAL_NAME}-first`)) {
      this.registry.deleteTimeout(`${INTERVAL_NAME}-first`);
    }
  }

  /** Adds this period's job unless a replica already did; false when Redis did not answer. */
  async schedule(now = Date.now()): Promise<boolean> {
    const periodMs = this.config.REDISCOVERY_INTERVAL_SECONDS * 1000;
    const period = Math.floor(now / periodMs);
    // The period that just ended: what changed during it (and since) is re-discovered.
    const since = new Date((period - 1) * periodMs).toISOString();
    try {
      await withTimeout(
        this.queue.add(
          'rediscover-changed',
          { period: String(period), since },
          {
            jobId: `rediscover-${this.config.REDISCOVERY_INTERVAL_SECONDS}s-${period}`,
            attempts: 3,
            removeOnComplete: { age: 7 * 24 * 3600, count: 100 },
            removeOnFail: { count: 100 },
          },
        ),
        REDIS_TIMEOUT_MS,
        'redis',
      );
      return true;
    } catch (error) {
      this.logger.warn(`could not schedule re-discovery: ${(error as Error).message}`);
      return false;
    }
  }
}
