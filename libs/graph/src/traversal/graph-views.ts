import type { GraphEdge, GraphNode, GraphView as GraphViewContract } from '@insight/contracts';

/** A node as a graph renderer needs it (the API contract's shape). */
export type GraphNodeView = GraphNode;

/** A typed edge (always in its stored direction, source → target). */
export type GraphEdgeView = GraphEdge;

export type GraphView = GraphViewContract;
