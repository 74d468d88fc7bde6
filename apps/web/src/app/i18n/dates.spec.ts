import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { localDate, LocalDatePipe, relativeTime, RelativeTimePipe } from './dates';
import { LanguageService, provideI18n } from './i18n';

describe('relativeTime', () => {
  const now = Date.UTC(2026, 10, 30, 12, 0, 0);

  it('uses the largest unit that fits, in the language asked', () => {
    expect(relativeTime(now - 3 * 24 * 3600_000, 'en', now)).toBe('3 days ago');
    expect(relativeTime(now - 3 * 24 * 3600_000, 'pt', now)).toBe('há 3 dias');
    expect(relativeTime(now + 2 * 3600_000, 'en', now)).toBe('in 2 hours');
    expect(relativeTime(now - 24 * 3600_000, 'en', now)).toBe('yesterday');
    expect(relativeTime(now - 2_000, 'pt', now)).toBe('agora');
    expect(relativeTime(new Date(now - 400 * 24 * 3600_000).toISOString(), 'en', now)).toBe('last year');
  });
});

describe('localDate', () => {
  it('formats with the locale data of the language', () => {
    const date = '2026-03-05T10:00:00Z';
    expect(localDate(date, 'mediumDate', 'en')).toBe('Mar 5, 2026');
    expect(localDate(date, 'mediumDate', 'pt')).toBe('5 de mar. de 2026');
  });
});

@Component({
  imports: [LocalDatePipe, RelativeTimePipe],
  template: `<span>{{ at() | localDate: 'longDate' }}</span
    ><i>{{ at() | relativeTime }}</i>`,
})
class Host {
  readonly at = signal(new Date(Date.now() - 3 * 24 * 3600_000).toISOString());
}

describe('date pipes', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideI18n('en')] });
  });

  it('follow a language switch without the value changing', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('i')?.textContent).toBe('3 days ago');
    const english = element.querySelector('span')?.textContent;

    TestBed.inject(LanguageService).set('pt');
    await fixture.whenStable();

    expect(element.querySelector('i')?.textContent).toBe('há 3 dias');
    expect(element.querySelector('span')?.textContent).not.toBe(english);
    expect(element.querySelector('span')?.textContent).toMatch(/ de \d{4}$/);
  });
});
