import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, trusted, type Types } from 'mongoose';
import { findByIds } from '../common/find-by-ids';
import { groupedFindById } from '../common/grouped-find-by-id';
import { parseObjectId } from '../common/object-id';
import { CategoryEntity } from '../categories/category.schema';
import { InsightEntity } from '../insights/insight.schema';
import { RelationshipEntity } from '../relationships/relationship.schema';
import { User } from '../users/user.schema';
import type {
  CategorySource,
  DocumentOwner,
  GraphSourceKind,
  InsightSource,
  RelationshipSource,
} from './graph-sources';

function toInsightSource(doc: InsightEntity): InsightSource {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    title: doc.title,
    content: doc.content ?? '',
    tags: doc.tags ?? [],
    categoryId: doc.categoryId ? doc.categoryId.toHexString() : null,
    favorite: doc.favorite ?? false,
    analysis: doc.analysis ?? null,
    createdAt: doc.createdAt,
    deletedAt: doc.deletedAt ?? null,
    version: doc.version,
    graphVersion: doc.graphVersion ?? 0,
  };
}

function toRelationshipSource(doc: RelationshipEntity): RelationshipSource {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    sourceId: doc.sourceId.toHexString(),
    targetId: doc.targetId.toHexString(),
    type: doc.type,
    strength: doc.strength,
    note: doc.note ?? null,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    version: doc.version,
    graphVersion: doc.graphVersion ?? 0,
  };
}

function toCategorySource(doc: CategoryEntity): CategorySource {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    name: doc.name,
    colour: doc.colour,
    updatedAt: doc.updatedAt,
  };
}

interface OwnedDocument {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
}

async function* batches<TDoc, TOut>(
  cursor: AsyncIterable<TDoc>,
  map: (doc: TDoc) => TOut,
  size: number,
): AsyncGenerator<TOut[]> {
  let batch: TOut[] = [];
  for await (const doc of cursor) {
    batch.push(map(doc));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Everything, or one user's documents (a user id that is not an ObjectId owns nothing). */
function ownedBy(userId: string | undefined): Record<string, unknown> {
  if (userId === undefined) return {};
  return { userId: parseObjectId(userId) ?? trusted({ $exists: false }) };
}

function objectIds(ids: string[]): Types.ObjectId[] {
  return ids.map(parseObjectId).filter((id): id is Types.ObjectId => id !== null);
}

/**
 * What the graph projection is made of, read for the worker: documents by `_id` regardless of
 * owner or trash, whole collections as streams of batches, and the per-user comparisons of the
 * sweep.
 */
@Injectable()
export class GraphSourcesRepository {
  // Every sync and analysis job reads its insight (and its category) first: grouped reads.
  private readonly insightById: (id: Types.ObjectId) => Promise<InsightEntity | null>;
  private readonly categoryById: (id: Types.ObjectId) => Promise<CategoryEntity | null>;

  constructor(
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(RelationshipEntity.name) private readonly relationships: Model<RelationshipEntity>,
    @InjectModel(CategoryEntity.name) private readonly categories: Model<CategoryEntity>,
    @InjectModel(User.name) private readonly users: Model<User>,
  ) {
    this.insightById = groupedFindById(insights);
    this.categoryById = groupedFindById(categories);
  }

  async insight(id: string): Promise<InsightSource | null> {
    const objectId = parseObjectId(id);
    const doc = objectId ? await this.insightById(objectId) : null;
    return doc ? toInsightSource(doc) : null;
  }

  async relationship(id: string): Promise<RelationshipSource | null> {
    const objectId = parseObjectId(id);
    const doc = objectId ? await this.relationships.findById(objectId).lean<RelationshipEntity>() : null;
    return doc ? toRelationshipSource(doc) : null;
  }

  async category(id: string): Promise<CategorySource | null> {
    const objectId = parseObjectId(id);
    const doc = objectId ? await this.categoryById(objectId) : null;
    return doc ? toCategorySource(doc) : null;
  }

  /** Which of these insight ids exist (in the trash or not). */
  async existingInsightIds(ids: string[]): Promise<Set<string>> {
    const wanted = objectIds(ids);
    if (wanted.length === 0) return new Set();
    const docs = await findByIds<{ _id: Types.ObjectId }, InsightEntity>(this.insights, wanted, {
      select: { _id: 1 },
    });
    return new Set(docs.map((doc) => doc._id.toHexString()));
  }

  /** Categories by id. */
  async categoriesByIds(ids: string[]): Promise<CategorySource[]> {
    const wanted = objectIds([...new Set(ids)]);
    if (wanted.length === 0) return [];
    const docs = await findByIds<CategoryEntity, CategoryEntity>(this.categories, wanted);
    return docs.map(toCategorySource);
  }

  /**
   * Every document of a collection (or of one user) in batches, read with one cursor: one scan on
   * FerretDB, where paging by `_id` would scan the collection once per page.
   */
  streamInsights(batchSize: number, userId?: string): AsyncGenerator<InsightSource[]> {
    return batches(
      this.insights.find(ownedBy(userId)).lean<InsightEntity>().cursor({ batchSize }),
      toInsightSource,
      batchSize,
    );
  }

  streamRelationships(batchSize: number, userId?: string): AsyncGenerator<RelationshipSource[]> {
    return batches(
      this.relationships.find(ownedBy(userId)).lean<RelationshipEntity>().cursor({ batchSize }),
      toRelationshipSource,
      batchSize,
    );
  }

  streamCategories(batchSize: number, userId?: string): AsyncGenerator<CategorySource[]> {
    return batches(
      this.categories.find(ownedBy(userId)).lean<CategoryEntity>().cursor({ batchSize }),
      toCategorySource,
      batchSize,
    );
  }

  /** About how many documents a collection holds (from metadata, no scan), for progress. */
  estimatedCount(kind: GraphSourceKind): Promise<number> {
    return this.modelOf(kind).estimatedDocumentCount();
  }

  /**
   * Who owns every document of a collection, `{ id, userId }` in batches from one cursor reading
   * two fields (one scan on FerretDB; the sweep compares this with what Neo4j holds).
   */
  ownership(kind: GraphSourceKind, batchSize: number): AsyncGenerator<DocumentOwner[]> {
    return batches(
      this.modelOf(kind).find({}).select({ _id: 1, userId: 1 }).lean<OwnedDocument>().cursor({ batchSize }),
      (doc: OwnedDocument) => ({ id: doc._id.toHexString(), userId: String(doc.userId) }),
      batchSize,
    );
  }

  /** The ids of every account of this database, in batches from one cursor reading `_id` only. */
  userIds(batchSize: number): AsyncGenerator<string[]> {
    return batches(
      this.users.find({}).select({ _id: 1 }).lean<{ _id: Types.ObjectId }>().cursor({ batchSize }),
      (doc: { _id: Types.ObjectId }) => doc._id.toHexString(),
      batchSize,
    );
  }

  private modelOf(kind: GraphSourceKind): Model<OwnedDocument> {
    const models = {
      insights: this.insights,
      relationships: this.relationships,
      categories: this.categories,
    };
    // Every one of them has `_id` and `userId`, which is all the callers read.
    return models[kind] as unknown as Model<OwnedDocument>;
  }
}
