import type { Insight } from '@insight/contracts';
import type { InsightEntity } from './insight.schema';

/** The API's view of a stored insight. */
export function toInsight(doc: InsightEntity): Insight {
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    content: doc.content,
    summary: doc.summary ?? null,
    tags: doc.tags,
    categoryId: doc.categoryId ? doc.categoryId.toHexString() : null,
    sourceType: doc.sourceType,
    favorite: doc.favorite,
    importance: doc.importance,
    status: doc.status,
    analysis: doc.analysis ?? null,
    version: doc.version,
    graphVersion: doc.graphVersion,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    deletedAt: doc.deletedAt ? doc.deletedAt.toISOString() : null,
  };
}
