import type { RelationshipType } from './relationship-types';

export const RELATIONSHIP_LIMITS = { noteMaxLength: 1000 } as const;

export type RelationshipCreator = 'user' | 'system';

/** A typed link between two of the caller's insights, in its stored direction. */
export interface Relationship {
  id: string;
  sourceId: string;
  targetId: string;
  /** Always a stored (canonical) type: `supports`, never `supported_by`. */
  type: RelationshipType;
  /** 0 (weak) to 1 (strong). */
  strength: number;
  note: string | null;
  createdBy: RelationshipCreator;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A relationship as seen from one insight (`GET /relationships?insightId=`). */
export interface RelationshipFromInsight {
  id: string;
  /** The name from this insight's side, e.g. `supported_by` for an incoming `supports`. */
  type: RelationshipType;
  direction: 'outgoing' | 'incoming';
  otherInsightId: string;
  strength: number;
  note: string | null;
  createdBy: RelationshipCreator;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/relationships`: any vocabulary name; inverse names are stored flipped. */
export interface CreateRelationshipRequest {
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  strength?: number;
  note?: string | null;
}

/** `PATCH /api/v1/relationships/:id`: the type reads in the stored direction (source → target). */
export interface UpdateRelationshipRequest {
  type?: RelationshipType;
  strength?: number;
  note?: string | null;
}
