import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { getByRole } from '../testing/by-role';
import { App } from './app';
import { appRoutes } from './app.routes';
import { provideI18n } from './i18n/i18n';
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
        provideI18n('en'),
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

  it('opens the status page, for everyone, and titles the tab after it', async () => {
    const harness = await RouterTestingHarness.create('/status');

    expect(getByRole(routedPage(harness), 'heading', { level: 1 }).textContent).toBe('Service status');
    expect(TestBed.inject(Title).getTitle()).toBe('Service status · Insight Tracker');
    TestBed.inject(HttpTestingController).expectOne('/readiness');
  });

  it('sends a visitor without a session to sign in, remembering the address', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/search?q=coffee');
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/refresh')
      .flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await navigation;

    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2Fsearch%3Fq%3Dcoffee');
    expect(getByRole(routedPage(harness), 'heading', { level: 1 }).textContent).toBe('Sign in');
  });

  it('shows a not-found page, naming the path, for unknown addresses of the signed-in', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/no/such/page');
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/refresh')
      .flush({
        accessToken: 't',
        tokenType: 'Bearer',
        expiresIn: 900,
        user: {
          id: 'u',
          email: 'a@example.test',
          displayName: 'Ada',
          role: 'user',
          createdAt: '',
          updatedAt: '',
        },
      });
    await navigation;
    const page = routedPage(harness);

    expect(getByRole(page, 'heading', { level: 1 }).textContent).toBe('Page not found');
    expect(page.textContent).toContain('/no/such/page');
    expect(getByRole(page, 'link', { name: 'Go to the timeline' }).getAttribute('href')).toBe('/');
    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Insight Tracker');
  });
});
