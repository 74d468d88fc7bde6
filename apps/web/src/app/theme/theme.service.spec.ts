import { TestBed } from '@angular/core/testing';
import { THEME_STORAGE_KEY, ThemeService } from './theme.service';

type ChangeListener = (event: MediaQueryListEvent) => void;

/** jsdom has no matchMedia; this stands in for the operating system's colour-scheme setting. */
function fakeSystemScheme(prefersDark: boolean) {
  const listeners = new Set<ChangeListener>();
  const query = {
    matches: prefersDark,
    addEventListener: (_type: 'change', listener: ChangeListener) => listeners.add(listener),
    removeEventListener: (_type: 'change', listener: ChangeListener) => listeners.delete(listener),
  };
  window.matchMedia = jest.fn().mockReturnValue(query);
  return {
    change(dark: boolean) {
      query.matches = dark;
      listeners.forEach((listener) => listener({ matches: dark } as MediaQueryListEvent));
    },
  };
}

describe('ThemeService', () => {
  const root = document.documentElement;

  function createService(): ThemeService {
    const service = TestBed.inject(ThemeService);
    TestBed.tick();
    return service;
  }

  beforeEach(() => {
    localStorage.clear();
    root.className = '';
  });

  afterEach(() => {
    Reflect.deleteProperty(window, 'matchMedia');
  });

  it('follows the system by default, without pinning a theme or storing anything', () => {
    fakeSystemScheme(true);
    const service = createService();

    expect(service.preference()).toBe('system');
    expect(service.isDark()).toBe(true);
    expect(root.classList).not.toContain('dark-theme');
    expect(root.classList).not.toContain('light-theme');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('toggles from a light system to dark and back, applying and persisting each choice', () => {
    fakeSystemScheme(false);
    const service = createService();

    service.toggle();
    TestBed.tick();
    expect(service.isDark()).toBe(true);
    expect(root.classList).toContain('dark-theme');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    service.toggle();
    TestBed.tick();
    expect(service.isDark()).toBe(false);
    expect(root.classList).toContain('light-theme');
    expect(root.classList).not.toContain('dark-theme');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });

  it('toggles to light first when the system is dark', () => {
    fakeSystemScheme(true);
    const service = createService();

    service.toggle();
    TestBed.tick();

    expect(service.preference()).toBe('light');
    expect(root.classList).toContain('light-theme');
  });

  it('restores the stored choice on the next visit', () => {
    fakeSystemScheme(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');

    const service = createService();

    expect(service.preference()).toBe('dark');
    expect(root.classList).toContain('dark-theme');
  });

  it('ignores a stored value it does not understand', () => {
    fakeSystemScheme(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia');

    expect(createService().preference()).toBe('system');
  });

  it('forgets the stored choice when set back to system', () => {
    fakeSystemScheme(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    const service = createService();

    service.setPreference('system');
    TestBed.tick();

    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
    expect(root.classList).not.toContain('dark-theme');
  });

  it('follows a change of the system scheme while on system', () => {
    const system = fakeSystemScheme(false);
    const service = createService();

    system.change(true);

    expect(service.isDark()).toBe(true);
  });

  it('still works where matchMedia is missing', () => {
    const service = createService();

    expect(service.isDark()).toBe(false);
    service.toggle();
    expect(service.isDark()).toBe(true);
  });
});
