import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, Types } from 'mongoose';
import type {
  InsightSourceType,
  PortableCategory,
  PortableInsight,
  PortableRelationship,
  PortableReviewState,
  PortableSuggestionDecision,
  RelationshipCreator,
  RelationshipType,
  TransferCounts,
} from '@insight/contracts';
import { findByIds } from '../common/find-by-ids';
import { CategoryEntity, categoryNameKey } from '../categories/category.schema';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { userObjectId } from '../common/object-id';
import { InsightEntity } from '../insights/insight.schema';
import { RelationshipEntity } from '../relationships/relationship.schema';
import { ReviewStateEntity } from '../review/review-state.schema';
import { SuggestionEntity } from '../suggestions/suggestion.schema';
import { suggestionId, suggestionPair, SuggestionsRepository } from '../suggestions/suggestions.repository';
import { ImportKeyEntity } from './data-transfer.schema';

/** A validated insight to import; `categoryId` is already the importing account's. */
export interface InsightToImport {
  key: string;
  title: string;
  content: string;
  summary: string | null;
  tags: string[];
  categoryId: string | null;
  sourceType: InsightSourceType;
  favorite: boolean;
  importance: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** A validated relationship to import, endpoints already the importing account's, stored orientation. */
export interface RelationshipToImport {
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  strength: number;
  note: string | null;
  createdBy: RelationshipCreator;
  createdAt: Date;
  updatedAt: Date;
}

export interface CategoryToImport {
  name: string;
  colour: string;
  icon: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A validated review schedule to import, for the importing account's insight `insightId`. */
export interface ReviewStateToImport {
  insightId: string;
  dueAt: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReviewedAt: Date | null;
  optedOut: boolean;
}

/** A validated suggestion decision to import, ends already the importing account's. */
export interface SuggestionDecisionToImport {
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  score: number;
  reasons: string[];
  status: 'accepted' | 'rejected';
  createdAt: Date;
  updatedAt: Date;
}

/** What a bulk insert did: new documents, and those that were already there. */
export interface BulkOutcome {
  createdIds: string[];
  existing: number;
}

/**
 * One user's whole data, read as streams for exports and written in bulk for imports. Reads
 * use one cursor per collection (flat memory); writes are insertMany calls of whole batches.
 */
@Injectable()
export class PortabilityRepository {
  constructor(
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(RelationshipEntity.name) private readonly relationships: Model<RelationshipEntity>,
    @InjectModel(CategoryEntity.name) private readonly categories: Model<CategoryEntity>,
    @InjectModel(ImportKeyEntity.name) private readonly importKeys: Model<ImportKeyEntity>,
    @InjectModel(ReviewStateEntity.name) private readonly reviewStates: Model<ReviewStateEntity>,
    @InjectModel(SuggestionEntity.name) private readonly suggestions: Model<SuggestionEntity>,
    private readonly suggestionDecisions: SuggestionsRepository,
  ) {}

  async counts(userId: string): Promise<TransferCounts> {
    const owner = { userId: userObjectId(userId) };
    const [categories, insights, relationships, reviewStates, suggestionDecisions] = await Promise.all([
      this.categories.countDocuments(owner),
      this.insights.countDocuments(owner),
      this.relationships.countDocuments(owner),
      this.reviewStates.countDocuments(owner),
      this.suggestions.countDocuments({ ...owner, status: trusted({ $ne: 'open' }) }),
    ]);
    return { categories, insights, relationships, reviewStates, suggestionDecisions };
  }

  async *exportCategories(userId: string): AsyncGenerator<PortableCategory> {
    const cursor = this.categories
      .find({ userId: userObjectId(userId) })
      .lean<CategoryEntity>()
      .cursor();
    for await (const doc of cursor) {
      yield {
        record: 'category',
        id: doc._id.toHexString(),
        name: doc.name,
        colour: doc.colour,
        icon: doc.icon,
        createdAt: doc.createdAt.toISOString(),
        updatedAt: doc.updatedAt.toISOString(),
      };
    }
  }

