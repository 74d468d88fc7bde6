import { computed, DestroyRef, DOCUMENT, effect, inject, Injectable, signal } from '@angular/core';

export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'insight-tracker.theme';

const DARK_CLASS = 'dark-theme';
const LIGHT_CLASS = 'light-theme';
const PREFERS_DARK_QUERY = '(prefers-color-scheme: dark)';

function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

/**
 * Owns the colour scheme. 'system' adds no class, so the stylesheet's `color-scheme: light dark`
 * follows the operating system; an explicit choice pins it with `.light-theme` / `.dark-theme`.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly window = this.document.defaultView;
  private readonly systemPrefersDark = signal(false);

  readonly preference = signal<ThemePreference>(this.readStoredPreference());
  readonly isDark = computed(() => {
    const preference = this.preference();
    return preference === 'dark' || (preference === 'system' && this.systemPrefersDark());
  });

  constructor() {
    this.watchSystemScheme();

    effect(() => {
      const preference = this.preference();
      const root = this.document.documentElement;
      root.classList.toggle(DARK_CLASS, preference === 'dark');
      root.classList.toggle(LIGHT_CLASS, preference === 'light');
      this.storePreference(preference);
    });
  }

  /** Switches to the opposite of what is shown now, and remembers that explicit choice. */
  toggle(): void {
    this.preference.set(this.isDark() ? 'light' : 'dark');
  }

  setPreference(preference: ThemePreference): void {
    this.preference.set(preference);
  }

  private watchSystemScheme(): void {
    if (typeof this.window?.matchMedia !== 'function') {
      return;
    }
    const query = this.window.matchMedia(PREFERS_DARK_QUERY);
    this.systemPrefersDark.set(query.matches);
    const onChange = (event: MediaQueryListEvent) => this.systemPrefersDark.set(event.matches);
    query.addEventListener('change', onChange);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', onChange));
  }

  // Storage can be unavailable (privacy modes, quota); the theme then simply is not remembered.
  private readStoredPreference(): ThemePreference {
    try {
      const stored = this.window?.localStorage.getItem(THEME_STORAGE_KEY);
      return isThemePreference(stored) ? stored : 'system';
    } catch {
      return 'system';
    }
  }

  private storePreference(preference: ThemePreference): void {
    try {
      if (preference === 'system') {
        this.window?.localStorage.removeItem(THEME_STORAGE_KEY);
      } else {
        this.window?.localStorage.setItem(THEME_STORAGE_KEY, preference);
      }
    } catch {
      // Not remembered across visits; the current page still switches.
    }
  }
}
