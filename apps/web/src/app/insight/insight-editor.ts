import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnDestroy,
  OnInit,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocomplete,
  MatAutocompleteSelectedEvent,
  MatAutocompleteTrigger,
  MatOption,
} from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import {
  MatChipGrid,
  MatChipInput,
  MatChipInputEvent,
  MatChipRemove,
  MatChipRow,
} from '@angular/material/chips';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { INSIGHT_LIMITS } from '@insight/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { catchError, of, startWith } from 'rxjs';
import { CategoriesStore } from '../core/data/categories.store';
import { TagsService } from '../core/data/tags.service';
import { type InsightForm, normaliseTag, suggestTags } from './insight-form';
import { Dictation } from './speech';

/** The fields of an insight, shared by quick capture and editing. */
@Component({
  selector: 'app-insight-editor',
  imports: [
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatCheckbox,
    MatChipGrid,
    MatChipInput,
    MatChipRemove,
    MatChipRow,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
    ReactiveFormsModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="editor" [formGroup]="form()">
      <mat-form-field>
        <mat-label>{{ 'editor.title' | transloco }}</mat-label>
        <input matInput formControlName="title" required [maxlength]="limits.titleMaxLength" />
        @if (form().controls.title.hasError('server')) {
          <mat-error>{{ form().controls.title.getError('server') }}</mat-error>
        } @else {
          <mat-error>{{ 'editor.titleRequired' | transloco }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field>
        <mat-label>{{ 'editor.content' | transloco }}</mat-label>
        <textarea matInput formControlName="content" rows="6"></textarea>
        @if (form().controls.content.hasError('server')) {
          <mat-error>{{ form().controls.content.getError('server') }}</mat-error>
        }
        @if (dictation.listening()) {
          <mat-hint>{{ 'editor.listening' | transloco }}</mat-hint>
        } @else if (dictation.error(); as failure) {
          <mat-hint class="error-message">{{ failure.key | transloco: failure.params }}</mat-hint>
        }
      </mat-form-field>
      @if (dictation.supported) {
        <div class="dictation">
          <button
            mat-stroked-button
            type="button"
            (click)="toggleDictation()"
            [attr.aria-pressed]="dictation.listening()"
          >
            <mat-icon aria-hidden="true">{{ dictation.listening() ? 'stop' : 'mic' }}</mat-icon>
            {{ (dictation.listening() ? 'editor.stopDictation' : 'editor.dictate') | transloco }}
          </button>
        </div>
      }

      <mat-form-field>
        <mat-label>{{ 'editor.tags' | transloco }}</mat-label>
        <mat-chip-grid #chipGrid [attr.aria-label]="'editor.tags' | transloco" formControlName="tags">
          @for (tag of tags(); track tag) {
            <mat-chip-row (removed)="removeTag(tag)">
              {{ tag }}
              <button matChipRemove type="button" [attr.aria-label]="'editor.removeTag' | transloco: { tag }">
                <mat-icon aria-hidden="true">cancel</mat-icon>
              </button>
            </mat-chip-row>
          }
        </mat-chip-grid>
        <!-- Outside the grid: a grid may only contain rows (axe: aria-required-children). -->
        <input
          [placeholder]="'editor.addTagPlaceholder' | transloco"
          [attr.aria-label]="'editor.addTag' | transloco"
          [matChipInputFor]="chipGrid"
          [matAutocomplete]="tagAuto"
          [value]="typedTag()"
          (input)="typedTag.set($any($event.target).value)"
          (matChipInputTokenEnd)="addTag($event)"
        />
        <mat-autocomplete #tagAuto="matAutocomplete" (optionSelected)="pickTag($event)">
          @for (tag of tagSuggestions(); track tag) {
            <mat-option [value]="tag">{{ tag }}</mat-option>
          }
        </mat-autocomplete>
        <mat-hint>{{ 'editor.tagHint' | transloco }}</mat-hint>
        @if (form().controls.tags.hasError('server')) {
          <mat-error>{{ form().controls.tags.getError('server') }}</mat-error>
        }
      </mat-form-field>

      <div class="row">
        <mat-form-field class="category">
          <mat-label>{{ 'editor.category' | transloco }}</mat-label>
          <mat-select formControlName="categoryId">
            <mat-option [value]="null">{{ 'editor.none' | transloco }}</mat-option>
            @for (category of categories.categories(); track category.id) {
              <mat-option [value]="category.id">{{ category.name }}</mat-option>
            }
          </mat-select>
          @if (form().controls.categoryId.hasError('server')) {
            <mat-error>{{ form().controls.categoryId.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-checkbox formControlName="favorite">{{ 'editor.favourite' | transloco }}</mat-checkbox>
      </div>
    </div>
  `,
  styles: `
    .editor {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    mat-form-field {
      width: 100%;
    }
    .dictation {
      margin-block: -8px 12px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }
    .category {
      flex: 1 1 200px;
    }
  `,
})
export class InsightEditor implements OnInit, OnDestroy {
  readonly form = input.required<InsightForm>();
  /** True once dictation added text, so the insight records it was spoken. */
  readonly dictated = output<void>();

  protected readonly limits = INSIGHT_LIMITS;
  protected readonly categories = inject(CategoriesStore);
  protected readonly dictation = inject(Dictation);
  protected readonly typedTag = signal('');
  private readonly knownTags = toSignal(
    inject(TagsService)
      .list()
      .pipe(catchError(() => of([]))),
    {
      initialValue: [],
    },
  );
  private readonly tagsValue = signal<string[]>([]);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly tags = computed(() => this.tagsValue());
  protected readonly tagSuggestions = computed(() =>
    suggestTags(
      this.knownTags().map((tag) => tag.name),
      this.typedTag(),
      this.tags(),
    ),
  );

  ngOnInit(): void {
    void this.categories.load().catch(() => undefined);
    const control = this.form().controls.tags;
    control.valueChanges
      .pipe(startWith(control.value), takeUntilDestroyed(this.destroyRef))
      .subscribe((tags) => this.tagsValue.set(tags));
  }

  ngOnDestroy(): void {
    this.dictation.stop();
  }

  protected addTag(event: MatChipInputEvent): void {
    this.add(event.value);
    event.chipInput.clear();
    this.typedTag.set('');
  }

  protected pickTag(event: MatAutocompleteSelectedEvent): void {
    this.add(String(event.option.value));
    this.typedTag.set('');
  }

  protected removeTag(tag: string): void {
    const control = this.form().controls.tags;
    control.setValue(control.value.filter((t) => t !== tag));
    control.markAsDirty();
  }

  protected toggleDictation(): void {
    if (this.dictation.listening()) {
      this.dictation.stop();
      return;
    }
    this.dictation.start((text) => {
      const content = this.form().controls.content;
      content.setValue(content.value ? `${content.value.trimEnd()} ${text}` : text);
      content.markAsDirty();
      this.dictated.emit();
    });
  }

  private add(raw: string): void {
    const control = this.form().controls.tags;
    const tags = raw.split(',').map(normaliseTag).filter(Boolean);
    const next = [...new Set([...control.value, ...tags])].slice(0, INSIGHT_LIMITS.tagsMaxCount);
    control.setValue(next);
    control.markAsDirty();
  }
}
