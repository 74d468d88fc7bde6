import type { ImportItemError, ImportResult, TransferCounts } from '@insight/contracts';
import {
  categoryNameKey,
  type CategoryToImport,
  type InsightToImport,
  PortabilityRepository,
  type RelationshipToImport,
  type ReviewStateToImport,
  storedOrientation,
  type SuggestionDecisionToImport,
} from '@insight/insights';
import type { InsightJobsProducer } from '../../insights/insight-jobs.producer';

/** Items per insertMany (and per addBulk of their follow-up jobs). */
export const IMPORT_BATCH = 1000;
const MAX_REPORTED_ERRORS = 1000;

/** Where an item came from, for its error report. */
export interface ItemOrigin {
  line: number | null;
  item: string | null;
}

export type InsightForImport = Omit<InsightToImport, 'key' | 'categoryId'> & { categoryName: string | null };
export type RelationshipForImport = Omit<RelationshipToImport, 'sourceId' | 'targetId'>;
export type ReviewStateForImport = Omit<ReviewStateToImport, 'insightId'>;
export type SuggestionDecisionForImport = Omit<SuggestionDecisionToImport, 'sourceId' | 'targetId'>;

interface PendingRelationship {
  sourceKey: string;
  targetKey: string;
  relationship: RelationshipForImport;
  origin: ItemOrigin;
}

const zero = (): TransferCounts => ({
  categories: 0,
  insights: 0,
  relationships: 0,
  reviewStates: 0,
  suggestionDecisions: 0,
});

/**
 * Collects what an import reads (any format) and writes it in bulk: categories by name, insights
 * in batches under their import keys (so a second run creates nothing), relationships in batches
 * as soon as both their insights are known (one that points forward waits for the end), then the
 * graph sync and analysis jobs of what was created, in bulk. Memory holds a batch of each kind,
 * the import keys' ids and the forward links, not the whole file.
 */
export class ImportSink {
  private readonly created = zero();
  private readonly skipped = zero();
  private readonly errors: ImportItemError[] = [];
  private errorCount = 0;
  private readonly categoryDetails = new Map<string, CategoryToImport>();
  private readonly categoryIds = new Map<string, string>();
  private insights: { key: string; insight: InsightForImport; origin: ItemOrigin }[] = [];
  private relationships: PendingRelationship[] = [];
  /** Links to an insight not read yet: written at the end, once every insight is known. */
  private readonly forwardRelationships: PendingRelationship[] = [];
  private reviewStates: { key: string; state: ReviewStateForImport; origin: ItemOrigin }[] = [];
  private decisions: {
    sourceKey: string;
    targetKey: string;
    decision: SuggestionDecisionForImport;
    origin: ItemOrigin;
  }[] = [];
  /** Import key → the insight id it has in this account. */
  private readonly insightIds = new Map<string, string>();

  constructor(
    private readonly userId: string,
    private readonly repository: PortabilityRepository,
    private readonly jobs: InsightJobsProducer,
  ) {}

