import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger, MatOption } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { type Insight, RELATIONSHIP_VOCABULARY, type RelationshipType } from '@insight/contracts';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, of, switchMap } from 'rxjs';
import { SearchService } from '../core/data/search.service';
import { describeError } from '../core/problems';
import { RelationshipTypePipe } from '../i18n/relationship-type.pipe';

/** Links this insight to another one found by typing its title, with a chosen relationship type. */
@Component({
  selector: 'app-link-insight-form',
  imports: [
    RelationshipTypePipe,
    TranslocoPipe,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatFormField,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="link-form"
      (submit)="$event.preventDefault(); submit()"
      [attr.aria-label]="'link.form' | transloco"
      novalidate
    >
      <mat-form-field>
        <mat-label>{{ 'link.type' | transloco }}</mat-label>
        <mat-select [formControl]="type">
          @for (info of vocabulary; track info.type) {
            <mat-option [value]="info.type">{{ info.type | relationshipType: info.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field class="target">
        <mat-label>{{ 'link.other' | transloco }}</mat-label>
        <input
          matInput
          [formControl]="query"
          [matAutocomplete]="auto"
          [placeholder]="'link.placeholder' | transloco"
        />
        <mat-autocomplete
          #auto="matAutocomplete"
          [displayWith]="titleOf"
          (optionSelected)="target.set($event.option.value)"
        >
          @for (candidate of candidates(); track candidate.id) {
            <mat-option [value]="candidate">{{ candidate.title }}</mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <button mat-stroked-button type="submit" [disabled]="!target() || busy()">
        {{ 'link.link' | transloco }}
      </button>
    </form>
    @if (error()) {
      <p class="error-message" role="alert">{{ error() }}</p>
    }
  `,
  styles: `
    .link-form {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 12px;
      margin-block-start: 16px;
    }
    mat-form-field {
      flex: 1 1 180px;
    }
    .target {
      flex: 2 1 240px;
    }
  `,
})
export class LinkInsightForm {
  readonly insightId = input.required<string>();
  readonly linked = output<void>();

  private readonly search = inject(SearchService);
  private readonly transloco = inject(TranslocoService);
  protected readonly vocabulary = RELATIONSHIP_VOCABULARY;
  protected readonly type = new FormControl<RelationshipType>('related', { nonNullable: true });
  protected readonly query = new FormControl<string | Insight>('', { nonNullable: true });
  protected readonly candidates = signal<Insight[]>([]);
  protected readonly target = signal<Insight | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.query.valueChanges
      .pipe(
        map((value) => (typeof value === 'string' ? value.trim() : null)),
        debounceTime(200),
        distinctUntilChanged(),
        switchMap((text) => {
          if (text !== null) this.target.set(null);
          if (!text) return of([]);
          return this.search.search({ q: text, limit: 8 }).pipe(
            map((results) =>
              results.items.map((item) => item.insight).filter((i) => i.id !== this.insightId()),
            ),
            catchError(() => of([])),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((candidates) => this.candidates.set(candidates));
  }

  protected titleOf(value: Insight | string | null): string {
    return typeof value === 'string' ? value : (value?.title ?? '');
  }

  protected async submit(): Promise<void> {
    const target = this.target();
    if (!target || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(
        this.search.link({ sourceId: this.insightId(), targetId: target.id, type: this.type.value }),
      );
      this.query.setValue('');
      this.target.set(null);
      this.linked.emit();
    } catch (error) {
      this.error.set(describeError(error, this.transloco.translate('link.failed')));
    } finally {
      this.busy.set(false);
    }
  }
}
