import {
  computed,
  DOCUMENT,
  inject,
  Injectable,
  isDevMode,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
  signal,
  type Signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { provideTransloco, type Translation, TranslocoLoader, TranslocoService } from '@jsverse/transloco';
import { from, type Observable, of } from 'rxjs';
import { useProblemTranslator } from '../core/problems';
import en from './en';
import type { Translate } from './translate';

export const LANGUAGES = ['en', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'insight-tracker.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The stored choice wins; otherwise the first browser language we speak ("pt-BR" → pt);
 * otherwise English.
 */
export function initialLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * English ships in the initial bundle (it is the fallback and small); every other language is
 * a lazy chunk fetched only when chosen, so the first route stays within its size budget.
 */
@Injectable({ providedIn: 'root' })
export class LazyTranslationLoader implements TranslocoLoader {
  getTranslation(lang: string): Observable<Translation> {
    if (lang === 'pt') return from(import('./pt').then((m) => m.default as Translation));
    return of(en as Translation);
  }
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function provideI18n(initial?: Language) {
  const lang = initial ?? initialLanguage(readStored(), globalThis.navigator?.languages ?? []);
  return makeEnvironmentProviders([
    provideTransloco({
      config: {
        availableLangs: [...LANGUAGES],
        defaultLang: lang,
        fallbackLang: 'en',
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
      },
      loader: LazyTranslationLoader,
    }),
    // Error wording built outside components (core/problems.ts) speaks the active language too.
    provideEnvironmentInitializer(() => {
      const transloco = inject(TranslocoService);
      useProblemTranslator((key, params) => transloco.translate(key, params));
    }),
  ]);
}

/** The chosen language: switches Transloco, remembers the choice and keeps <html lang> right for screen readers. */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  readonly language = signal<Language>(this.current());

  constructor() {
    this.document.documentElement.lang = this.language();
  }

  set(language: Language): void {
    this.transloco.setActiveLang(language);
    this.language.set(language);
    this.document.documentElement.lang = language;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
  }

  /** Translates a message built in code (snackbars, errors) in the active language. */
  t(key: string, params?: Record<string, unknown>): string {
    return this.transloco.translate(key, params);
  }

  private current(): Language {
    const active = this.transloco.getActiveLang();
    return isLanguage(active) ? active : 'en';
  }
}

/**
 * Transloco's translate as a signal that changes once the active language's texts are loaded,
 * so a computed() that builds text in code (chips, previews) follows a language switch.
 */
export function injectTranslate(): Signal<Translate> {
  const transloco = inject(TranslocoService);
  const loaded = toSignal(transloco.selectTranslation());
  return computed<Translate>(() => {
    loaded();
    return (key, params) => transloco.translate(key, params);
  });
}
