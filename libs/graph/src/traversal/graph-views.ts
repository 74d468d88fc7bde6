import type { RelationshipType } from '@insight/contracts';

/** A node as a graph renderer needs it. */
export interface GraphNodeView {
  id: string;
  title: string;
  categoryId: string | null;
  categoryColor: string | null;
  favorite: boolean;
  degree: number;
}

/** A typed edge (always in its stored direction, source → target). */
export interface GraphEdgeView {
  id: string;
  source: string;
  target: string;
  type: RelationshipType;
  strength: number;
}

export interface GraphView {
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  /** True when `limit` cut the result. */
  truncated: boolean;
}
