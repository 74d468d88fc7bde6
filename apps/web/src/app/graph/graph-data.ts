import type { GraphEdge, GraphPage, GraphView, RelationshipType } from '@insight/contracts';
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
      size: nodeSize(node.degree),
      color: node.categoryColor ?? NEUTRAL_NODE_COLOUR,
      degree: node.degree,
      categoryId: node.categoryId,
    });
  });
  for (const edge of pages.flatMap((page) => page.edges)) addEdge(graph, edge);
  return graph;
}

function nodeSize(degree: number): number {
  return 4 + 2.5 * Math.sqrt(degree);
}

/**
 * Draws one relationship (in its stored direction). Returns false when there is nothing to draw:
 * an end past the cap, or an edge already there. `countDegree` is for an edge made after loading,
 * whose ends' degrees (from the API) do not include it yet.
 */
export function addEdge(graph: InsightGraph, edge: GraphEdge, countDegree = false): boolean {
  if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.id)) return false;
  graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
    type: SYMMETRIC.has(edge.type) ? 'line' : 'arrow',
    relationship: edge.type,
    color: edgeColour(edge.type),
    size: 1 + 2 * edge.strength,
  });
  if (countDegree) {
    for (const node of [edge.source, edge.target]) {
      const degree = graph.getNodeAttribute(node, 'degree') + 1;
      graph.mergeNodeAttributes(node, { degree, size: nodeSize(degree) });
    }
  }
  return true;
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

const CLUSTER_COLOURS = [
  '#1a73e8',
  '#e37400',
  '#1e8e3e',
  '#d93025',
  '#9334e6',
  '#12b5cb',
  '#b06000',
  '#c5221f',
  '#188038',
  '#a142f4',
];

/**
 * Groups of linked insights (connected components, ignoring direction), largest first, each
 * with a colour; insights without links get none. The worker computes the same on a schedule
 * for graph/stats; here it is computed on what is drawn, so it is never behind the picture.
 */
export function clusterColours(graph: InsightGraph): { colours: Map<string, string>; count: number } {
  const seen = new Set<string>();
  const components: string[][] = [];
  graph.forEachNode((start) => {
    if (seen.has(start) || graph.degree(start) === 0) return;
    const component: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const node = queue.pop() as string;
      component.push(node);
      graph.forEachNeighbor(node, (neighbour) => {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          queue.push(neighbour);
        }
      });
    }
    components.push(component);
  });
  components.sort((a, b) => b.length - a.length);
  const colours = new Map<string, string>();
  components.forEach((component, index) => {
    for (const node of component) colours.set(node, CLUSTER_COLOURS[index % CLUSTER_COLOURS.length]);
  });
  return { colours, count: components.length };
}

/** How sigma draws a node: its colour by category or cluster, the focused one larger and highlighted. */
export function displayNode(
  node: string,
  attributes: NodeAttributes,
  options: {
    colourBy: 'category' | 'cluster';
    clusters: ReadonlyMap<string, string>;
    focusedId: string | null;
  },
): NodeAttributes & { highlighted?: boolean } {
  const color =
    options.colourBy === 'cluster' ? (options.clusters.get(node) ?? NEUTRAL_NODE_COLOUR) : attributes.color;
  return options.focusedId === node
    ? { ...attributes, color, highlighted: true, size: attributes.size * 1.6 }
    : { ...attributes, color };
}
