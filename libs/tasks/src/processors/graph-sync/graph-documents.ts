import type { CategoryGraphDocument, InsightGraphDocument, RelationshipGraphDocument } from '@insight/graph';
import {
  analysisStamp,
  type CategorySource,
  type InsightSource,
  type RelationshipSource,
} from '@insight/insights';

/** Keywords from the worker's analysis (`analysis.keywords`), when it has run and has any. */
function keywordsOf(source: InsightSource): InsightGraphDocument['keywords'] {
  const keywords = source.analysis?.['keywords'];
  if (!Array.isArray(keywords)) return [];
  return keywords.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { term, weight } = entry as { term?: unknown; weight?: unknown };
    return typeof term === 'string' && term && typeof weight === 'number' && Number.isFinite(weight)
      ? [{ term, weight }]
      : [];
  });
}

export function insightGraphDocument(source: InsightSource): InsightGraphDocument {
  return {
    id: source.id,
    userId: source.userId,
    title: source.title,
    content: source.content,
    tags: source.tags,
    categoryId: source.categoryId,
    favorite: source.favorite,
    createdAt: source.createdAt,
    deletedAt: source.deletedAt,
    keywords: keywordsOf(source),
    version: source.version,
    analysisStamp: analysisStamp(source.analysis),
  };
}

export function relationshipGraphDocument(source: RelationshipSource): RelationshipGraphDocument {
  return {
    id: source.id,
    userId: source.userId,
    sourceId: source.sourceId,
    targetId: source.targetId,
    type: source.type,
    strength: source.strength,
    note: source.note,
    createdBy: source.createdBy,
    createdAt: source.createdAt,
    version: source.version,
  };
}

export function categoryGraphDocument(source: CategorySource): CategoryGraphDocument {
  return { id: source.id, userId: source.userId, name: source.name, color: source.colour };
}
