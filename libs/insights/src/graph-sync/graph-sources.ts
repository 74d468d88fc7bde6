import type { InsightAnalysis, RelationshipCreator, RelationshipType } from '@insight/contracts';

/** An insight as the graph projection reads it (any owner, in the trash or not). */
export interface InsightSource {
  id: string;
  userId: string;
  title: string;
  content: string;
  tags: string[];
  categoryId: string | null;
  favorite: boolean;
  analysis: InsightAnalysis | null;
  createdAt: Date;
  deletedAt: Date | null;
  version: number;
  graphVersion: number;
}

/** A relationship as the graph projection reads it, in its stored direction. */
export interface RelationshipSource {
  id: string;
  userId: string;
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  strength: number;
  note: string | null;
  createdBy: RelationshipCreator;
  createdAt: Date;
  version: number;
  graphVersion: number;
}

/** A category as the graph projection reads it. */
export interface CategorySource {
  id: string;
  userId: string;
  name: string;
  colour: string;
  updatedAt: Date;
}

/** The documents the projection is made of. */
export type GraphSourceKind = 'insights' | 'relationships' | 'categories';

/** A document's id and its owner's. */
export interface DocumentOwner {
  id: string;
  userId: string;
}

/** A document whose graph projection is behind (graphVersion < version). */
export interface PendingGraphSync {
  id: string;
  userId: string;
  version: number;
  /** Relationships only: the stored source, where the edge starts. */
  sourceId?: string;
}

/** How far the graph is behind MongoDB's insights. */
export interface GraphSyncBacklog {
  pending: number;
  /** When the oldest unsynced insight change was written; null when none is pending. */
  oldestPendingSince: Date | null;
}
