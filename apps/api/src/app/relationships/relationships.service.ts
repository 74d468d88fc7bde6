import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  CreateRelationshipRequest,
  Relationship,
  RelationshipFromInsight,
  UpdateRelationshipRequest,
} from '@insight/contracts';
import { RelationshipsRepository, type RelationshipWriteResult } from '@insight/insights';
import { ValidationProblem } from '@insight/platform';
import { insightNotFound } from '../common/insight-problems';

function relationshipNotFound(id: string): NotFoundException {
  return new NotFoundException(`You have no relationship ${id}.`);
}

/** Typed relationships between the caller's insights; repository outcomes become HTTP answers. */
@Injectable()
export class RelationshipsService {
  constructor(private readonly relationships: RelationshipsRepository) {}

  async create(userId: string, input: CreateRelationshipRequest): Promise<Relationship> {
    return this.written(await this.relationships.create(userId, input), input.sourceId, input.targetId);
  }

  async listForInsight(userId: string, insightId: string): Promise<RelationshipFromInsight[]> {
    const list = await this.relationships.listForInsight(userId, insightId);
    if (!list) throw insightNotFound(insightId);
    return list;
  }

  async get(userId: string, id: string): Promise<Relationship> {
    const relationship = await this.relationships.findOwned(userId, id);
    if (!relationship) throw relationshipNotFound(id);
    return relationship;
  }

  async update(userId: string, id: string, patch: UpdateRelationshipRequest): Promise<Relationship> {
    const result = await this.relationships.update(userId, id, patch);
    if (result.outcome === 'not-found') throw relationshipNotFound(id);
    return this.written(result, id, id);
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.relationships.delete(userId, id))) throw relationshipNotFound(id);
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
    }
  }
}
