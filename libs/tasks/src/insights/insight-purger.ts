import { Injectable } from '@nestjs/common';
import { InsightsRepository, RelationshipsRepository, ReviewRepository } from '@insight/insights';
import { WebhookEventsProducer } from '../webhooks/webhook-events.producer';
import { InsightJobsProducer } from './insight-jobs.producer';

/**
 * Deletes a trashed insight for good, with everything that hangs on it: its relationships, its
 * review schedule, its graph node (the purge's graph-sync job) and the `insight.deleted` webhook
 * event. One path for `DELETE /trash/:id` and the scheduled trash purge.
 */
@Injectable()
export class InsightPurger {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly relationships: RelationshipsRepository,
    private readonly reviews: ReviewRepository,
    private readonly jobs: InsightJobsProducer,
    private readonly events: WebhookEventsProducer,
  ) {}

  /** False when the user has no such insight in the trash. */
  async purge(userId: string, id: string): Promise<boolean> {
    const purged = await this.insights.purge(userId, id);
    if (!purged) return false;
    // Links to an insight that no longer exists are already invisible; this removes them.
    await this.relationships.deleteAllOfInsight(userId, id);
    await this.reviews.removeForInsight(userId, id);
    await this.jobs.changed([
      { insightId: id, userId, version: purged.version, reason: 'purged', analyze: false },
    ]);
    await this.events.publish(userId, 'insight.deleted', { insightId: id, permanent: true });
    return true;
  }
}
