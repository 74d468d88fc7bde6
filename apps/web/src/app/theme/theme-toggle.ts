import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ThemeService } from './theme.service';

/**
 * A native button styled like Material's icon button: the shell is in the initial bundle,
 * and MatIconButton (with ripple and focus monitoring) would add about 60 kB to it.
 */
@Component({
  selector: 'app-theme-toggle',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      class="icon-button"
      type="button"
      [attr.aria-label]="label() | transloco"
      [title]="label() | transloco"
      (click)="theme.toggle()"
    >
      @if (theme.isDark()) {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="4.5" fill="currentColor" />
          <path
            d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
          />
        </svg>
      } @else {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" fill="currentColor" />
        </svg>
      }
    </button>
  `,
  styles: `
    .icon-button {
      display: inline-grid;
      place-items: center;
      width: 48px;
      height: 48px;
      padding: 0;
      border: 0;
      border-radius: var(--mat-sys-corner-full);
      background: transparent;
      color: var(--mat-sys-on-surface-variant);
      cursor: pointer;
      transition: background-color 150ms ease;

      &:hover {
        background: color-mix(
          in srgb,
          currentColor calc(var(--mat-sys-hover-state-layer-opacity) * 100%),
          transparent
        );
      }

      &:active {
        background: color-mix(
          in srgb,
          currentColor calc(var(--mat-sys-pressed-state-layer-opacity) * 100%),
          transparent
        );
      }
    }

    .icon {
      width: 24px;
      height: 24px;
    }
  `,
})
export class ThemeToggle {
  protected readonly theme = inject(ThemeService);
  protected readonly label = computed(() => (this.theme.isDark() ? 'nav.toLight' : 'nav.toDark'));
}
