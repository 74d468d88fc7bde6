import { RELATIONSHIP_VOCABULARY, type RelationshipType } from '@insight/contracts';

/** How an edge is stored: canonical type, and endpoints in the canonical direction. */
export interface StoredOrientation {
  type: RelationshipType;
  sourceId: string;
  targetId: string;
}

function infoOf(type: RelationshipType) {
  const info = RELATIONSHIP_VOCABULARY.find((entry) => entry.type === type);
  if (!info) throw new Error(`unknown relationship type ${type}`);
  return info;
}

/**
 * `B supported_by A` is stored as `A supports B`; a symmetric edge is stored with the
 * smaller id first, so its mirror is the same document and the unique index refuses it.
 */
export function storedOrientation(
  type: RelationshipType,
  sourceId: string,
  targetId: string,
): StoredOrientation {
  const info = infoOf(type);
  if (info.symmetric) {
    return sourceId < targetId
      ? { type, sourceId, targetId }
      : { type, sourceId: targetId, targetId: sourceId };
  }
  return info.canonical
    ? { type, sourceId, targetId }
    : { type: info.inverse, sourceId: targetId, targetId: sourceId };
}

/** The name of a stored edge from one end: outgoing keeps it, incoming reads its inverse. */
export function typeSeenFrom(
  storedType: RelationshipType,
  direction: 'outgoing' | 'incoming',
): RelationshipType {
  return direction === 'outgoing' ? storedType : infoOf(storedType).inverse;
}
