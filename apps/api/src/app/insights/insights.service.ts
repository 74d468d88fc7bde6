import { Injectable } from '@nestjs/common';
import {
  type CreateInsightRequest,
  type Insight,
  type JobAccepted,
  INSIGHT_LIMITS,
  type InsightListQuery,
  type Page,
  type TrashListQuery,
  type UpdateInsightRequest,
} from '@insight/contracts';
import {
  CategoriesRepository,
  InsightsRepository,
  type InsightWriteResult,
  InvalidCursorError,
} from '@insight/insights';
import {
  type InsightChangeReason,
  InsightJobsProducer,
  InsightPurger,
  WebhookEventsProducer,
} from '@insight/tasks';
import {
  insightNotFound,
  invalidCursor,
  unknownCategory,
  VersionMismatchProblem,
  WriteContendedProblem,
} from '../common/insight-problems';

/** The caller's insights: validation across documents, versioned writes and their follow-up jobs. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly categories: CategoriesRepository,
    private readonly jobs: InsightJobsProducer,
    private readonly events: WebhookEventsProducer,
    private readonly purger: InsightPurger,
  ) {}

  async create(userId: string, request: CreateInsightRequest): Promise<Insight> {
    await this.assertOwnCategory(userId, request.categoryId);
    const insight = await this.insights.create(userId, request);
    await this.jobs.changed([
      { insightId: insight.id, userId, version: insight.version, reason: 'created', analyze: true },
    ]);
    await this.events.publish(userId, 'insight.created', { insight });
    return insight;
  }

  async get(userId: string, id: string): Promise<Insight> {
    const insight = await this.insights.findOwned(userId, id);
    if (!insight) throw insightNotFound(id);
    return insight;
  }

  /** Queues the analysis of the insight's current version again. */
  async reprocess(userId: string, id: string): Promise<JobAccepted> {
    const insight = await this.get(userId, id);
    return this.jobs.reprocess(insight.id, userId, insight.version);
  }

  async list(userId: string, query: InsightListQuery): Promise<Page<Insight>> {
    return this.withCursor(() =>
      this.insights.list(userId, { ...query, limit: query.limit ?? INSIGHT_LIMITS.pageSizeDefault }),
    );
  }

  async listTrash(userId: string, query: TrashListQuery): Promise<Page<Insight>> {
    return this.withCursor(() =>
      this.insights.listTrash(userId, { ...query, limit: query.limit ?? INSIGHT_LIMITS.pageSizeDefault }),
    );
  }

  /** Applies a partial change; `expectedVersion` comes from If-Match. */
  async update(
    userId: string,
    id: string,
    changes: UpdateInsightRequest,
    expectedVersion?: number,
  ): Promise<Insight> {
    if (Object.keys(changes).length === 0) {
      // Nothing to write: answer the current state, still honouring If-Match.
      const current = await this.get(userId, id);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionMismatchProblem(current.version);
      }
      return current;
    }
    await this.assertOwnCategory(userId, changes.categoryId);
    return this.written(
      userId,
      id,
      'updated',
      await this.insights.update(userId, id, changes, expectedVersion),
    );
  }

  async trash(userId: string, id: string): Promise<void> {
    await this.written(userId, id, 'trashed', await this.insights.trash(userId, id));
  }

  async restore(userId: string, id: string): Promise<Insight> {
    return this.written(userId, id, 'restored', await this.insights.restore(userId, id));
  }

  /** Deletes an insight in the trash for good. */
  async purge(userId: string, id: string): Promise<void> {
    if (!(await this.purger.purge(userId, id))) throw insightNotFound(id);
  }

  private async written(
    userId: string,
    id: string,
    reason: InsightChangeReason,
    result: InsightWriteResult,
  ): Promise<Insight> {
    switch (result.outcome) {
      case 'not-found':
        throw insightNotFound(id);
      case 'version-mismatch':
        throw new VersionMismatchProblem(result.currentVersion);
      case 'contended':
        throw new WriteContendedProblem();
      case 'written': {
        const { insight, previous } = result;
        const analyze = insight.title !== previous.title || insight.content !== previous.content;
        await this.jobs.changed([
          { insightId: insight.id, userId, version: insight.version, reason, analyze },
        ]);
        if (reason === 'trashed') {
          await this.events.publish(userId, 'insight.deleted', { insightId: insight.id, permanent: false });
        } else {
          await this.events.publish(userId, 'insight.updated', { insight });
        }
        return insight;
      }
    }
  }

  private async assertOwnCategory(userId: string, categoryId: string | null | undefined): Promise<void> {
    if (categoryId && !(await this.categories.isOwned(userId, categoryId))) throw unknownCategory();
  }

  private async withCursor(list: () => Promise<Page<Insight>>): Promise<Page<Insight>> {
    try {
      return await list();
    } catch (error) {
      if (error instanceof InvalidCursorError) throw invalidCursor();
      throw error;
    }
  }
}