  error(origin: ItemOrigin, reason: string): void {
    this.errorCount += 1;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ ...origin, reason });
  }

  /** Details for a category that insights name (one named but never described gets defaults). */
  category(category: CategoryToImport): void {
    const key = categoryNameKey(category.name);
    if (!this.categoryDetails.has(key)) this.categoryDetails.set(key, category);
  }

  async insight(key: string, insight: InsightForImport, origin: ItemOrigin): Promise<void> {
    this.insights.push({ key, insight, origin });
    if (this.insights.length >= IMPORT_BATCH) await this.flushInsights();
  }

  async relationship(
    sourceKey: string,
    targetKey: string,
    relationship: RelationshipForImport,
    origin: ItemOrigin,
  ): Promise<void> {
    this.relationships.push({ sourceKey, targetKey, relationship, origin });
    if (this.relationships.length >= IMPORT_BATCH) await this.flushRelationships();
  }

  /** A review schedule of an insight read earlier in the file; written a batch at a time. */
  async reviewState(key: string, state: ReviewStateForImport, origin: ItemOrigin): Promise<void> {
    this.reviewStates.push({ key, state, origin });
    if (this.reviewStates.length >= IMPORT_BATCH) await this.flushReviewStates();
  }

  /** A suggestion decision between insights read earlier in the file; written a batch at a time. */
  async suggestionDecision(
    sourceKey: string,
    targetKey: string,
    decision: SuggestionDecisionForImport,
    origin: ItemOrigin,
  ): Promise<void> {
    this.decisions.push({ sourceKey, targetKey, decision, origin });
    if (this.decisions.length >= IMPORT_BATCH) await this.flushDecisions();
  }

  /** Insights seen so far (written or waiting in the batch). */
  get insightCount(): number {
    return this.insightIds.size + this.insights.length;
  }

  async finish(): Promise<ImportResult> {
    await this.flushInsights();
    await this.flushRelationships();
    for (let start = 0; start < this.forwardRelationships.length; start += IMPORT_BATCH) {
      await this.writeRelationships(this.forwardRelationships.slice(start, start + IMPORT_BATCH));
    }
    await this.flushReviewStates();
    await this.flushDecisions();
    return { created: this.created, skipped: this.skipped, errors: this.errors, errorCount: this.errorCount };
  }

  private async flushInsights(): Promise<void> {
    if (this.insights.length === 0) return;
    const batch = this.insights;
    this.insights = [];
    await this.ensureCategories(batch.map((entry) => entry.insight.categoryName));
    const targets = await this.repository.claimImportKeys(
      this.userId,
      batch.map((entry) => entry.key),
    );
    const items = batch.map(({ key, insight }) => {
      const id = targets.get(key) ?? '';
      this.insightIds.set(key, id);
      const { categoryName, ...rest } = insight;
      const categoryId = categoryName ? (this.categoryIds.get(categoryNameKey(categoryName)) ?? null) : null;
      return { id, insight: { ...rest, key, categoryId } };
    });
    // The same key twice in one file is one insight.
    const unique = [...new Map(items.map((item) => [item.id, item])).values()];
    const outcome = await this.repository.insertInsights(this.userId, unique);
    this.created.insights += outcome.createdIds.length;
    this.skipped.insights += batch.length - outcome.createdIds.length;
    await this.jobs.changed(
      outcome.createdIds.map((insightId) => ({
        insightId,
        userId: this.userId,
        version: 1,
        reason: 'created',
        analyze: true,
      })),
    );
  }

  private async ensureCategories(names: (string | null)[]): Promise<void> {
    const wanted = new Map<string, CategoryToImport>();
    for (const name of names) {
      if (!name) continue;
      const key = categoryNameKey(name);
      if (this.categoryIds.has(key) || wanted.has(key)) continue;
      const now = new Date();
      wanted.set(
        key,
        this.categoryDetails.get(key) ?? {
          name,
          colour: '#64748b',
          icon: 'label',
          createdAt: now,
          updatedAt: now,
        },
      );
    }
    if (wanted.size === 0) return;
    const { ids, created } = await this.repository.ensureCategories(this.userId, [...wanted.values()]);
    for (const [key, id] of ids) this.categoryIds.set(key, id);
    this.created.categories += created.length;
    this.skipped.categories += wanted.size - created.length;
    const changedAt = new Date();
    await this.jobs.categoriesChanged(
      created.map((categoryId) => ({ categoryId, userId: this.userId, changedAt, reason: 'created' })),
    );
  }

  /** Writes the waiting links whose insights are both known; the others wait for the end. */
  private async flushRelationships(): Promise<void> {
    await this.flushInsights();
    const ready: PendingRelationship[] = [];
    for (const pending of this.relationships) {
      const known = this.insightIds.has(pending.sourceKey) && this.insightIds.has(pending.targetKey);
      (known ? ready : this.forwardRelationships).push(pending);
    }
    this.relationships = [];
    if (ready.length > 0) await this.writeRelationships(ready);
  }

  private async writeRelationships(batch: PendingRelationship[]): Promise<void> {
    const items: RelationshipToImport[] = [];
    for (const { sourceKey, targetKey, relationship, origin } of batch) {
      const source = this.insightIds.get(sourceKey);
      const target = this.insightIds.get(targetKey);
      if (!source || !target) {
        this.error(origin, `links to ${!source ? sourceKey : targetKey}, which is not in the import`);
        continue;
      }
      if (source === target) {
        this.error(origin, 'an insight cannot relate to itself');
        continue;
      }
      items.push({ ...relationship, ...storedOrientation(relationship.type, source, target) });
    }
    const outcome = await this.repository.insertRelationships(this.userId, items);
    this.created.relationships += outcome.created.length;
    this.skipped.relationships += outcome.existing;
    await this.jobs.relationshipsChanged(
      outcome.created.map(({ id, sourceId }) => ({
        relationshipId: id,
        userId: this.userId,
        version: 1,
        sourceId,
        reason: 'created',
      })),
    );
  }

  /** The insight id of an import key, or null after reporting the item that named it. */
  private insightIdOf(key: string, origin: ItemOrigin): string | null {
    const id = this.insightIds.get(key);
    if (!id) this.error(origin, `names ${key}, which is not in the import`);
    return id ?? null;
  }

  private async flushReviewStates(): Promise<void> {
    // Insights come first in a file: write those waiting so every key has its id.
    await this.flushInsights();
    const batch = this.reviewStates;
    this.reviewStates = [];
    const items: ReviewStateToImport[] = [];
    for (const { key, state, origin } of batch) {
      const insightId = this.insightIdOf(key, origin);
      if (insightId) items.push({ ...state, insightId });
    }
    const created = await this.repository.upsertReviewStates(this.userId, items);
    this.created.reviewStates += created;
    this.skipped.reviewStates += items.length - created;
  }

  private async flushDecisions(): Promise<void> {
    await this.flushInsights();
    const batch = this.decisions;
    this.decisions = [];
    const items: SuggestionDecisionToImport[] = [];
    for (const { sourceKey, targetKey, decision, origin } of batch) {
      const sourceId = this.insightIdOf(sourceKey, origin);
      const targetId = sourceId ? this.insightIdOf(targetKey, origin) : null;
      if (sourceId && targetId) items.push({ ...decision, sourceId, targetId });
    }
    if (items.length === 0) return;
    const outcome = await this.repository.insertSuggestionDecisions(this.userId, items);
    this.created.suggestionDecisions += outcome.created;
    this.skipped.suggestionDecisions += outcome.existing;
  }
}
