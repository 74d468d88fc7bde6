import { RELATIONSHIP_VOCABULARY, type RelationshipType } from '@insight/contracts';

/**
 * Neo4j relationship type for each canonical vocabulary type. Cypher cannot take a
 * relationship type as a parameter, so queries interpolate ONLY values from this map.
 */
export const EDGE_TYPE_BY_RELATIONSHIP: ReadonlyMap<RelationshipType, string> = new Map(
  RELATIONSHIP_VOCABULARY.filter((info) => info.canonical).map((info) => [
    info.type,
    info.type.toUpperCase(),
  ]),
);

/** Every typed-relationship edge label, for patterns like `[r:RELATED|SUPPORTS|…]`. */
export const ALL_EDGE_TYPES = [...EDGE_TYPE_BY_RELATIONSHIP.values()];

export function edgeTypeFor(type: RelationshipType): string {
  const edgeType = EDGE_TYPE_BY_RELATIONSHIP.get(type);
  if (!edgeType) throw new Error(`"${type}" is not a stored relationship type`);
  return edgeType;
}
