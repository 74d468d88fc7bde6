import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { Types } from 'mongoose';
import type { InsightKeyword } from '@insight/contracts';
import { RelatedCandidatesService } from '@insight/graph';
import {
  InsightAnalysisRepository,
  type ScoringSource,
  SuggestionsRepository,
  type SuggestionsReplaced,
} from '@insight/insights';
import { UserEventsPublisher } from '../../events/user-events.publisher';
import { SUGGESTIONS_METRIC } from '../../suggestions/suggestion-metrics';
import { bestSuggestions, type ScoredInsight, scoreRelated } from './related-scoring';

/** Insights read behind each keyword or tag in the graph. */
const PER_TERM = 200;
/** Candidates scored per discovery (those sharing most keywords and tags). */
const CANDIDATES = 50;

/** What one discovery did, as its job's result. */
export interface DiscoveryResult {
  skipped?: 'gone' | 'not-analysed';
  candidates?: number;
  suggestions?: SuggestionsReplaced;
}

function keywordsOf(source: ScoringSource): InsightKeyword[] {
  const keywords = source.analysis?.keywords;
  return Array.isArray(keywords) ? keywords.filter((k) => typeof k?.stem === 'string') : [];
}

function scored(source: ScoringSource): ScoredInsight {
  return {
    id: source.id,
    keywords: keywordsOf(source),
    tags: source.tags,
    createdAt: source.createdAt,
    sentiment: typeof source.analysis?.sentiment === 'number' ? source.analysis.sentiment : null,
  };
}

/**
 * Finds insights related to an analysed one: candidates sharing keywords or tags come from the
 * graph (bounded per keyword and in total), as do which are already linked or two hops away;
 * pairs already linked or decided by the user are left out, the rest are scored and the best
 * few stored as open suggestions with their reasons.
 */
@Injectable()
export class RelatedDiscoveryService {
  constructor(
    private readonly insights: InsightAnalysisRepository,
    private readonly candidates: RelatedCandidatesService,
    private readonly suggestions: SuggestionsRepository,
    private readonly events: UserEventsPublisher,
    @InjectMetric(SUGGESTIONS_METRIC) private readonly suggestionsMade: Counter<string>,
  ) {}

  async discover(insightId: string): Promise<DiscoveryResult> {
    const source = await this.insights.source(insightId);
    if (!source || source.deletedAt) return { skipped: 'gone' };
    // Content changed since the analysis: the new version's analysis discovers again.
    if (source.analysis?.insightVersion !== source.version) return { skipped: 'not-analysed' };
    const subject = scored(source);
    const found = await this.candidates.candidates({
      userId: source.userId,
      insightId,
      terms: subject.keywords.map((keyword) => keyword.term),
      tags: source.tags,
      perTerm: PER_TERM,
      limit: CANDIDATES,
    });
    const ids = found.map((candidate) => candidate.id);
    const [{ linked, twoHops: near }, decided, others] = await Promise.all([
      this.candidates.proximity(source.userId, insightId, ids),
      this.suggestions.decidedAmong(source.userId, insightId, ids),
      this.insights.scoringOf(
        new Types.ObjectId(source.userId),
        ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)),
      ),
    ]);
    const best = bestSuggestions(
      others
        // A candidate whose current text is not analysed yet discovers this pair itself once it is.
        .filter((other) => other.analysis?.insightVersion === other.version)
        .filter((other) => !linked.has(other.id) && !decided.has(other.id))
        .map((other) => ({
          id: other.id,
          score: scoreRelated(subject, scored(other), { nearInGraph: near.has(other.id) }),
        })),
    );
    const suggestions = await this.suggestions.replaceOpen(
      source.userId,
      insightId,
      best.map((entry) => ({
        targetId: entry.id,
        type: entry.score.type,
        score: entry.score.score,
        reasons: entry.score.reasons,
      })),
    );
    if (suggestions.created > 0) {
      this.suggestionsMade.inc({ outcome: 'made' }, suggestions.created);
      await this.events.publish(source.userId, {
        type: 'suggestions.created',
        insightId,
        count: suggestions.created,
      });
    }
    return { candidates: found.length, suggestions };
  }
}
