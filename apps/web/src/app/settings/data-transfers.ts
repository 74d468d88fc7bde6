import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  DOCUMENT,
  inject,
  signal,
  type WritableSignal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatProgressBar } from '@angular/material/progress-bar';
import { NgTemplateOutlet } from '@angular/common';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { DataTransfer, ExportFormat, UserEvent } from '@insight/contracts';
import { firstValueFrom, interval } from 'rxjs';
import { API } from '../core/api';
import { LiveEvents } from '../core/live-events';
import { describeError } from '../core/problems';

/** Polling only backs up the live events (a stream that is reconnecting misses some). */
export const TRANSFER_POLL_MS = 5_000;

const FINISHED: ReadonlySet<DataTransfer['status']> = new Set(['completed', 'failed', 'expired']);

/** Applies a live job event to the transfer it belongs to; returns null when it is not about it. */
export function applyJobEvent(transfer: DataTransfer, event: UserEvent): DataTransfer | null {
  if (!('jobId' in event) || event.jobId !== transfer.jobId) return null;
  switch (event.type) {
    case 'job.progress':
      return { ...transfer, status: 'running', progress: Math.max(transfer.progress, event.progress) };
    case 'job.failed':
      return event.willRetry ? transfer : { ...transfer, status: 'failed', error: event.error };
    default:
      return transfer;
  }
}

