import { HttpErrorResponse } from '@angular/common/http';
import type { GraphPage } from '@insight/contracts';
import pt from '../i18n/pt';
import { english, translatorFor } from '../i18n/translate';
import { addEdge, buildGraph, clusterColours } from './graph-data';
import { linkFailure, pickNode } from './graph-link';

const a = { id: 'a', label: 'Alpha' };
const b = { id: 'b', label: 'Beta' };
const c = { id: 'c', label: 'Gamma' };

describe('pickNode', () => {
  it('fills the source, then the target, and a later pick replaces the target', () => {
    let draft = pickNode({ source: null, target: null }, a);
    expect(draft).toEqual({ source: a, target: null });
    draft = pickNode(draft, b);
    expect(draft).toEqual({ source: a, target: b });
    expect(pickNode(draft, c)).toEqual({ source: a, target: c });
  });
});

describe('linkFailure', () => {
  const problem = (status: number, body: object) =>
    new HttpErrorResponse({ status, error: { type: 'about:blank', title: 'x', status, ...body } });

  it('says a 409 means the two are already linked', () => {
    expect(linkFailure(problem(409, { detail: 'These insights are already linked…' }), english)).toBe(
      'Could not link: these two insights are already linked with this type (or its mirror).',
    );
  });

  it('says a 400 on targetId is a link to itself, in the active language', () => {
    const selfLoop = problem(400, { errors: { targetId: ['must differ from sourceId'] } });
    expect(linkFailure(selfLoop, english)).toBe(
      'Could not link: an insight cannot be linked to itself; choose another target.',
    );
    expect(linkFailure(selfLoop, translatorFor(pt))).toBe(
      'Não foi possível ligar: uma ideia não pode ser ligada a si mesma; escolha outro destino.',
    );
  });

  it('passes other refusals through as the API worded them', () => {
    expect(linkFailure(problem(400, { errors: { type: ['must be one of …'] } }), english)).toBe(
      'Could not link: type must be one of …',
    );
    expect(linkFailure(new HttpErrorResponse({ status: 0 }), english)).toContain('could not be reached');
  });
});

describe('addEdge after loading', () => {
  const page: GraphPage = {
    nodes: [
      { id: 'a', title: 'Alpha', categoryId: null, categoryColor: null, favorite: false, degree: 0 },
      { id: 'b', title: 'Beta', categoryId: null, categoryColor: null, favorite: false, degree: 0 },
    ],
    edges: [],
    truncated: false,
    nextCursor: null,
  };

  it('draws the new edge, grows both ends and joins them in one cluster; a repeat draws nothing', () => {
    const graph = buildGraph([page]);
    const before = graph.getNodeAttribute('a', 'size');
    expect(clusterColours(graph).count).toBe(0);

    expect(addEdge(graph, { id: 'r1', source: 'a', target: 'b', type: 'supports', strength: 1 }, true)).toBe(
      true,
    );

    expect(graph.size).toBe(1);
    expect(graph.getEdgeAttribute('r1', 'type')).toBe('arrow');
    expect(graph.getNodeAttribute('a', 'degree')).toBe(1);
    expect(graph.getNodeAttribute('b', 'degree')).toBe(1);
    expect(graph.getNodeAttribute('a', 'size')).toBeGreaterThan(before);
    expect(clusterColours(graph).count).toBe(1);
    expect(addEdge(graph, { id: 'r1', source: 'a', target: 'b', type: 'supports', strength: 1 }, true)).toBe(
      false,
    );
    expect(graph.getNodeAttribute('a', 'degree')).toBe(1);
  });
});
