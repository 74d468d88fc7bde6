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
