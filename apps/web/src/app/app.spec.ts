import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { getByRole } from '../testing/by-role';
import { App } from './app';
import { appRoutes } from './app.routes';
import { PageTitleStrategy } from './shell/page-title.strategy';

function routedPage(harness: RouterTestingHarness): HTMLElement {
  const page = harness.routeNativeElement;
  if (!page) {
    throw new Error('The router rendered no page.');
  }
  return page;
}

describe('App shell', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.className = '';
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TitleStrategy, useClass: PageTitleStrategy },
      ],
    });
  });

  it('shows the product name in the top bar, linking home', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();

    const banner = getByRole(fixture.nativeElement, 'banner');
    expect(getByRole(banner, 'link', { name: 'Insight Tracker' }).getAttribute('href')).toBe('/');
  });

  it('switches the theme from the toolbar button', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const shell: HTMLElement = fixture.nativeElement;

    getByRole(shell, 'button', { name: 'Switch to dark theme' }).click();
    await fixture.whenStable();

    expect(document.documentElement.classList).toContain('dark-theme');
    expect(getByRole(shell, 'button', { name: 'Switch to light theme' })).toBeTruthy();
  });

  it('opens the status page at the root and titles the tab after it', async () => {
    const harness = await RouterTestingHarness.create('/');

    expect(getByRole(routedPage(harness), 'heading', { level: 1 }).textContent).toBe('Service status');
    expect(TestBed.inject(Title).getTitle()).toBe('Service status · Insight Tracker');
    TestBed.inject(HttpTestingController).expectOne('/readiness');
  });

  it('shows a not-found page, naming the path, for unknown addresses', async () => {
    const harness = await RouterTestingHarness.create('/no/such/page');
    const page = routedPage(harness);

    expect(getByRole(page, 'heading', { level: 1 }).textContent).toBe('Page not found');
    expect(page.textContent).toContain('/no/such/page');
    expect(getByRole(page, 'link', { name: 'Go to service status' }).getAttribute('href')).toBe('/');
    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Insight Tracker');
  });
});
