import type { Relationship, RelationshipFromInsight } from '@insight/contracts';
import type { RelationshipEntity } from './relationship.schema';
import { typeSeenFrom } from './relationship-orientation';

export function toRelationship(doc: RelationshipEntity): Relationship {
  return {
    id: doc._id.toHexString(),
    sourceId: doc.sourceId.toHexString(),
    targetId: doc.targetId.toHexString(),
    type: doc.type,
    strength: doc.strength,
    note: doc.note,
    createdBy: doc.createdBy,
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The relationship as `insightId` sees it: direction, the other end, the name from its side. */
export function toRelationshipFrom(doc: RelationshipEntity, insightId: string): RelationshipFromInsight {
  const direction = doc.sourceId.toHexString() === insightId ? 'outgoing' : 'incoming';
  return {
    id: doc._id.toHexString(),
    type: typeSeenFrom(doc.type, direction),
    direction,
    otherInsightId: (direction === 'outgoing' ? doc.targetId : doc.sourceId).toHexString(),
    strength: doc.strength,
    note: doc.note,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