/** Export everything to a file, import an export: background jobs with live progress. */
@Component({
  selector: 'app-data-transfers',
  imports: [
    MatButton,
    MatFormField,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    NgTemplateOutlet,
    ReactiveFormsModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="row">
      <mat-form-field>
        <mat-label>{{ 'transfers.format' | transloco }}</mat-label>
        <mat-select [formControl]="format">
          <mat-option value="json">{{ 'transfers.json' | transloco }}</mat-option>
          <mat-option value="markdown">{{ 'transfers.markdown' | transloco }}</mat-option>
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="button" (click)="startExport()" [disabled]="busy()">
        {{ 'transfers.export' | transloco }}
      </button>
    </div>
    @if (exporting(); as t) {
      <ng-container
        *ngTemplateOutlet="progress; context: { $implicit: t, label: 'transfers.exportLabel' | transloco }"
      />
      @if (t.status === 'completed') {
        <button mat-stroked-button type="button" (click)="download(t)">
          {{ 'transfers.download' | transloco: { size: size(t.sizeBytes) } }}
        </button>
      }
    }

    <div class="row">
      <label class="file">
        <span>{{ 'transfers.import' | transloco }}</span>
        <input
          #file
          type="file"
          accept=".jsonl,.json,.zip,application/x-ndjson,application/zip"
          (change)="picked(file.files)"
        />
      </label>
      <label class="file">
        <span>{{ 'transfers.importFolder' | transloco }}</span>
        <input #folder type="file" webkitdirectory multiple (change)="pickedFolder(folder.files)" />
      </label>
    </div>
    @if (importing(); as t) {
      <ng-container
        *ngTemplateOutlet="progress; context: { $implicit: t, label: 'transfers.importLabel' | transloco }"
      />
      @if (t.status === 'completed' && t.imported; as r) {
        <p role="status">
          {{
            'transfers.imported'
              | transloco
                : {
                    insights: r.created.insights,
                    categories: r.created.categories,
                    relationships: r.created.relationships,
                    skipped: r.skipped.insights,
                  }
          }}
          @if (r.errorCount) {
            {{ 'transfers.refused' | transloco: { count: r.errorCount } }}
          }
        </p>
        @if (r.errors.length) {
          <ul class="errors">
            @for (e of r.errors.slice(0, 20); track $index) {
              <li>
                {{ e.line ? ('transfers.line' | transloco: { line: e.line }) + ' ' : '' }}{{ e.reason }}
              </li>
            }
          </ul>
        }
      }
    }
    @if (error()) {
      <p class="error-message" role="alert">{{ error() }}</p>
    }

    <ng-template #progress let-t let-label="label">
      <div class="progress">
        <span>{{ label }}: {{ statusLabel(t) }}</span>
        <mat-progress-bar
          [mode]="t.status === 'queued' ? 'indeterminate' : 'determinate'"
          [value]="t.progress"
          [attr.aria-label]="'transfers.progress' | transloco: { label }"
        />
      </div>
    </ng-template>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 12px;
      margin-block-start: 8px;
    }
    .progress {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-block: 8px;
    }
    .file {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font: var(--mat-sys-body-medium);
    }
    .errors {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class DataTransfers {
  private readonly transloco = inject(TranslocoService);
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  protected readonly format = new FormControl<ExportFormat>('json', { nonNullable: true });
  protected readonly exporting = signal<DataTransfer | null>(null);
  protected readonly importing = signal<DataTransfer | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(LiveEvents)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        for (const slot of [this.exporting, this.importing]) {
          const transfer = slot();
          if (!transfer) continue;
          const next = applyJobEvent(transfer, event);
          if (!next) continue;
          slot.set(next);
          // Completion carries no result: read it.
          if (event.type === 'job.completed') void this.refresh(slot);
        }
      });
    interval(TRANSFER_POLL_MS)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => {
        for (const slot of [this.exporting, this.importing]) {
          const transfer = slot();
          if (transfer && !FINISHED.has(transfer.status)) void this.refresh(slot);
        }
      });
  }

  protected statusLabel(transfer: DataTransfer): string {
    switch (transfer.status) {
      case 'queued':
        return this.transloco.translate('transfers.queued');
      case 'running':
        return `${Math.round(transfer.progress)}%`;
      case 'completed':
        return this.transloco.translate('transfers.done');
      case 'failed':
        return `${this.transloco.translate('transfers.failed')}${transfer.error ? `: ${transfer.error}` : ''}`;
      case 'expired':
        return this.transloco.translate('transfers.expired');
    }
  }

  protected size(bytes: number | null): string {
    if (bytes === null) return this.transloco.translate('transfers.sizeUnknown');
    return bytes < 1024
      ? `${bytes} B`
      : bytes < 1024 * 1024
        ? `${(bytes / 1024).toFixed(1)} KB`
        : `${(bytes / 1048576).toFixed(1)} MB`;
  }

  protected async startExport(): Promise<void> {
    await this.guard(async () => {
      this.exporting.set(
        await firstValueFrom(this.http.post<DataTransfer>(`${API}/exports`, { format: this.format.value })),
      );
    }, this.transloco.translate('transfers.exportFailed'));
  }

  protected async picked(files: FileList | null): Promise<void> {
    const file = files?.item(0);
    if (!file) return;
    const body = new FormData();
    body.append('file', file, file.name);
    await this.guard(async () => {
      this.importing.set(await firstValueFrom(this.http.post<DataTransfer>(`${API}/imports`, body)));
    }, this.transloco.translate('transfers.importFailed'));
  }

  /**
   * A vault folder: its Markdown notes (hidden folders such as .obsidian left out), each named by
   * its path inside the chosen folder, so the folders below it become categories.
   */
  protected async pickedFolder(files: FileList | null): Promise<void> {
    const body = new FormData();
    for (const file of Array.from(files ?? [])) {
      const path = (file.webkitRelativePath || file.name).split('/').slice(1).join('/') || file.name;
      if (!/\.md$/i.test(path) || path.split('/').some((part) => part.startsWith('.'))) continue;
      body.append('files', file, path);
    }
    if (!body.has('files')) return;
    await this.guard(async () => {
      this.importing.set(await firstValueFrom(this.http.post<DataTransfer>(`${API}/imports`, body)));
    }, this.transloco.translate('transfers.importFailed'));
  }

  /** The download needs the access token, so it is fetched here and handed to the browser as a file. */
  protected async download(transfer: DataTransfer): Promise<void> {
    if (!transfer.downloadUrl) return;
    await this.guard(async () => {
      const blob = await firstValueFrom(
        this.http.get(transfer.downloadUrl as string, { responseType: 'blob' }),
      );
      const url = URL.createObjectURL(blob);
      const link = this.document.createElement('a');
      link.href = url;
      link.download = `insight-tracker-export-${transfer.createdAt.slice(0, 10)}.${transfer.format === 'json' ? 'jsonl' : 'zip'}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }, this.transloco.translate('transfers.downloadFailed'));
  }

  private async refresh(slot: WritableSignal<DataTransfer | null>): Promise<void> {
    const transfer = slot();
    if (!transfer) return;
    try {
      slot.set(
        await firstValueFrom(
          this.http.get<DataTransfer>(`${API}/${transfer.kind}s/${encodeURIComponent(transfer.id)}`),
        ),
      );
    } catch {
      // The next poll or event tries again.
    }
  }

  private async guard(action: () => Promise<void>, failure: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (error) {
      this.error.set(describeError(error, failure));
    } finally {
      this.busy.set(false);
    }
  }
}
