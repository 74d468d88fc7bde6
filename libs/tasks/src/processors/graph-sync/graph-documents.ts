import type { CategoryGraphDocument, InsightGraphDocument, RelationshipGraphDocument } from '@insight/graph';
import type { CategorySource, InsightSource, RelationshipSource } from '@insight/insights';

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

/** When the stored analysis was made (ms), 0 before any. */
function analysisStampOf(source: InsightSource): number {
  const analysedAt = source.analysis?.['analysedAt'];
  const stamp = typeof analysedAt === 'string' ? Date.parse(analysedAt) : NaN;
  return Number.isFinite(stamp) ? stamp : 0;
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
    analysisStamp: analysisStampOf(source),
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
