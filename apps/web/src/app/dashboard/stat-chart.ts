import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  DOCUMENT,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { ThemeService } from '../theme/theme.service';
import { type ChartSpec, hasData } from './chart-data';

// Only what bar charts need, so the dashboard's lazy chunk stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** The theme's colours as canvas can use them (the CSS variables hold `light-dark()` values). */
function themeColours(probe: HTMLElement): { bar: string; text: string; grid: string } {
  const read = (variable: string) => {
    probe.style.color = `var(${variable})`;
    return getComputedStyle(probe).color;
  };
  return {
    bar: read('--mat-sys-primary'),
    text: read('--mat-sys-on-surface-variant'),
    grid: read('--mat-sys-outline-variant'),
  };
}

/**
 * One bar chart with its text alternative: the canvas is an image whose label points to the
 * table of the same figures, which is always in the page for screen readers and can be shown.
 */
@Component({
  selector: 'app-stat-chart',
  imports: [MatButton, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure [attr.aria-labelledby]="spec().id + '-caption'">
      <figcaption [id]="spec().id + '-caption'">{{ spec().title }}</figcaption>
      @if (empty()) {
        <p class="muted">{{ 'dashboard.noData' | transloco }}</p>
      } @else {
        <div class="canvas-box" [style.height.px]="height()">
          <canvas
            #canvas
            role="img"
            [attr.aria-label]="'dashboard.chartLabel' | transloco: { title: spec().title }"
          ></canvas>
        </div>
        <button
          mat-button
          type="button"
          class="toggle"
          [attr.aria-expanded]="tableShown()"
          [attr.aria-controls]="spec().id + '-table'"
          (click)="tableShown.set(!tableShown())"
        >
          {{ (tableShown() ? 'dashboard.hideTable' : 'dashboard.showTable') | transloco }}
          <span class="visually-hidden">{{ spec().title }}</span>
        </button>
      }
      <table [id]="spec().id + '-table'" [class.visually-hidden]="!tableShown() || empty()">
        <caption class="visually-hidden">
          {{
            spec().title
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ spec().labelHeader }}</th>
            <th scope="col" class="number">{{ 'dashboard.count' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (label of spec().labels; track $index) {
            <tr>
              <th scope="row">{{ label }}</th>
              <td class="number">{{ spec().values[$index] }}</td>
            </tr>
          }
        </tbody>
      </table>
      <span #probe class="probe" aria-hidden="true"></span>
    </figure>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    figure {
      margin: 0;
    }
    figcaption {
      margin-block-end: 8px;
      font: var(--mat-sys-title-medium);
    }
    .canvas-box {
      position: relative;
      width: 100%;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    /* Not while visually hidden: a full width would overflow narrow screens from off-screen. */
    table:not(.visually-hidden) {
      width: 100%;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
    }
    th,
    td {
      padding: 4px 8px;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
      text-align: start;
      overflow-wrap: anywhere;
    }
    .number {
      text-align: end;
    }
    .probe {
      display: none;
    }
  `,
})
export class StatChart {
  readonly spec = input.required<ChartSpec>();

  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly probe = viewChild.required<ElementRef<HTMLElement>>('probe');
  private readonly theme = inject(ThemeService);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private chart: Chart<'bar'> | null = null;
  private readonly rendered = signal(false);

  protected readonly tableShown = signal(false);
  protected readonly empty = () => !hasData(this.spec());
  /** Horizontal bars need room per row; weekly bars a fixed height. */
  protected readonly height = () =>
    this.spec().axis === 'x' ? 240 : Math.max(120, 48 + 28 * this.spec().labels.length);

  constructor() {
    afterNextRender(() => this.rendered.set(true));
    effect(() => {
      const spec = this.spec();
      const canvas = this.canvas()?.nativeElement;
      if (!this.rendered()) return;
      untracked(() => this.draw(spec, canvas));
    });
    // The theme toggle, the system scheme, or a class set from outside (browser tests) recolour.
    effect(() => {
      this.theme.isDark();
      untracked(() => this.recolour());
    });
    const observer = new MutationObserver(() => this.recolour());
    observer.observe(this.document.documentElement, { attributes: true, attributeFilter: ['class'] });
    inject(DestroyRef).onDestroy(() => {
      observer.disconnect();
      this.chart?.destroy();
    });
  }

  private draw(spec: ChartSpec, canvas: HTMLCanvasElement | undefined): void {
    this.chart?.destroy();
    this.chart = null;
    if (!canvas || !hasData(spec)) return;
    const colours = themeColours(this.probe().nativeElement);
    const scale = (grid: boolean) => ({
      ticks: { color: colours.text, precision: 0 },
      grid: { display: grid, color: colours.grid },
      beginAtZero: true,
    });
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [{ label: spec.title, data: spec.values, backgroundColor: colours.bar, borderRadius: 4 }],
      },
      options: {
        indexAxis: spec.axis,
        responsive: true,
        maintainAspectRatio: false,
        locale: this.transloco.getActiveLang(),
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: scale(spec.axis === 'y'), y: scale(spec.axis === 'x') },
      },
    });
  }

  private recolour(): void {
    const chart = this.chart;
    if (!chart) return;
    const colours = themeColours(this.probe().nativeElement);
    chart.data.datasets[0].backgroundColor = colours.bar;
    for (const axis of ['x', 'y'] as const) {
      const scale = chart.options.scales?.[axis];
      if (scale?.ticks) scale.ticks.color = colours.text;
      if (scale?.grid) scale.grid.color = colours.grid;
    }
    chart.update('none');
  }
}
