import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import {
  MatAutocomplete,
  MatAutocompleteSelectedEvent,
  MatAutocompleteTrigger,
  MatOption,
} from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  GRAPH_LIMITS,
  type GraphPage as GraphPageData,
  RELATIONSHIP_VOCABULARY,
  type RelationshipType,
} from '@insight/contracts';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/api';
import { SearchService } from '../core/data/search.service';
import { describeError } from '../core/problems';
import { ThemeService } from '../theme/theme.service';
import {
  addEdge,
  buildGraph,
  clusterColours,
  displayNode,
  EDGE_TYPES,
  edgeColour,
  type EdgeAttributes,
  findNodes,
  type InsightGraph,
  type NodeAttributes,
} from './graph-data';
import { relationshipTypeLabel } from '../insight/relationship-groups';
import { RelationshipTypePipe } from '../i18n/relationship-type.pipe';
import { type LinkDraft, linkFailure, pickNode, type PickedNode } from './graph-link';

/** More than this many insights are not drawn (the page says so). */
export const GRAPH_NODE_CAP = 10_000;
/** From this many edges, edges and labels are not drawn while the view moves. */
const LARGE_GRAPH_EDGES = 2_000;

@Component({
  selector: 'app-graph-page',
  imports: [
    RelationshipTypePipe,
    TranslocoPipe,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatFormField,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './graph-page.html',
  styleUrl: './graph-page.scss',
})
export class GraphPage {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly theme = inject(ThemeService);
  private readonly relationships = inject(SearchService);
  private readonly container = viewChild.required<ElementRef<HTMLElement>>('canvas');

  protected readonly edgeTypes = EDGE_TYPES.map((info) => ({ ...info, colour: edgeColour(info.type) }));
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly counts = signal<{ nodes: number; edges: number; truncated: boolean } | null>(null);
  protected readonly layoutRunning = signal(false);
  protected readonly shownTypes = signal<ReadonlySet<RelationshipType>>(
    new Set(EDGE_TYPES.map((info) => info.type)),
  );
  protected readonly typed = signal('');
  protected readonly colourBy = signal<'category' | 'cluster'>('category');
  protected readonly clusterCount = signal(0);
  private clusters = new Map<string, string>();
  protected readonly focused = signal<PickedNode | null>(null);
  /** Linking two insights from the explorer; null when not linking. */
  protected readonly linkDraft = signal<LinkDraft | null>(null);
  protected readonly linkType = signal<RelationshipType>('related');
  protected readonly linkBusy = signal(false);
  protected readonly linkError = signal<string | null>(null);
  protected readonly linkDone = signal<string | null>(null);
  /** Every name, inverse ones included: the API stores `supported_by` as a flipped `supports`. */
  protected readonly vocabulary = RELATIONSHIP_VOCABULARY;
  protected readonly matches = computed(() => {
    // Read the signals first: `graph` is not one, and a computed only tracks what it read.
    const typed = this.typed();
    return this.counts() && this.graph ? findNodes(this.graph, typed) : [];
  });

  private graph?: InsightGraph;
  private sigma?: Sigma<NodeAttributes, EdgeAttributes>;
  private layout?: FA2Layout;
  private layoutTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      clearTimeout(this.layoutTimer);
      this.layout?.kill();
      this.sigma?.kill();
    });
    afterNextRender(() => void this.load());
    effect(() => {
      const dark = this.theme.isDark();
      this.sigma?.setSetting('labelColor', { color: dark ? '#e3e3e3' : '#1b1b1f' });
    });
    effect(() => {
      this.shownTypes();
      this.focused();
      this.linkDraft();
      this.colourBy();
      this.sigma?.refresh();
    });
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const pages: GraphPageData[] = [];
      let cursor: string | null = null;
      let nodes = 0;
      do {
        const page: GraphPageData = await firstValueFrom(
          this.http.get<GraphPageData>(`${API}/graph`, {
            params: { limit: GRAPH_LIMITS.pageLimitMax, ...(cursor ? { cursor } : {}) },
          }),
        );
        pages.push(page);
        nodes += page.nodes.length;
        cursor = page.nextCursor;
      } while (cursor && nodes < GRAPH_NODE_CAP);
      // Every page but the last says `truncated` (more follow); only a cursor left over means the
      // cap cut the graph.
      this.render(buildGraph(pages), cursor !== null);
    } catch (error) {
      console.error(error);
      this.error.set(
        error instanceof HttpErrorResponse
          ? describeError(error, this.transloco.translate('graph.loadFailed'))
          : this.transloco.translate('graph.drawFailed', {
              reason: error instanceof Error ? error.message : String(error),
            }),
      );
    } finally {
      this.loading.set(false);
    }
  }

  protected setTypes(change: MatChipListboxChange): void {
    this.shownTypes.set(new Set((change.value as RelationshipType[] | undefined) ?? []));
  }

  protected focus(event: MatAutocompleteSelectedEvent): void {
    const id = String(event.option.value);
    if (!this.graph?.hasNode(id)) return;
    const label = this.graph.getNodeAttribute(id, 'label');
    this.focused.set({ id, label });
    this.typed.set(label);
    // While linking, the find box picks the ends too: the keyboard path to a new relationship.
    this.pick({ id, label });
    const display = this.sigma?.getNodeDisplayData(id);
    if (display)
      void this.sigma?.getCamera().animate({ x: display.x, y: display.y, ratio: 0.25 }, { duration: 500 });
  }

  protected openFocused(): void {
    const focused = this.focused();
    if (focused) void this.router.navigate(['/insights', focused.id]);
  }

  /** Starts linking; the focused insight, if any, is the source. */
  protected startLink(): void {
    this.linkDraft.set({ source: this.focused(), target: null });
    this.linkError.set(null);
    this.linkDone.set(null);
  }

  protected cancelLink(): void {
    this.linkDraft.set(null);
    this.linkError.set(null);
  }

  protected swapLink(): void {
    const draft = this.linkDraft();
    if (draft?.source && draft.target) this.linkDraft.set({ source: draft.target, target: draft.source });
  }

  private pick(node: PickedNode): void {
    const draft = this.linkDraft();
    if (!draft) return;
    this.linkDraft.set(pickNode(draft, node));
    this.linkError.set(null);
  }

  /** POST /relationships, then draws the stored edge at once: no reload, no wait for the graph sync. */
  protected async createLink(): Promise<void> {
    const draft = this.linkDraft();
    if (!draft?.source || !draft.target || this.linkBusy()) return;
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    this.linkBusy.set(true);
    this.linkError.set(null);
    try {
      const type = this.linkType();
      const created = await firstValueFrom(
        this.relationships.link({ sourceId: draft.source.id, targetId: draft.target.id, type }),
      );
      if (this.graph) {
        addEdge(
          this.graph,
          {
            id: created.id,
            source: created.sourceId,
            target: created.targetId,
            type: created.type,
            strength: created.strength,
          },
          true,
        );
        const clusters = clusterColours(this.graph);
        this.clusters = clusters.colours;
        this.clusterCount.set(clusters.count);
        this.counts.update((counts) => counts && { ...counts, edges: this.graph?.size ?? counts.edges });
        this.shownTypes.update((shown) =>
          shown.has(created.type) ? shown : new Set([...shown, created.type]),
        );
      }
      const info = this.vocabulary.find((entry) => entry.type === type);
      this.linkDone.set(
        t('graph.linked', {
          source: draft.source.label,
          target: draft.target.label,
          type: relationshipTypeLabel(type, info?.label ?? type, t),
        }),
      );
      this.linkDraft.set(null);
      this.sigma?.refresh();
    } catch (error) {
      this.linkError.set(linkFailure(error, t));
    } finally {
      this.linkBusy.set(false);
    }
  }

  protected toggleLayout(): void {
    if (!this.layout) return;
    if (this.layout.isRunning()) {
      this.layout.stop();
      this.layoutRunning.set(false);
    } else {
      this.runLayout(4000);
    }
  }

  protected resetView(): void {
    this.focused.set(null);
    void this.sigma?.getCamera().animatedReset({ duration: 300 });
  }

  private render(graph: InsightGraph, truncated: boolean): void {
    this.graph = graph;
    const clusters = clusterColours(graph);
    this.clusters = clusters.colours;
    this.clusterCount.set(clusters.count);
    this.counts.set({ nodes: graph.order, edges: graph.size, truncated });
    if (graph.order === 0) return;
    const dark = this.theme.isDark();
    this.sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, this.container().nativeElement, {
      renderEdgeLabels: false,
      labelColor: { color: dark ? '#e3e3e3' : '#1b1b1f' },
      labelRenderedSizeThreshold: 4,
      // With thousands of edges, drawing them (and the labels) on every frame of a pan is what
      // makes it stutter: they are left out while the view moves and drawn again when it stops.
      hideEdgesOnMove: graph.size >= LARGE_GRAPH_EDGES,
      hideLabelsOnMove: graph.size >= LARGE_GRAPH_EDGES,
      defaultEdgeType: 'line',
      edgeReducer: (_edge, attributes) =>
        this.shownTypes().has(attributes.relationship) ? attributes : { ...attributes, hidden: true },
      nodeReducer: (node, attributes) =>
        displayNode(node, attributes, {
          colourBy: this.colourBy(),
          clusters: this.clusters,
          focusedId: this.focused()?.id ?? null,
        }),
    });
    this.sigma.on('clickNode', ({ node }) => {
      if (this.linkDraft()) this.pick({ id: node, label: graph.getNodeAttribute(node, 'label') });
      else void this.router.navigate(['/insights', node]);
    });
    this.sigma.on('enterNode', () => this.container().nativeElement.style.setProperty('cursor', 'pointer'));
    this.sigma.on('leaveNode', () => this.container().nativeElement.style.removeProperty('cursor'));
    // ForceAtlas2 in a web worker: the page stays responsive while it settles.
    this.layout = new FA2Layout(graph, {
      settings: { ...inferSettings(graph), barnesHutOptimize: graph.order > 500 },
    });
    this.runLayout(Math.min(2000 + graph.order * 2, 10_000));
  }

  private runLayout(ms: number): void {
    clearTimeout(this.layoutTimer);
    this.layout?.start();
    this.layoutRunning.set(true);
    this.layoutTimer = setTimeout(() => {
      this.layout?.stop();
      this.layoutRunning.set(false);
    }, ms);
  }
}
