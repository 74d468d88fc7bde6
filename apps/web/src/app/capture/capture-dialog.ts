import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { InsightsService } from '../core/data/insights.service';
import { applyProblem } from '../core/problems';
import { InsightEditor } from '../insight/insight-editor';
import { createInsightForm, type InsightDraft, toRequest } from '../insight/insight-form';
import { CaptureDraft } from './capture-draft';

/** Quick capture: the draft survives closing, reloads and failed saves until it is saved. */
@Component({
  selector: 'app-capture-dialog',
  imports: [
    InsightEditor,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    ReactiveFormsModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title id="capture-title">{{ 'capture.heading' | transloco }}</h2>
    <form
      [formGroup]="form"
      (ngSubmit)="save()"
      (keydown.control.enter)="save()"
      (keydown.meta.enter)="save()"
      novalidate
    >
      <mat-dialog-content>
        @if (restored) {
          <p class="note">{{ 'capture.restored' | transloco }}</p>
        }
        <app-insight-editor [form]="form" (dictated)="dictated = true" />
        @if (error()) {
          <p class="error-message" role="alert">{{ error() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'capture.close' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ (busy() ? 'capture.saving' : 'capture.save') | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .note {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CaptureDialog {
  private readonly insights = inject(InsightsService);
  private readonly drafts = inject(CaptureDraft);
  private readonly dialog = inject(MatDialogRef<CaptureDialog>);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly initial = this.drafts.read();

  protected readonly restored = this.initial !== null;
  protected readonly form = createInsightForm(this.initial ?? {});
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected dictated = false;

  constructor() {
    this.form.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.drafts.write(this.form.getRawValue()));
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const draft: InsightDraft = this.form.getRawValue();
    try {
      const insight = await firstValueFrom(
        this.insights.create(toRequest(draft, this.dictated ? 'voice' : 'text')),
      );
      this.drafts.clear();
      this.dialog.close(insight);
      this.snackBar
        .open(
          this.transloco.translate('capture.saved', { title: insight.title }),
          this.transloco.translate('capture.open'),
          {
            duration: 5000,
          },
        )
        .onAction()
        .subscribe(() => void this.router.navigate(['/insights', insight.id]));
    } catch (error) {
      const kept = this.drafts.write(draft);
      const message = applyProblem(this.form, error, this.transloco.translate('capture.notSaved'));
      const keptNote = kept
        ? this.transloco.translate('capture.draftKept')
        : this.transloco.translate('capture.draftLost');
      this.error.set(
        message ? `${message} ${keptNote}` : `${this.transloco.translate('capture.fixFields')} ${keptNote}`,
      );
    } finally {
      this.busy.set(false);
    }
  }
}
