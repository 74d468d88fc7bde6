import type { RelationshipType } from '../relationships/relationship-types';

/** Bounds of the graph endpoints, shared by the client and the server's validation. */
export const GRAPH_LIMITS = {
  neighborhoodDepthMax: 3,
  neighborhoodLimitDefault: 200,
  neighborhoodLimitMax: 2000,
  pathMaxDepthDefault: 6,
  pathMaxDepthMax: 10,
  pageLimitDefault: 500,
  pageLimitMax: 2000,
  /** How many most connected insights and orphans `graph/stats` lists. */
  statsListSize: 10,
} as const;

/** An insight as a graph renderer needs it. */
export interface GraphNode {
  id: string;
  title: string;
  categoryId: string | null;
  /** `#rrggbb` of the insight's category, null when it has none. */
  categoryColor: string | null;
  favorite: boolean;
  /** Typed relationships to insights outside the trash. */
  degree: number;
}

/** A typed edge, always in its stored direction (source → target, canonical type). */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: RelationshipType;
  strength: number;
}

/** Nodes and the edges among them. */
export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when `limit` cut the result. */
  truncated: boolean;
}

/** `GET /api/v1/graph/neighborhood/:id` query parameters. */
export interface NeighborhoodQuery {
  /** 1–3 hops, default 1. */
  depth?: number;
  /** Follow only these relationship types (any vocabulary name); all when absent. */
  types?: RelationshipType[];
  /** Most nodes to answer, the insight itself included: 1–2000, default 200. */
  limit?: number;
}

/** `GET /api/v1/graph/path` query parameters. */
export interface GraphPathQuery {
  from: string;
  to: string;
  /** Longest path to look for, 1–10 hops, default 6. */
  maxDepth?: number;
}

/** One shortest path: its insights in order and the edges between them. */
export interface GraphPath {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** `GET /api/v1/graph/path`: every shortest path (up to 10); empty when none is short enough. */
export interface GraphPaths {
  paths: GraphPath[];
}

/** `GET /api/v1/graph` query parameters. */
export interface GraphPageQuery {
  /** Nodes per page, 1–2000, default 500. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** One page of the caller's whole graph; edges leave nodes of this page. */
export interface GraphPage extends GraphView {
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** An insight with how connected it is. */
export interface GraphStatsInsight {
  id: string;
  title: string;
  degree: number;
}

/** `GET /api/v1/graph/stats`: the shape of the caller's graph (trash excluded). */
export interface GraphStats {
  insights: number;
  relationships: number;
  /** The most connected insights, most first. */
  mostConnected: GraphStatsInsight[];
  /** Insights without any relationship: how many, and the newest few. */
  orphans: { count: number; items: GraphStatsInsight[] };
  /** Relationships by stored (canonical) type; types without any are 0. */
  relationshipsByType: Partial<Record<RelationshipType, number>>;
  /** Groups of linked insights, computed by the worker on a schedule (so a little behind). */
  clusters: GraphClusters;
}

/** A tag and how many insights of a cluster carry it. */
export interface GraphClusterTag {
  name: string;
  count: number;
}

/** Insights linked to each other through typed relationships (a connected component of 2+). */
export interface GraphCluster {
  /** Stable while the cluster keeps its smallest insight id (it is that id). */
  id: string;
  size: number;
  /** The most used tags of its insights, most first (up to 5). */
  topTags: GraphClusterTag[];
}

/** The caller's clusters as last computed. */
export interface GraphClusters {
  /** When they were computed; null when never (yet), e.g. right after a rebuild. */
  computedAt: string | null;
  /** How many clusters of two or more insights there are. */
  count: number;
  /** Insights in a cluster of two or more (orphans are not). */
  clustered: number;
  /** The largest few, largest first. */
  items: GraphCluster[];
}
