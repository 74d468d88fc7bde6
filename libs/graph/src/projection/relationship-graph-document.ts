import type { RelationshipType } from '@insight/contracts';

/** What the projection needs of a typed relationship (stored under its canonical type). */
export interface RelationshipGraphDocument {
  id: string;
  userId: string;
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  strength: number;
  note: string | null;
  createdBy: 'user' | 'system';
  createdAt: Date;
  version: number;
}
