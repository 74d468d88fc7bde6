import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatList, MatListItem, MatListItemMeta, MatListItemTitle } from '@angular/material/list';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { ApiStatusService } from './api-status.service';

const STATE_LABELS = { up: 'Up', down: 'Down', unknown: 'Not reported' } as const;

@Component({
  selector: 'app-status-page',
  imports: [
    DatePipe,
    MatButton,
    MatChip,
    MatChipSet,
    MatList,
    MatListItem,
    MatListItemMeta,
    MatListItemTitle,
    MatProgressSpinner,
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
    if (notUp === 0) {
      return `All ${dependencies.length} dependencies are up.`;
    }
    return `${notUp} of ${dependencies.length} ${dependencies.length === 1 ? 'dependency is' : 'dependencies are'} not up.`;
  });
  protected readonly allUp = computed(() => this.status.report()?.status === 'ok');

  ngOnInit(): void {
    this.status.refresh();
  }
}
