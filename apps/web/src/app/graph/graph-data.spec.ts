import type { GraphPage } from '@insight/contracts';
import { buildGraph, clusterColours, displayNode, findNodes, NEUTRAL_NODE_COLOUR } from './graph-data';

const node = (id: string, title: string, degree: number, categoryColor: string | null = null) => ({
  id,
  title,
  categoryId: categoryColor ? 'c' : null,
  categoryColor,
  favorite: false,
  degree,
});

const page: GraphPage = {
  nodes: [
    node('a', 'Alpha', 2, '#ff0000'),
    node('b', 'Beta', 1),
    node('c', 'Gamma', 1),
    node('d', 'Delta', 1),
    node('e', 'Epsilon', 1),
    node('f', 'Lonely alpha', 0),
  ],
  edges: [
    { id: 'ab', source: 'a', target: 'b', type: 'supports', strength: 1 },
    { id: 'ac', source: 'a', target: 'c', type: 'related', strength: 0.5 },
    { id: 'de', source: 'd', target: 'e', type: 'causes', strength: 0.2 },
    // An edge to an insight past the node cap is dropped, not an error.
    { id: 'ax', source: 'a', target: 'x', type: 'related', strength: 1 },
  ],
  truncated: false,
  nextCursor: null,
};

describe('graph data', () => {
  it('builds nodes coloured by category and sized by degree, with arrows only for directed types', () => {
    const graph = buildGraph([page]);

    expect(graph.order).toBe(6);
    expect(graph.size).toBe(3);
    expect(graph.getNodeAttribute('a', 'color')).toBe('#ff0000');
    expect(graph.getNodeAttribute('b', 'color')).toBe(NEUTRAL_NODE_COLOUR);
    expect(graph.getNodeAttribute('a', 'size')).toBeGreaterThan(graph.getNodeAttribute('b', 'size'));
    expect(graph.getEdgeAttribute('ab', 'type')).toBe('arrow');
    expect(graph.getEdgeAttribute('ac', 'type')).toBe('line');
  });

  it('colours each group of linked insights alike, largest group first, loners not at all', () => {
    const { colours, count } = clusterColours(buildGraph([page]));

    expect(count).toBe(2);
    expect(new Set(['a', 'b', 'c'].map((id) => colours.get(id))).size).toBe(1);
    expect(colours.get('d')).toBe(colours.get('e'));
    expect(colours.get('d')).not.toBe(colours.get('a'));
    expect(colours.has('f')).toBe(false);
  });

  it('finds insights by title, prefix matches first', () => {
    expect(findNodes(buildGraph([page]), 'alp').map((match) => match.label)).toEqual([
      'Alpha',
      'Lonely alpha',
    ]);
  });

  it('draws nodes in their category colour or their cluster colour, the focused one highlighted', () => {
    const graph = buildGraph([page]);
    const { colours } = clusterColours(graph);
    const a = graph.getNodeAttributes('a');

    expect(displayNode('a', a, { colourBy: 'category', clusters: colours, focusedId: null }).color).toBe(
      '#ff0000',
    );
    expect(displayNode('a', a, { colourBy: 'cluster', clusters: colours, focusedId: null }).color).toBe(
      colours.get('a'),
    );
    expect(
      displayNode('f', graph.getNodeAttributes('f'), {
        colourBy: 'cluster',
        clusters: colours,
        focusedId: null,
      }).color,
    ).toBe(NEUTRAL_NODE_COLOUR);
    expect(displayNode('a', a, { colourBy: 'category', clusters: colours, focusedId: 'a' })).toMatchObject({
      highlighted: true,
      size: a.size * 1.6,
    });
  });
});
