import type { GraphPage, GraphView, RelationshipType } from '@insight/contracts';
import { RELATIONSHIP_VOCABULARY } from '@insight/contracts';
import Graph from 'graphology';

export const NEUTRAL_NODE_COLOUR = '#8a8f98';

/** Stored (canonical) types, the ones edges carry; inverse names are only a view of them. */
export const EDGE_TYPES = RELATIONSHIP_VOCABULARY.filter((info) => info.canonical);

const EDGE_COLOURS: Partial<Record<RelationshipType, string>> = {
  related: '#9aa0a6',
  supports: '#1e8e3e',
  contradicts: '#d93025',
  causes: '#e37400',
  extends: '#1a73e8',
  derived_from: '#9334e6',
  part_of: '#12b5cb',
  precedes: '#b06000',
};

export function edgeColour(type: RelationshipType): string {
  return EDGE_COLOURS[type] ?? '#9aa0a6';
}

export interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  degree: number;
  categoryId: string | null;
}

export interface EdgeAttributes {
  /** Sigma's program: arrows for directed types, lines for symmetric ones. */
  type: 'arrow' | 'line';
  relationship: RelationshipType;
  color: string;
  size: number;
}

export type InsightGraph = Graph<NodeAttributes, EdgeAttributes>;

const SYMMETRIC = new Set(RELATIONSHIP_VOCABULARY.filter((info) => info.symmetric).map((info) => info.type));

/** Nodes are sized by degree and coloured by category; start on a circle, ForceAtlas2 spreads them. */
export function buildGraph(pages: readonly (GraphPage | GraphView)[]): InsightGraph {
  const graph: InsightGraph = new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed' });
  const nodes = pages.flatMap((page) => page.nodes);
  nodes.forEach((node, index) => {
    if (graph.hasNode(node.id)) return;
    const angle = (2 * Math.PI * index) / Math.max(nodes.length, 1);
    graph.addNode(node.id, {
      label: node.title,
      x: Math.cos(angle) * 100 + (index % 7),
      y: Math.sin(angle) * 100 + (index % 5),
      size: 4 + 2.5 * Math.sqrt(node.degree),
      color: node.categoryColor ?? NEUTRAL_NODE_COLOUR,
      degree: node.degree,
      categoryId: node.categoryId,
    });
  });
  for (const edge of pages.flatMap((page) => page.edges)) {
    // An edge to a node past the cap has nothing to draw to.
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.id)) continue;
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      type: SYMMETRIC.has(edge.type) ? 'line' : 'arrow',
      relationship: edge.type,
      color: edgeColour(edge.type),
      size: 1 + 2 * edge.strength,
    });
  }
  return graph;
}

/** Titles that contain what is typed, best (prefix) first, for search-to-focus. */
export function findNodes(graph: InsightGraph, typed: string, limit = 8): { id: string; label: string }[] {
  const needle = typed.trim().toLowerCase();
  if (!needle) return [];
  const starts: { id: string; label: string }[] = [];
  const contains: { id: string; label: string }[] = [];
  graph.forEachNode((id, attributes) => {
    const label = attributes.label.toLowerCase();
    if (label.startsWith(needle)) starts.push({ id, label: attributes.label });
    else if (label.includes(needle)) contains.push({ id, label: attributes.label });
  });
  return [...starts, ...contains].slice(0, limit);
}
