import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import en from './en';
import { initialLanguage, LANGUAGE_STORAGE_KEY, LanguageService, provideI18n } from './i18n';
import pt from './pt';

describe('initialLanguage', () => {
  it('prefers a stored choice over the browser', () => {
    expect(initialLanguage('pt', ['en-GB'])).toBe('pt');
  });

  it('takes the first browser language it speaks, by its base tag', () => {
    expect(initialLanguage(null, ['de-DE', 'pt-BR', 'en'])).toBe('pt');
    expect(initialLanguage(null, ['EN-us'])).toBe('en');
  });

  it('ignores an unknown stored value and falls back to English', () => {
    expect(initialLanguage('klingon', ['fr'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});

describe('translations', () => {
  function keys(value: object, prefix = ''): string[] {
    return Object.entries(value).flatMap(([key, child]) =>
      typeof child === 'object' ? keys(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
    );
  }

  function texts(value: object): string[] {
    return Object.values(value).flatMap((child) =>
      typeof child === 'object' ? texts(child as object) : [String(child)],
    );
  }

  it('gives Portuguese every English key, each with its own non-empty text', () => {
    expect(keys(pt)).toEqual(keys(en));
    expect(texts(pt).filter((text) => !text.trim())).toEqual([]);
  });
});

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideI18n('en')] });
  });

  it('switches the texts to Portuguese, remembers the choice and sets <html lang>', async () => {
    const language = TestBed.inject(LanguageService);
    const transloco = TestBed.inject(TranslocoService);
    expect(await firstValueFrom(transloco.selectTranslate('nav.settings'))).toBe('Settings');

    language.set('pt');

    expect(await firstValueFrom(transloco.selectTranslate('nav.settings', {}, 'pt'))).toBe('Definições');
    expect(language.t('nav.signOut', { name: 'Ada' })).toBe('Terminar sessão (Ada)');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('pt');
    expect(document.documentElement.lang).toBe('pt');
    expect(language.language()).toBe('pt');
  });
});

describe('templates', () => {
  const root = join(__dirname, '..');
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  }
  function templates(file: string): string[] {
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.html')) return [source];
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) return [];
    return [...source.matchAll(/template:\s*`([\s\S]*?)`,?\n/g)].map((match) => match[1]);
  }
  const TAG = /<[^>"']*(?:"[^"]*"[^>"']*|'[^']*'[^>"']*)*>/g;

  /** Words left once bindings, tags, control flow and icon ligatures are gone: text nobody translates. */
  function literalText(template: string): string[] {
    const text = template
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<mat-icon\b(?:"[^"]*"|'[^']*'|[^>"'])*>[^<]*<\/mat-icon\s*>/g, ' ')
      .replace(/{{[\s\S]*?}}/g, ' ')
      .replace(TAG, ' ')
      .replace(/@(if|else if|else|for|empty|switch|case|default|let|defer)\b[^{]*{/g, ' ')
      .replace(/[{}]/g, ' ');
    return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word));
  }
  /** Attributes people read (labels, titles, placeholders) given as fixed text instead of a key. */
  function literalAttributes(template: string): string[] {
    return [...template.matchAll(/\s(aria-label|title|placeholder|alt|mat-label)="([^"]*)"/g)]
      .filter((match) => /\p{L}/u.test(match[2]))
      .map((match) => match[0].trim());
  }

  it('hold no untranslated text: every word people read comes from a translation key', () => {
    const found = files(root).flatMap((file) =>
      templates(file).flatMap((template) =>
        [...literalText(template), ...literalAttributes(template)].map(
          (text) => `${file.slice(root.length)}: ${text}`,
        ),
      ),
    );
    expect(found).toEqual([]);
  });

  it('would notice literal text (the check itself works)', () => {
    expect(literalText('<p class="x">{{ a | transloco }} Save now</p><mat-icon>star</mat-icon>')).toEqual([
      'Save',
      'now',
    ]);
    expect(literalAttributes('<button aria-label="Close" [title]="t">')).toEqual(['aria-label="Close"']);
  });
});
