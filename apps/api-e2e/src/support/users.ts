import { randomBytes, randomInt } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { AuthSession, RegisterRequest, UserProfile } from '@insight/contracts';
import { API_URL } from './apps';

/** A registered user, ready to call the API. */
export interface TestUser {
  user: UserProfile;
  accessToken: string;
  /** The `Authorization` header for fetch; add `content-type` yourself when sending a body. */
  headers: Record<string, string>;
  /** The refresh cookie as a `Cookie` request header value (`name=value`). */
  cookie: string;
  /** The api this user lives in (a spec's private apps); the suite's api when absent. */
  apiUrl?: string;
}

/** A password that satisfies the registration rules. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A fresh, unique e-mail address so tests never collide, also across runs. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(6).toString('hex')}@e2e.example.com`;
}

/**
 * A client address of its own (the API trusts X-Forwarded-For from its proxy), so that the
 * per-IP limit on sign-in and registration only trips in the tests that aim for it.
 */
export function uniqueClientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** Registers a unique user through the API and returns how to call the API as them. */
export async function createUser(
  overrides: Partial<RegisterRequest> = {},
  apiUrl = API_URL,
): Promise<TestUser> {
  const request: RegisterRequest = {
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    displayName: 'E2E User',
    ...overrides,
  };
  return sessionFrom('/api/v1/auth/register', request, 201, apiUrl);
}

/** Signs in through the API. */
export async function signIn(email: string, password = TEST_PASSWORD): Promise<TestUser> {
  return sessionFrom('/api/v1/auth/login', { email, password }, 200);
}

/**
 * A user with the admin role. There is no API to grant it, so the test promotes a fresh user
 * in the database and signs in again (the role travels in the access token).
 */
export async function createAdmin(db: Connection): Promise<TestUser> {
  const { user } = await createUser({ displayName: 'E2E Admin' });
  await db.collection('users').updateOne({ _id: new Types.ObjectId(user.id) }, { $set: { role: 'admin' } });
  return signIn(user.email);
}

/** The `Authorization` header for `token` (access token or PAT). */
export function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The `name=value` part of the refresh cookie a response sets ('' when it sets none). */
export function refreshCookieOf(response: Response): string {
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('refresh_token='));
  return setCookie ? setCookie.split(';')[0] : '';
}

/** Calls `/api/v1<path>` from a client address of its own (see uniqueClientIp) unless the test picks one. */
export function callFromNewAddress(
  path: string,
  {
    method = 'GET',
    body,
    headers = {},
  }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${API_URL}/api/v1${path}`, {
    method,
    headers: {
      'x-forwarded-for': uniqueClientIp(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Exchanges a refresh cookie (`name=value`) for a new session. */
export function refreshWith(cookie: string): Promise<Response> {
  return callFromNewAddress('/auth/refresh', { method: 'POST', headers: { cookie } });
}

async function sessionFrom(
  path: string,
  body: unknown,
  expectedStatus: number,
  apiUrl = API_URL,
): Promise<TestUser> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': uniqueClientIp() },
    body: JSON.stringify(body),
  });
  if (response.status !== expectedStatus) {
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  }
  const session = (await response.json()) as AuthSession;
  return {
    user: session.user,
    accessToken: session.accessToken,
    headers: authHeaders(session.accessToken),
    cookie: refreshCookieOf(response),
    ...(apiUrl === API_URL ? {} : { apiUrl }),
  };
}