  /**
   * Every insight's id and title (the trash included): what an export needs up front to name
   * files, without reading every content twice.
   */
  async *exportInsightTitles(userId: string): AsyncGenerator<{ id: string; title: string }> {
    const cursor = this.insights
      .find({ userId: userObjectId(userId) })
      .select({ title: 1 })
      .lean<Pick<InsightEntity, '_id' | 'title'>>()
      .cursor({ batchSize: 2000 });
    for await (const doc of cursor) yield { id: doc._id.toHexString(), title: doc.title };
  }

  /** Every insight of the user, the trash included, one at a time. */
  async *exportInsights(userId: string): AsyncGenerator<PortableInsight> {
    const cursor = this.insights
      .find({ userId: userObjectId(userId) })
      .lean<InsightEntity>()
      .cursor({ batchSize: 500 });
    for await (const doc of cursor) {
      yield {
        record: 'insight',
        id: doc._id.toHexString(),
        title: doc.title,
        content: doc.content ?? '',
        summary: doc.summary ?? null,
        tags: doc.tags ?? [],
        categoryId: doc.categoryId ? doc.categoryId.toHexString() : null,
        sourceType: doc.sourceType,
        favorite: doc.favorite ?? false,
        importance: doc.importance ?? 0.5,
        analysis: doc.analysis ?? null,
        createdAt: doc.createdAt.toISOString(),
        updatedAt: doc.updatedAt.toISOString(),
        deletedAt: doc.deletedAt ? doc.deletedAt.toISOString() : null,
      };
    }
  }

  async *exportRelationships(userId: string): AsyncGenerator<PortableRelationship> {
    const cursor = this.relationships
      .find({ userId: userObjectId(userId) })
      .lean<RelationshipEntity>()
      .cursor({ batchSize: 1000 });
    for await (const doc of cursor) {
      yield {
        record: 'relationship',
        id: doc._id.toHexString(),
        sourceId: doc.sourceId.toHexString(),
        targetId: doc.targetId.toHexString(),
        type: doc.type,
        strength: doc.strength,
        note: doc.note ?? null,
        createdBy: doc.createdBy,
        createdAt: doc.createdAt.toISOString(),
        updatedAt: doc.updatedAt.toISOString(),
      };
    }
  }

  async *exportReviewStates(userId: string): AsyncGenerator<PortableReviewState> {
    const cursor = this.reviewStates
      .find({ userId: userObjectId(userId) })
      .lean<ReviewStateEntity>()
      .cursor({ batchSize: 1000 });
    for await (const doc of cursor) {
      yield {
        record: 'reviewState',
        insightId: doc._id.toHexString(),
        dueAt: doc.dueAt.toISOString(),
        stability: doc.stability,
        difficulty: doc.difficulty,
        scheduledDays: doc.scheduledDays,
        learningSteps: doc.learningSteps,
        reps: doc.reps,
        lapses: doc.lapses,
        state: doc.state,
        lastReviewedAt: doc.lastReviewedAt ? doc.lastReviewedAt.toISOString() : null,
        optedOut: doc.optedOut ?? false,
      };
    }
  }

  /** Accepted and rejected suggestions; open ones are discovery's to propose again. */
  async *exportSuggestionDecisions(userId: string): AsyncGenerator<PortableSuggestionDecision> {
    const cursor = this.suggestions
      .find({ userId: userObjectId(userId), status: trusted({ $ne: 'open' }) })
      .lean<SuggestionEntity>()
      .cursor({ batchSize: 1000 });
    for await (const doc of cursor) {
      yield {
        record: 'suggestionDecision',
        id: doc._id.toHexString(),
        sourceId: doc.sourceId.toHexString(),
        targetId: doc.targetId.toHexString(),
        type: doc.type,
        score: doc.score,
        reasons: doc.reasons ?? [],
        status: doc.status === 'accepted' ? 'accepted' : 'rejected',
        createdAt: doc.createdAt.toISOString(),
        updatedAt: doc.updatedAt.toISOString(),
      };
    }
  }

