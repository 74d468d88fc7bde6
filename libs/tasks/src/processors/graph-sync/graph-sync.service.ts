import { Injectable } from '@nestjs/common';
import { InsightProjectionService } from '@insight/graph';
import type { InsightTextAnalysis } from '@insight/contracts';
import {
  GraphSourcesRepository,
  GraphSyncStateRepository,
  type InsightSource,
  type MarkOutcome,
} from '@insight/insights';
import { categoryGraphDocument, insightGraphDocument, relationshipGraphDocument } from './graph-documents';

/** What one sync did, as the job's result. */
export interface GraphSyncResult {
  outcome: 'applied' | 'stale' | 'removed';
  /** The version projected (absent when the document is gone). */
  version?: number;
  /** Whether graphVersion was recorded in MongoDB, or why not. */
  recorded?: MarkOutcome;
}

/**
 * Brings one document's projection up to date with MongoDB. Whatever version a job names, the
 * current document is what gets projected, so replays and out-of-order jobs converge; a document
 * that no longer exists is removed from the graph.
 */
@Injectable()
export class GraphSyncService {
  constructor(
    private readonly sources: GraphSourcesRepository,
    private readonly state: GraphSyncStateRepository,
    private readonly projection: InsightProjectionService,
  ) {}

  async syncInsight(insightId: string): Promise<GraphSyncResult> {
    const insight = await this.sources.insight(insightId);
    if (!insight) {
      await this.projection.removeInsight(insightId);
      return { outcome: 'removed' };
    }
    const outcome = await this.project(insight);
    const recorded = await this.state.markInsightSynced(insight.id, insight.version);
    return { outcome, version: insight.version, recorded };
  }

  /**
   * Projects the insight as the analysis job read it, with the analysis about to be stored, and
   * records nothing: the analysis job projects first so that its store records graphVersion in
   * the same write. No second read: every write bumps the version, the projection skips a version
   * older than the graph's and the store one that is no longer current. Returns whether the graph
   * now holds exactly that version with that analysis (not when it holds a later one).
   */
  async projectAnalysis(insight: InsightSource, analysis: InsightTextAnalysis): Promise<boolean> {
    const outcome = await this.project({ ...insight, analysis: { ...analysis } });
    return outcome === 'applied';
  }

  private async project(insight: InsightSource): Promise<'applied' | 'stale'> {
    // The category node carries the name `category:` searches by and the colour graphs show.
    const found = insight.categoryId ? await this.sources.category(insight.categoryId) : null;
    const category = found?.userId === insight.userId ? found : null;
    if (category) await this.projection.upsertCategory(categoryGraphDocument(category));
    // A category deleted meanwhile is left out rather than projected as a nameless node; the
    // deletion already bumped this insight's version, so its next sync agrees.
    return this.projection.upsertInsight(
      insightGraphDocument({ ...insight, categoryId: category ? insight.categoryId : null }),
    );
  }

  /**
   * @throws when an insight of the relationship is not projected yet, so the job is retried
   * with backoff (the insight's own sync is usually just behind).
   */
  async syncRelationship(relationshipId: string, sourceId: string): Promise<GraphSyncResult> {
    const relationship = await this.sources.relationship(relationshipId);
    if (!relationship) {
      await this.projection.removeRelationship(relationshipId, sourceId);
      return { outcome: 'removed' };
    }
    const outcomes = await this.projection.upsertRelationships([relationshipGraphDocument(relationship)]);
    const outcome = outcomes.get(relationship.id) ?? 'missing';
    if (outcome === 'missing') {
      // An end that no longer exists in MongoDB never will: the link is dangling, not early.
      const ends = await this.sources.existingInsightIds([relationship.sourceId, relationship.targetId]);
      if (ends.size < 2) {
        await this.projection.removeRelationship(relationship.id, relationship.sourceId);
        return { outcome: 'removed' };
      }
      throw new Error(`insights of relationship ${relationship.id} are not projected yet`);
    }
    const recorded = await this.state.markRelationshipSynced(relationship.id, relationship.version);
    return { outcome, version: relationship.version, recorded };
  }

  async syncCategory(categoryId: string): Promise<GraphSyncResult> {
    const category = await this.sources.category(categoryId);
    if (!category) {
      await this.projection.removeCategory(categoryId);
      return { outcome: 'removed' };
    }
    await this.projection.upsertCategory(categoryGraphDocument(category));
    return { outcome: 'applied' };
  }
}
