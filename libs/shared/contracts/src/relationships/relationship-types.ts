/** Every name a typed relationship can be shown with (stored types and their inverses). */
export const RELATIONSHIP_TYPES = [
  'related',
  'supports',
  'supported_by',
  'contradicts',
  'causes',
  'caused_by',
  'extends',
  'extended_by',
  'derived_from',
  'source_of',
  'part_of',
  'has_part',
  'precedes',
  'follows',
] as const;

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** One entry of `GET /api/v1/relationship-types`. */
export interface RelationshipTypeInfo {
  type: RelationshipType;
  label: string;
  /** The name of the same edge seen from its target. Equal to `type` when symmetric. */
  inverse: RelationshipType;
  symmetric: boolean;
  /** Whether edges are stored under this name (the other direction is only a view). */
  canonical: boolean;
}

const pairs: [RelationshipType, string, RelationshipType, string][] = [
  ['supports', 'Supports', 'supported_by', 'Supported by'],
  ['causes', 'Causes', 'caused_by', 'Caused by'],
  ['extends', 'Extends', 'extended_by', 'Extended by'],
  ['derived_from', 'Derived from', 'source_of', 'Source of'],
  ['part_of', 'Part of', 'has_part', 'Has part'],
  ['precedes', 'Precedes', 'follows', 'Follows'],
];

/** The relationship vocabulary (DESIGN §7): symmetric types and directed pairs. */
export const RELATIONSHIP_VOCABULARY: readonly RelationshipTypeInfo[] = [
  { type: 'related', label: 'Related to', inverse: 'related', symmetric: true, canonical: true },
  { type: 'contradicts', label: 'Contradicts', inverse: 'contradicts', symmetric: true, canonical: true },
  ...pairs.flatMap(([type, label, inverse, inverseLabel]): RelationshipTypeInfo[] => [
    { type, label, inverse, symmetric: false, canonical: true },
    { type: inverse, label: inverseLabel, inverse: type, symmetric: false, canonical: false },
  ]),
];
