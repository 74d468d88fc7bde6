import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type {
  AcceptedSuggestion,
  AcceptSuggestionRequest,
  Page,
  RelationshipSuggestion,
} from '@insight/contracts';
import {
  InvalidSuggestionCursorError,
  type SuggestionEntity,
  SuggestionsRepository,
  typeSeenFrom,
} from '@insight/insights';
import { ValidationProblem } from '@insight/platform';
import { SUGGESTIONS_METRIC } from '@insight/tasks';
import { insightNotFound, invalidCursor } from '../common/insight-problems';
import { RelationshipsService } from '../relationships/relationships.service';

function suggestionNotFound(id: string): NotFoundException {
  return new NotFoundException(`You have no suggestion ${id}.`);
}

/** The suggestion inbox: list, accept (creates the relationship) and reject (for good). */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly suggestions: SuggestionsRepository,
    private readonly relationships: RelationshipsService,
    @InjectMetric(SUGGESTIONS_METRIC) private readonly decisions: Counter<string>,
  ) {}

  async listForInsight(
    userId: string,
    insightId: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<RelationshipSuggestion>> {
    try {
      const page = await this.suggestions.listForInsight(userId, insightId, {
        cursor: query.cursor,
        limit: query.limit ?? 20,
      });
      if (!page) throw insightNotFound(insightId);
      return page;
    } catch (error) {
      if (error instanceof InvalidSuggestionCursorError) throw invalidCursor();
      throw error;
    }
  }

  /**
   * Creates the proposed relationship (or one of `type`) through the relationships service, so
   * its rules apply (409 when the pair is already linked with that type), then records the decision.
   */
  async accept(userId: string, id: string, request: AcceptSuggestionRequest): Promise<AcceptedSuggestion> {
    const open = await this.openSuggestion(userId, id);
    const from = this.sideOf(open, request.insightId);
    // A type read from the target's side (its list showed the proposal's inverse) links target → source.
    const [sourceId, targetId] =
      from === 'source' ? [open.sourceId, open.targetId] : [open.targetId, open.sourceId];
    const relationship = await this.relationships.create(userId, {
      sourceId: sourceId.toHexString(),
      targetId: targetId.toHexString(),
      type: request.type ?? typeSeenFrom(open.type, from === 'source' ? 'outgoing' : 'incoming'),
      strength: open.score,
    });
    const decided = await this.suggestions.decide(open._id, 'accepted', relationship.id);
    this.decisions.inc({ outcome: 'accepted' });
    return {
      suggestion: await this.suggestions.view(decided ?? open, sourceId.toHexString()),
      relationship,
    };
  }

  /** Never suggested again for this pair; rejecting twice answers the same. */
  async reject(userId: string, id: string): Promise<RelationshipSuggestion> {
    const found = await this.suggestions.findOwned(userId, id);
    if (!found) throw suggestionNotFound(id);
    if (found.status === 'rejected') return this.suggestions.view(found);
    const open = await this.openSuggestion(userId, id);
    const decided = await this.suggestions.decide(open._id, 'rejected');
    if (!decided) throw new ConflictException('The suggestion was decided meanwhile.');
    this.decisions.inc({ outcome: 'rejected' });
    return this.suggestions.view(decided);
  }

  /** Which end of the pair `insightId` is; the source when absent. */
  private sideOf(suggestion: SuggestionEntity, insightId: string | undefined): 'source' | 'target' {
    if (insightId === undefined || suggestion.sourceId.equals(insightId)) return 'source';
    if (suggestion.targetId.equals(insightId)) return 'target';
    throw new ValidationProblem({ insightId: ['is not one of the two insights of this suggestion'] });
  }

  private async openSuggestion(userId: string, id: string): Promise<SuggestionEntity> {
    const found = await this.suggestions.findOwned(userId, id);
    if (!found) throw suggestionNotFound(id);
    if (found.status !== 'open') throw new ConflictException(`The suggestion is already ${found.status}.`);
    return found;
  }
}
