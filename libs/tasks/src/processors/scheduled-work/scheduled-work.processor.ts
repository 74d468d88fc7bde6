import { Inject, Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectConnection } from '@nestjs/mongoose';
import type { Job } from 'bullmq';
import type { Connection } from 'mongoose';
import { DashboardRepository, InsightsRepository, ReviewRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { createRotatedBackup } from '../../backup/backup-rotation';
import { UserEventsPublisher } from '../../events/user-events.publisher';
import { InsightPurger } from '../../insights/insight-purger';
import { WebhookEventsProducer } from '../../webhooks/webhook-events.producer';
import { QUEUES } from '../../queues/queue-names';
import type { PeriodJobData } from '../../schedules/period-jobs';
import type {
  BackupRunResult,
  DigestRunResult,
  ReviewRefreshResult,
  ScheduledWorkName,
  StatsRefreshResult,
  TrashPurgeResult,
} from '../../schedules/scheduled-work-jobs';

const DAY_MS = 24 * 3600 * 1000;
const PURGE_BATCH = 200;

/**
 * Runs the scheduled per-user work, one job at a time per worker. Every step is idempotent, so
 * a job that runs again (a retry, a second replica that raced) changes nothing more.
 */
@Processor(QUEUES.scheduledWork)
export class ScheduledWorkProcessor extends WorkerHost {
  private readonly logger = new Logger(ScheduledWorkProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly insights: InsightsRepository,
    private readonly purger: InsightPurger,
    private readonly reviews: ReviewRepository,
    private readonly dashboard: DashboardRepository,
    private readonly events: UserEventsPublisher,
    private readonly webhookEvents: WebhookEventsProducer,
    @InjectConnection() private readonly connection: Connection,
  ) {
    super();
  }

  async process(
    job: Job<Partial<PeriodJobData>>,
  ): Promise<
    TrashPurgeResult | ReviewRefreshResult | StatsRefreshResult | DigestRunResult | BackupRunResult
  > {
    const period = Number(job.data.period ?? 0);
    switch (job.name as ScheduledWorkName) {
      case 'trash-purge':
        return this.purgeTrash();
      case 'review-refresh':
        return this.refreshReviews();
      case 'stats':
        return this.refreshStats();
      case 'digests':
        return this.writeDigests(period);
      case 'backup':
        return this.backup();
      default:
        throw new Error(`unknown scheduled work ${job.name}`);
    }
  }

  /** Purges what stayed in the trash longer than TRASH_RETENTION_DAYS, through the same path as DELETE /trash/:id. */
  async purgeTrash(now = new Date()): Promise<TrashPurgeResult> {
    const cutoff = new Date(now.getTime() - this.config.TRASH_RETENTION_DAYS * DAY_MS);
    let purged = 0;
    for (;;) {
      const batch = await this.insights.trashedBefore(cutoff, PURGE_BATCH);
      let progressed = 0;
      for (const { id, userId } of batch) {
        if (await this.purger.purge(userId, id)) progressed++;
      }
      purged += progressed;
      // A batch that purged nothing (restored or purged meanwhile by someone else) ends the run.
      if (batch.length < PURGE_BATCH || progressed === 0) break;
    }
    if (purged > 0) this.logger.log({ purged, cutoff }, 'purged old trash');
    return { purged, cutoff: cutoff.toISOString() };
  }

  async refreshReviews(now = new Date()): Promise<ReviewRefreshResult> {
    const result: ReviewRefreshResult = { users: 0, enrolled: 0, removed: 0 };
    for (const userId of await this.dashboard.usersWithInsights()) {
      const tally = await this.reviews.reconcile(userId, now);
      result.users++;
      result.enrolled += tally.enrolled;
      result.removed += tally.removed;
    }
    return result;
  }

  async refreshStats(now = new Date()): Promise<StatsRefreshResult> {
    const users = await this.dashboard.usersWithInsights();
    for (const userId of users) {
      await this.dashboard.saveStats(userId, await this.dashboard.computeStats(userId, now));
    }
    return { users: users.length };
  }

  /** Writes a backup of the whole database into BACKUP_DIR and applies the retention (as `npm run backup -- create`). */
  async backup(now = new Date()): Promise<BackupRunResult> {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB is not connected');
    const { path, manifest, deleted } = await createRotatedBackup(db, resolve(this.config.BACKUP_DIR), now);
    const documents = manifest.collections.reduce((sum, c) => sum + c.count, 0);
    this.logger.log({ path, documents, deleted }, 'wrote the scheduled backup');
    return { path, collections: manifest.collections.length, documents, deleted };
  }

  /** The digest of the period before `period` (the one just ended) for every user, once. */
  async writeDigests(period: number, now = new Date()): Promise<DigestRunResult> {
    const periodMs = this.config.DIGEST_INTERVAL_SECONDS * 1000;
    const end = new Date(period * periodMs);
    const start = new Date(end.getTime() - periodMs);
    let created = 0;
    for (const userId of await this.dashboard.usersWithInsights()) {
      const content = await this.dashboard.buildDigest(userId, start, end, now);
      const digest = await this.dashboard.saveDigest(userId, start, end, content, now);
      if (!digest) continue;
      created++;
      await this.events.publish(userId, {
        type: 'digest.created',
        digestId: digest.id,
        periodStart: digest.periodStart,
      });
      await this.webhookEvents.publish(userId, 'digest.weekly', { digest });
    }
    return { periodStart: start.toISOString(), periodEnd: end.toISOString(), created };
  }
}
