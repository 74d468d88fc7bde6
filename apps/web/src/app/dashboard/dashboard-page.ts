import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { DashboardStats } from '@insight/contracts';
import { firstValueFrom, map, switchMap } from 'rxjs';
import { StatsService } from '../core/data/stats.service';
import { describeError } from '../core/problems';
import { RelativeTimePipe } from '../i18n/dates';
import { plural } from '../i18n/plural';
import { dashboardCharts } from './chart-data';
import { StatChart } from './stat-chart';

/** Dashboard: the figures of `GET /stats` as charts, each with its table. Chart.js loads with this route only. */
@Component({
  selector: 'app-dashboard-page',
  imports: [MatButton, MatProgressBar, RelativeTimePipe, StatChart, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
})
export class DashboardPage {
  private readonly api = inject(StatsService);
  private readonly transloco = inject(TranslocoService);
  // The active language once its (lazily loaded) texts are there, so the labels are never keys.
  private readonly language = toSignal(
    this.transloco.langChanges$.pipe(
      switchMap((language) => this.transloco.load(language).pipe(map(() => language))),
    ),
    { initialValue: this.transloco.getActiveLang() },
  );

  protected readonly plural = plural;
  protected readonly stats = signal<DashboardStats | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly charts = computed(() => {
    const stats = this.stats();
    const language = this.language();
    return stats
      ? dashboardCharts(stats, (key, params) => this.transloco.translate(key, params), language)
      : [];
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.stats.set(await firstValueFrom(this.api.stats()));
    } catch (error) {
      this.error.set(describeError(error, this.transloco.translate('dashboard.loadFailed')));
    } finally {
      this.loading.set(false);
    }
  }
}
