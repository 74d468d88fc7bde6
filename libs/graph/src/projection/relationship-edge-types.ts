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

/** The stored (canonical) name of a type: `supported_by` is stored as `supports`. */
export function canonicalType(type: RelationshipType): RelationshipType {
  const info = RELATIONSHIP_VOCABULARY.find((entry) => entry.type === type);
  if (!info) throw new Error(`"${type}" is not a relationship type`);
  return info.canonical ? info.type : info.inverse;
}

/** The Neo4j edge label of any vocabulary name (inverse names map to their stored type). */
export function edgeTypeFor(type: RelationshipType): string {
  return EDGE_TYPE_BY_RELATIONSHIP.get(canonicalType(type)) as string;
}
