import { Injectable, Logger } from '@nestjs/common';
import {
  CorpusRepository,
  InsightsRepository,
  RelationshipsRepository,
  ReviewRepository,
  SuggestionsRepository,
} from '@insight/insights';
import { WebhookEventsProducer } from '../webhooks/webhook-events.producer';
import { InsightJobsProducer } from './insight-jobs.producer';

/**
 * Deletes a trashed insight for good, with everything that hangs on it: its relationships, its
 * review schedule, the suggestions naming it, its stems in the owner's corpus (so IDF counts only
 * existing insights), its graph node (the purge's graph-sync job) and the `insight.deleted`
 * webhook event. One path for `DELETE /trash/:id` and the scheduled trash purge.
 */
@Injectable()
export class InsightPurger {
  private readonly logger = new Logger(InsightPurger.name);

  constructor(
    private readonly insights: InsightsRepository,
    private readonly relationships: RelationshipsRepository,
    private readonly reviews: ReviewRepository,
    private readonly suggestions: SuggestionsRepository,
    private readonly corpus: CorpusRepository,
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
    await this.suggestions.removeForInsight(userId, id);
    // A version past the last one: no late analysis of the insight can count it back in.
    await this.corpus.record(userId, id, purged.version + 1, null).catch((error: Error) => {
      this.logger.warn(`insight ${id} left in the corpus of ${userId}: ${error.message}`);
    });
    await this.jobs.changed([
      { insightId: id, userId, version: purged.version, reason: 'purged', analyze: false },
    ]);
    await this.events.publish(userId, 'insight.deleted', { insightId: id, permanent: true });
    return true;
  }
}
