import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatList, MatListItem, MatListItemMeta, MatListItemTitle } from '@angular/material/list';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalDatePipe } from '../i18n/dates';
import { ApiStatusService } from './api-status.service';

const STATE_LABELS = { up: 'statusPage.up', down: 'statusPage.down', unknown: 'statusPage.unknown' } as const;

@Component({
  selector: 'app-status-page',
  imports: [
    LocalDatePipe,
    MatButton,
    MatChip,
    MatChipSet,
    MatList,
    MatListItem,
    MatListItemMeta,
    MatListItemTitle,
    MatProgressSpinner,
    TranslocoPipe,
  ],
  templateUrl: './status-page.html',
  styleUrl: './status-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusPage implements OnInit {
  protected readonly status = inject(ApiStatusService);
  protected readonly stateLabels = STATE_LABELS;

  protected readonly summary = computed(() => {
    const dependencies = this.status.dependencies();
    const notUp = dependencies.filter((dependency) => dependency.state !== 'up').length;
    const params = { notUp, count: dependencies.length };
    if (notUp === 0) return { key: 'statusPage.allUp', params };
    return { key: dependencies.length === 1 ? 'statusPage.notUpOfOne' : 'statusPage.notUp', params };
  });
  protected readonly allUp = computed(() => this.status.report()?.status === 'ok');

  ngOnInit(): void {
    this.status.refresh();
  }
}
