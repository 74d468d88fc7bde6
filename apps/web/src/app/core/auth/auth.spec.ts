import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthSession } from '@insight/contracts';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthStore, safeReturnUrl } from './auth.store';

function session(token: string, expiresIn = 900): AuthSession {
  return {
    accessToken: token,
    tokenType: 'Bearer',
    expiresIn,
    user: {
      id: 'u1',
      email: 'ada@example.test',
      displayName: 'Ada',
      role: 'user',
      createdAt: '',
      updatedAt: '',
    },
  };
}

describe('AuthStore and authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  async function signIn(token = 'first', expiresIn = 900): Promise<void> {
    const login = auth.login({ email: 'ada@example.test', password: 'secret-secret' });
    backend.expectOne({ method: 'POST', url: '/api/v1/auth/login' }).flush(session(token, expiresIn));
    await login;
  }

  const tick = () => new Promise((resolve) => setTimeout(resolve));

  it('sends the access token to the API only', async () => {
    await signIn();
    void firstValueFrom(http.get('/api/v1/insights'));
    void firstValueFrom(http.get('/readiness'));
    await tick();

    expect(backend.expectOne('/api/v1/insights').request.headers.get('Authorization')).toBe('Bearer first');
    expect(backend.expectOne('/readiness').request.headers.has('Authorization')).toBe(false);
  });

  it('answers a 401 with one refresh shared by every call, then retries each with the new token', async () => {
    await signIn();
    const a = firstValueFrom(http.get<string>('/api/v1/insights'));
    const b = firstValueFrom(http.get<string>('/api/v1/tags'));
    await tick();
    backend.expectOne('/api/v1/insights').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/tags').flush(null, { status: 401, statusText: 'Unauthorized' });
    await tick();

    backend.expectOne({ method: 'POST', url: '/api/v1/auth/refresh' }).flush(session('second'));
    await tick();
    const retries = backend.match(
      (request) => request.url.startsWith('/api/v1/') && !request.url.includes('auth'),
    );
    expect(retries.map((r) => r.request.headers.get('Authorization'))).toEqual([
      'Bearer second',
      'Bearer second',
    ]);
    retries.forEach((r) => r.flush('ok'));

    await expect(Promise.all([a, b])).resolves.toEqual(['ok', 'ok']);
    expect(auth.accessToken()).toBe('second');
  });

  it('sends the user to sign in, remembering where they were, when the refresh is refused', async () => {
    await signIn();
    await router.navigateByUrl('/insights/abc?tab=links');
    const call = firstValueFrom(http.get('/api/v1/insights/abc'));
    await tick();
    backend.expectOne('/api/v1/insights/abc').flush(null, { status: 401, statusText: 'Unauthorized' });
    await tick();
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });

    await expect(call).rejects.toMatchObject({ status: 401 });
    await tick();
    expect(router.url).toBe('/sign-in?returnUrl=%2Finsights%2Fabc%3Ftab%3Dlinks');
    expect(auth.signedIn()).toBe(false);
  });

  it('refreshes a token about to expire before sending the call', async () => {
    await signIn('old', 5); // inside the expiry margin already
    void firstValueFrom(http.get('/api/v1/insights'));
    await tick();

    backend.expectOne('/api/v1/auth/refresh').flush(session('fresh'));
    await tick();
    expect(backend.expectOne('/api/v1/insights').request.headers.get('Authorization')).toBe('Bearer fresh');
  });

  it('restores the sign-in from the refresh cookie once, however many guards ask', async () => {
    const first = auth.ensureSession();
    const second = auth.ensureSession();
    backend.expectOne('/api/v1/auth/refresh').flush(session('restored'));

    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(auth.user()?.displayName).toBe('Ada');
  });

  it('signs out: ends the session on the server and forgets the token', async () => {
    await signIn();
    const done = auth.logout();
    backend
      .expectOne({ method: 'POST', url: '/api/v1/auth/logout' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await done;

    expect(auth.signedIn()).toBe(false);
    expect(router.url).toBe('/sign-in');
  });
});

describe('safeReturnUrl', () => {
  it.each([
    ['/search?q=x', '/search?q=x'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/sign-in?returnUrl=/x', '/'],
    [undefined, '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});
