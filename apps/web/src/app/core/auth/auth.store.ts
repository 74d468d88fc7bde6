import { HttpBackend, HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthSession, LoginRequest, RegisterRequest, UserProfile } from '@insight/contracts';
import { firstValueFrom } from 'rxjs';
import { API } from '../api';

/** Refresh this long before the access token expires, so requests in flight do not race it. */
export const EXPIRY_MARGIN_MS = 15_000;

/** Paths under API whose calls never carry (or refresh) the access token. */
export const AUTH_PATHS = ['/auth/login', '/auth/register', '/auth/refresh', '/auth/logout'].map(
  (p) => API + p,
);

/** Where the sign-in page sends the user back to; only paths of this app, never another site. */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/sign-in')
    ? value
    : '/';
}

/**
 * The signed-in session. The access token lives only in memory; the HttpOnly refresh cookie
 * keeps the sign-in across reloads, so a fresh page restores it with one refresh call.
 * Its HttpClient skips the interceptors (auth calls must never trigger another refresh).
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly router = inject(Router);
  private readonly session = signal<AuthSession | null>(null);
  private expiresAt = 0;
  private refreshing: Promise<string | null> | null = null;
  private restored: Promise<boolean> | null = null;

  readonly user = computed<UserProfile | null>(() => this.session()?.user ?? null);
  readonly signedIn = computed(() => this.session() !== null);

  /** The access token, or null when signed out. */
  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  /** True when the token is about to expire and a refresh should come first. */
  tokenExpiring(now = Date.now()): boolean {
    return this.session() !== null && now >= this.expiresAt - EXPIRY_MARGIN_MS;
  }

  async login(request: LoginRequest): Promise<UserProfile> {
    return this.start(await firstValueFrom(this.http.post<AuthSession>(`${API}/auth/login`, request)));
  }

  async register(request: RegisterRequest): Promise<UserProfile> {
    return this.start(await firstValueFrom(this.http.post<AuthSession>(`${API}/auth/register`, request)));
  }

  /** Adopts a session answered by another call (e.g. a password change). */
  adopt(session: AuthSession): void {
    this.start(session);
  }

  updateUser(user: UserProfile): void {
    this.session.update((session) => (session ? { ...session, user } : session));
  }

  /**
   * Exchanges the refresh cookie for a new access token. Single-flight: every caller during one
   * exchange shares it, because a refresh token presented twice ends the whole sign-in.
   * Resolves the new token, or null when the sign-in is over.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= firstValueFrom(this.http.post<AuthSession>(`${API}/auth/refresh`, null))
      .then((session) => this.start(session) && session.accessToken)
      .catch(() => {
        this.clear();
        return null;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** On the first navigation: restores the sign-in from the refresh cookie, once. */
  ensureSession(): Promise<boolean> {
    if (this.session()) return Promise.resolve(true);
    this.restored ??= this.refresh().then((token) => token !== null);
    return this.restored;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(`${API}/auth/logout`, null));
    } finally {
      this.clear();
      this.restored = Promise.resolve(false);
      await this.router.navigateByUrl('/sign-in');
    }
  }

  /** The sign-in ended under the user (refresh refused): send them to sign in, then back here. */
  async expire(): Promise<void> {
    this.clear();
    const returnUrl = safeReturnUrl(this.router.url);
    await this.router.navigate(['/sign-in'], {
      queryParams: returnUrl === '/' ? {} : { returnUrl },
    });
  }

  private start(session: AuthSession): UserProfile {
    this.expiresAt = Date.now() + session.expiresIn * 1000;
    this.session.set(session);
    this.restored = Promise.resolve(true);
    return session.user;
  }

  private clear(): void {
    this.session.set(null);
    this.expiresAt = 0;
  }
}
