import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { GraphView } from '@insight/contracts';
import type Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes } from './graph-data';
import { ThemeService } from '../theme/theme.service';

/**
 * An insight's neighbourhood drawn around it: the insight in the middle, each further hop on a
 * wider ring. sigma and graphology load only when this is shown, never with the page's code.
 */
@Component({
  selector: 'app-local-graph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      #canvas
      class="canvas"
      role="img"
      [attr.aria-label]="
        'The linked insights around this one, ' +
        (view().nodes.length - 1) +
        ' shown; their links are listed above.'
      "
    ></div>
    @if (error()) {
      <p class="error-message" role="alert">{{ error() }}</p>
    }
  `,
  styles: `
    .canvas {
      width: 100%;
      height: 280px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-lowest);
    }
  `,
})
export class LocalGraph {
  readonly view = input.required<GraphView>();
  readonly centerId = input.required<string>();

  private readonly router = inject(Router);
  private readonly theme = inject(ThemeService);
  private readonly container = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private sigma?: Sigma<NodeAttributes, EdgeAttributes>;
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const view = this.view();
      const center = this.centerId();
      const dark = this.theme.isDark();
      untracked(() => void this.draw(view, center, dark));
    });
    inject(DestroyRef).onDestroy(() => this.sigma?.kill());
  }

  private async draw(view: GraphView, centerId: string, dark: boolean): Promise<void> {
    try {
      const [{ default: SigmaClass }, { buildGraph }] = await Promise.all([
        import('sigma'),
        import('./graph-data'),
      ]);
      const graph = buildGraph([view]);
      // Rings by hop count from the centre (breadth-first, ignoring direction).
      const hops = new Map<string, number>([[centerId, 0]]);
      const queue = [centerId];
      while (queue.length) {
        const node = queue.shift() as string;
        if (!graph.hasNode(node)) continue;
        graph.forEachNeighbor(node, (next) => {
          if (!hops.has(next)) {
            hops.set(next, (hops.get(node) ?? 0) + 1);
            queue.push(next);
          }
        });
      }
      const rings = new Map<number, string[]>();
      graph.forEachNode((node) => {
        const hop = hops.get(node) ?? 3;
        rings.set(hop, [...(rings.get(hop) ?? []), node]);
      });
      for (const [hop, nodes] of rings) {
        nodes.forEach((node, index) => {
          const angle = (2 * Math.PI * index) / nodes.length;
          graph.mergeNodeAttributes(node, {
            x: hop === 0 ? 0 : Math.cos(angle) * hop,
            y: hop === 0 ? 0 : Math.sin(angle) * hop,
          });
        });
      }
      this.sigma?.kill();
      const sigma = new SigmaClass<NodeAttributes, EdgeAttributes>(graph, this.container().nativeElement, {
        labelColor: { color: dark ? '#e3e3e3' : '#1b1b1f' },
        labelRenderedSizeThreshold: 0,
        nodeReducer: (node, attributes) =>
          node === centerId ? { ...attributes, highlighted: true } : attributes,
      });
      sigma.on('clickNode', ({ node }) => {
        if (node !== centerId) void this.router.navigate(['/insights', node]);
      });
      this.sigma = sigma;
      this.error.set(null);
    } catch (error) {
      this.error.set(
        `Could not draw the neighbourhood: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