  /**
   * Writes review schedules of imported insights. The file's schedule wins over one enrolment
   * gave the insight meanwhile (one upsert per schedule, by `_id` = the insight's id).
   */
  async upsertReviewStates(userId: string, items: ReviewStateToImport[]): Promise<number> {
    if (items.length === 0) return 0;
    const owner = userObjectId(userId);
    const now = new Date();
    const result = await this.reviewStates.collection.bulkWrite(
      items.map(({ insightId, ...card }) => ({
        updateOne: {
          filter: { _id: new Types.ObjectId(insightId), userId: owner },
          update: { $set: { ...card, userId: owner, updatedAt: now }, $setOnInsert: { createdAt: now } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return result.upsertedCount;
  }

  /**
   * Writes suggestion decisions: one document per pair, with discovery's id for the pair. A pair
   * discovery proposed meanwhile (open) takes the file's decision; a pair already decided keeps
   * its own.
   * Returns how many decisions are new in this account.
   */
  async insertSuggestionDecisions(
    userId: string,
    items: SuggestionDecisionToImport[],
  ): Promise<{ created: number; existing: number }> {
    const owner = userObjectId(userId);
    const docs = [
      ...new Map(
        items.map((d) => {
          const pair = suggestionPair(d.sourceId, d.targetId);
          const source = new Types.ObjectId(d.sourceId);
          const target = new Types.ObjectId(d.targetId);
          const doc = {
            _id: suggestionId(owner, pair),
            userId: owner,
            pair,
            insightIds: [source, target],
            sourceId: source,
            targetId: target,
            type: d.type,
            score: d.score,
            reasons: d.reasons,
            status: d.status,
            relationshipId: null,
            createdAt: d.createdAt,
            updatedAt: d.updatedAt,
          };
          return [pair, doc] as const;
        }),
      ).values(),
    ];
    const { createdIds } = await this.insertAll(this.suggestions, docs);
    const inserted = new Set(createdIds);
    const clashed = docs.filter((doc) => !inserted.has(doc._id.toHexString()));
    let decided = 0;
    for (const status of ['accepted', 'rejected'] as const) {
      const pairs = clashed.filter((doc) => doc.status === status).map((doc) => doc.pair);
      decided += await this.suggestionDecisions.decideOpenPairs(userId, pairs, status);
    }
    return { created: createdIds.length + decided, existing: clashed.length - decided };
  }

  /**
   * The ids of these categories in the user's account, creating those whose name (compared as
   * category names are: case and spacing aside) is not there yet. Keyed by name key.
   */
  async ensureCategories(
    userId: string,
    wanted: CategoryToImport[],
  ): Promise<{ ids: Map<string, string>; created: string[] }> {
    const owner = userObjectId(userId);
    const existing = await this.categoryIds(owner);
    const missing = new Map<string, CategoryToImport>();
    for (const category of wanted) {
      const key = categoryNameKey(category.name);
      if (!existing.has(key) && !missing.has(key)) missing.set(key, category);
    }
    const docs = [...missing.entries()].map(([nameKey, c]) => ({
      _id: new Types.ObjectId(),
      userId: owner,
      name: c.name.trim(),
      nameKey,
      colour: c.colour.toLowerCase(),
      icon: c.icon,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
    const { createdIds } = await this.insertAll(this.categories, docs);
    return { ids: await this.categoryIds(owner), created: createdIds };
  }

  /**
   * Claims the import keys of a batch: the target insight id of every key, minting ids for keys
   * seen for the first time. Claiming before writing the insight is what makes a second run
   * (or a run after a crash) write each item at most once.
   */
  async claimImportKeys(userId: string, keys: string[]): Promise<Map<string, string>> {
    const ids = keys.map((key) => `${userId}.${key}`);
    const found = await findByIds<ImportKeyEntity, ImportKeyEntity>(this.importKeys, ids);
    const targets = new Map(found.map((doc) => [doc._id, doc.targetId.toHexString()]));
    const fresh = ids
      .filter((id) => !targets.has(id))
      .map((id) => ({ _id: id, targetId: new Types.ObjectId() }));
    if (fresh.length > 0) {
      const { existing } = await this.insertAll(this.importKeys, fresh);
      // A concurrent run claimed some first: read what it chose.
      if (existing > 0) {
        const again = await findByIds<ImportKeyEntity, ImportKeyEntity>(
          this.importKeys,
          fresh.map((f) => f._id),
        );
        for (const doc of again) targets.set(doc._id, doc.targetId.toHexString());
      } else {
        for (const doc of fresh) targets.set(doc._id, doc.targetId.toHexString());
      }
    }
    return new Map(keys.map((key) => [key, targets.get(`${userId}.${key}`) ?? '']));
  }

  /** Writes insights with the ids their keys claimed; those already written are left alone. */
  async insertInsights(
    userId: string,
    items: { id: string; insight: InsightToImport }[],
  ): Promise<BulkOutcome> {
    const owner = userObjectId(userId);
    const now = new Date();
    return this.insertAll(
      this.insights,
      items.map(({ id, insight: i }) => ({
        _id: new Types.ObjectId(id),
        userId: owner,
        title: i.title,
        content: i.content,
        summary: i.summary,
        tags: i.tags,
        categoryId: i.categoryId ? new Types.ObjectId(i.categoryId) : null,
        sourceType: i.sourceType,
        favorite: i.favorite,
        importance: i.importance,
        status: 'pending',
        analysis: null,
        version: 1,
        graphVersion: 0,
        graphPendingSince: now,
        deletedAt: i.deletedAt,
        createdAt: i.createdAt,
        updatedAt: i.updatedAt,
      })),
    );
  }

  /** Writes relationships; one the user already has (same ends and type) is left alone. */
  async insertRelationships(
    userId: string,
    items: RelationshipToImport[],
  ): Promise<{ created: { id: string; sourceId: string }[]; existing: number }> {
    const owner = userObjectId(userId);
    const now = new Date();
    const docs = items.map((r) => ({
      _id: new Types.ObjectId(),
      userId: owner,
      sourceId: new Types.ObjectId(r.sourceId),
      targetId: new Types.ObjectId(r.targetId),
      type: r.type,
      strength: r.strength,
      note: r.note,
      createdBy: r.createdBy,
      version: 1,
      graphVersion: 0,
      graphPendingSince: now,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
    const { createdIds, existing } = await this.insertAll(this.relationships, docs);
    const sources = new Map(docs.map((doc) => [doc._id.toHexString(), doc.sourceId.toHexString()]));
    return { created: createdIds.map((id) => ({ id, sourceId: sources.get(id) ?? '' })), existing };
  }

  private async categoryIds(owner: Types.ObjectId): Promise<Map<string, string>> {
    const docs = await this.categories
      .find({ userId: owner })
      .select({ _id: 1, nameKey: 1 })
      .lean<Pick<CategoryEntity, '_id' | 'nameKey'>[]>();
    return new Map(docs.map((doc) => [doc.nameKey, doc._id.toHexString()]));
  }

  /**
   * One unordered insertMany on the driver's collection (our documents are complete and
   * validated, timestamps included); duplicates of a unique index count as existing.
   */
  private async insertAll<T extends { _id: Types.ObjectId | string }>(
    model:
      | Model<never>
      | Model<CategoryEntity>
      | Model<InsightEntity>
      | Model<RelationshipEntity>
      | Model<ImportKeyEntity>
      | Model<SuggestionEntity>,
    docs: T[],
  ): Promise<BulkOutcome> {
    if (docs.length === 0) return { createdIds: [], existing: 0 };
    const ids = (doc: T) => String(doc._id);
    try {
      await model.collection.insertMany(docs as never[], { ordered: false });
      return { createdIds: docs.map(ids), existing: 0 };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const failed = new Set(
        ((error as { writeErrors?: { index: number }[] }).writeErrors ?? []).map((e) => e.index),
      );
      const createdIds = docs.filter((_, index) => !failed.has(index)).map(ids);
      return { createdIds, existing: docs.length - createdIds.length };
    }
  }
}
