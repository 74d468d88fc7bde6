import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type CreateRelationshipRequest,
  INSIGHT_LIMITS,
  type Page,
  type Relationship,
  type RelationshipFromInsight,
  type UpdateRelationshipRequest,
} from '@insight/contracts';
import { InvalidCursorError, RelationshipsRepository, type RelationshipWriteResult } from '@insight/insights';
import { ValidationProblem } from '@insight/platform';
import { InsightJobsProducer, type RelationshipChangeReason, WebhookEventsProducer } from '@insight/tasks';
import { insightNotFound, invalidCursor, WriteContendedProblem } from '../common/insight-problems';

function relationshipNotFound(id: string): NotFoundException {
  return new NotFoundException(`You have no relationship ${id}.`);
}

/**
 * Typed relationships between the caller's insights; repository outcomes become HTTP answers,
 * and every committed change is handed to the graph sync.
 */
@Injectable()
export class RelationshipsService {
  constructor(
    private readonly relationships: RelationshipsRepository,
    private readonly jobs: InsightJobsProducer,
    private readonly events: WebhookEventsProducer,
  ) {}

  async create(userId: string, input: CreateRelationshipRequest): Promise<Relationship> {
    const relationship = this.written(
      await this.relationships.create(userId, input),
      input.sourceId,
      input.targetId,
    );
    await this.synced(userId, relationship, 'created');
    await this.events.publish(userId, 'relationship.created', { relationship });
    return relationship;
  }

  async listForInsight(
    userId: string,
    insightId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<RelationshipFromInsight>> {
    try {
      const list = await this.relationships.listForInsight(userId, insightId, {
        cursor: page.cursor,
        limit: page.limit ?? INSIGHT_LIMITS.pageSizeDefault,
      });
      if (!list) throw insightNotFound(insightId);
      return list;
    } catch (error) {
      if (error instanceof InvalidCursorError) throw invalidCursor();
      throw error;
    }
  }

  async get(userId: string, id: string): Promise<Relationship> {
    const relationship = await this.relationships.findOwned(userId, id);
    if (!relationship) throw relationshipNotFound(id);
    return relationship;
  }

  async update(userId: string, id: string, patch: UpdateRelationshipRequest): Promise<Relationship> {
    const result = await this.relationships.update(userId, id, patch);
    if (result.outcome === 'not-found') throw relationshipNotFound(id);
    const relationship = this.written(result, id, id);
    await this.synced(userId, relationship, 'updated');
    return relationship;
  }

  async delete(userId: string, id: string): Promise<void> {
    const deleted = await this.relationships.delete(userId, id);
    if (!deleted) throw relationshipNotFound(id);
    await this.synced(userId, deleted, 'deleted');
  }

  /** Never throws (see InsightJobsProducer): the write has committed either way. */
  private synced(
    userId: string,
    relationship: Relationship,
    reason: RelationshipChangeReason,
  ): Promise<void> {
    return this.jobs.relationshipsChanged([
      {
        relationshipId: relationship.id,
        userId,
        version: relationship.version,
        sourceId: relationship.sourceId,
        reason,
      },
    ]);
  }

  private written(result: RelationshipWriteResult, sourceId: string, targetId: string): Relationship {
    switch (result.outcome) {
      case 'written':
        return result.relationship;
      case 'self-loop':
        throw new ValidationProblem({
          targetId: ['must differ from sourceId: an insight cannot relate to itself'],
        });
      case 'duplicate':
        throw new ConflictException('These insights are already linked with this type (or its mirror).');
      case 'insight-not-found':
        throw new NotFoundException(`You have no insight ${sourceId} or no insight ${targetId}.`);
      case 'not-found':
        throw relationshipNotFound(sourceId);
      case 'contended':
        throw new WriteContendedProblem();
    }
  }
}
