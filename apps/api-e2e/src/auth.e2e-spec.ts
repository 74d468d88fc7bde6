import { Types, type Connection } from 'mongoose';
import type {
  AuthSession,
  CreatedPersonalAccessToken,
  PersonalAccessToken,
  ProblemDetails,
  UserProfile,
} from '@insight/contracts';
import { API_URL, E2E_RATE_LIMITS } from './support/apps';
import { documentsOf, openDatabase } from './support/database';
import {
  authHeaders,
  createUser,
  refreshCookieOf,
  signIn,
  TEST_PASSWORD,
  type TestUser,
  uniqueClientIp,
  uniqueEmail,
} from './support/users';

interface Sent {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A JSON request from a client address of its own unless the test picks one. */
function call(path: string, { method = 'GET', body, headers = {} }: Sent = {}): Promise<Response> {
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

async function problemOf(response: Response): Promise<ProblemDetails> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as ProblemDetails;
}

function refresh(cookie: string): Promise<Response> {
  return call('/auth/refresh', { method: 'POST', headers: { cookie } });
}

describe('accounts and authentication', () => {
  let db: Connection;

  beforeAll(async () => {
    db = await openDatabase();
  });

  afterAll(() => db.close());

  const usersWithEmail = (email: string) => documentsOf(db, 'users', { email });
  const refreshTokensOf = (userId: string) => documentsOf(db, 'refresh_tokens', { userId });
  const tokensOf = (userId: string) =>
    documentsOf(db, 'personal_access_tokens', { userId: new Types.ObjectId(userId) });

  describe('register, sign in, me', () => {
    it('registers, sets the refresh cookie, seeds the default categories and signs in', async () => {
      const email = uniqueEmail('Reg');
      const response = await call('/auth/register', {
        method: 'POST',
        body: { email: `  ${email.toUpperCase()} `, password: TEST_PASSWORD, displayName: ' Ada ' },
      });
      expect(response.status).toBe(201);
      const session = (await response.json()) as AuthSession;
      expect(session).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { email: email.toLowerCase(), displayName: 'Ada', role: 'user' },
      });
      expect(JSON.stringify(session)).not.toMatch(/passwordHash|refresh/i);

      const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('refresh_token='));
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).toMatch(/; Path=\/api\/v1\/auth/);
      expect(setCookie).not.toMatch(/; Secure/); // only with NODE_ENV=production

      const [stored] = (await usersWithEmail(email.toLowerCase())) as { passwordHash: string }[];
      expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const categories = (await documentsOf(db, 'categories', {
        userId: new Types.ObjectId(session.user.id),
      })) as { name: string }[];
      expect(categories.map((c) => c.name).sort()).toEqual(['Ideas', 'Personal', 'Tasks', 'Work']);

      const me = await call('/users/me', { headers: authHeaders(session.accessToken) });
      expect(me.status).toBe(200);
      expect((await me.json()) as UserProfile).toEqual(session.user);

      const signedIn = await signIn(email.toUpperCase());
      expect(signedIn.user.id).toBe(session.user.id);
    });

    it('answers 401 problem+json without a token, with a forged one and with an unsigned one', async () => {
      const { accessToken } = await createUser();
      const [header, payload] = accessToken.split('.');
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      for (const headers of [
        {},
        authHeaders(`${header}.${payload}.forged-signature`),
        authHeaders(unsigned),
        authHeaders('pat_not-a-real-token'),
      ]) {
        const response = await call('/users/me', { headers });
        expect(response.status).toBe(401);
        expect((await problemOf(response)).status).toBe(401);
      }
    });

    it('changes the display name, and refuses an e-mail change without touching the account', async () => {
      const alice = await createUser();
      const renamed = await call('/users/me', {
        method: 'PATCH',
        headers: alice.headers,
        body: { displayName: 'Alice Liddell' },
      });
      expect(renamed.status).toBe(200);
      expect(((await renamed.json()) as UserProfile).displayName).toBe('Alice Liddell');

      const before = await usersWithEmail(alice.user.email);
      const refused = await call('/users/me', {
        method: 'PATCH',
        headers: alice.headers,
        body: { email: uniqueEmail() },
      });
      expect(refused.status).toBe(400);
      expect((await problemOf(refused)).errors).toEqual({ email: ['is not an accepted field'] });
      expect(await usersWithEmail(alice.user.email)).toEqual(before);

      // A null name is refused like any other invalid one (it once reached the store: 500).
      const nulled = await call('/users/me', {
        method: 'PATCH',
        headers: alice.headers,
        body: { displayName: null },
      });
      expect(nulled.status).toBe(400);
      expect(Object.keys((await problemOf(nulled)).errors ?? {})).toEqual(['displayName']);
      expect(await usersWithEmail(alice.user.email)).toEqual(before);
    });
  });

  describe('bad input', () => {
    const valid = () => ({ email: uniqueEmail('bad'), password: TEST_PASSWORD, displayName: 'Bad Input' });

    it.each([
      ['an unknown field', { isAdmin: true }, 'isAdmin', /is not an accepted field/],
      ['a wrong type', { displayName: 42 }, 'displayName', /must be a string/],
      ['a short password', { password: 'short' }, 'password', /longer than or equal to 10/],
      ['a Mongo operator as the e-mail', { email: { $gt: '' } }, 'email', /e-mail address/],
    ])(
      'refuses registration with %s (400, field named, nothing stored)',
      async (_case, change, field, reason) => {
        const body = { ...valid(), ...change };
        const usersBefore = await documentsOf(db, 'users');
        const response = await call('/auth/register', { method: 'POST', body });
        expect(response.status).toBe(400);
        const problem = await problemOf(response);
        expect(problem.errors?.[field]).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
        expect(response.headers.getSetCookie()).toEqual([]);
        expect(await documentsOf(db, 'users')).toEqual(usersBefore);
      },
    );

    it('refuses a Mongo operator in the sign-in e-mail instead of matching any account', async () => {
      await createUser();
      const response = await call('/auth/login', {
        method: 'POST',
        body: { email: { $gt: '' }, password: TEST_PASSWORD },
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors?.['email']).toBeDefined();
    });

    it('refuses malformed JSON', async () => {
      const response = await call('/auth/register', { method: 'POST', body: '{"email":' });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).detail).toBe('The body is not valid JSON.');
    });
  });

  it('answers 409 for an e-mail that is already registered, whatever its case', async () => {
    const { user } = await createUser();
    const response = await call('/auth/register', {
      method: 'POST',
      body: { email: user.email.toUpperCase(), password: TEST_PASSWORD, displayName: 'Twin' },
    });
    expect(response.status).toBe(409);
    expect((await problemOf(response)).errors).toEqual({ email: ['is already registered'] });
    expect(await usersWithEmail(user.email)).toHaveLength(1);
  });

  it('says the same for a wrong password as for an unknown e-mail', async () => {
    const { user } = await createUser();
    const wrongPassword = await call('/auth/login', {
      method: 'POST',
      body: { email: user.email, password: 'not the password' },
    });
    const unknownEmail = await call('/auth/login', {
      method: 'POST',
      body: { email: uniqueEmail('nobody'), password: 'not the password' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    // Only the request's own id may differ.
    const withoutRequestId = (problem: ProblemDetails) => ({ ...problem, requestId: undefined });
    expect(withoutRequestId(await problemOf(wrongPassword))).toEqual(
      withoutRequestId(await problemOf(unknownEmail)),
    );
  });

  describe('refresh tokens', () => {
    it('rotates on every refresh; a rotated token is refused and ends its whole family', async () => {
      const alice = await createUser();
      const first = await refresh(alice.cookie);
      expect(first.status).toBe(200);
      const rotated = (await first.json()) as AuthSession;
      const secondCookie = refreshCookieOf(first);
      expect(secondCookie).not.toBe(alice.cookie);
      expect((await call('/users/me', { headers: authHeaders(rotated.accessToken) })).status).toBe(200);

      const reused = await refresh(alice.cookie);
      expect(reused.status).toBe(401);
      expect((await problemOf(reused)).type).toBe('/problems/invalid-refresh-token');
      // The legitimate holder of the successor is signed out too: someone has a copy.
      expect((await refresh(secondCookie)).status).toBe(401);
      const tokens = (await refreshTokensOf(alice.user.id)) as { revokedAt: Date | null }[];
      expect(tokens).toHaveLength(2);
      expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    });

    it('stores refresh tokens only as hashes', async () => {
      const alice = await createUser();
      const secret = alice.cookie.split('=')[1];
      const stored = JSON.stringify(await refreshTokensOf(alice.user.id));
      expect(stored).not.toContain(secret);
    });

    it('answers 401 without a refresh cookie', async () => {
      const response = await call('/auth/refresh', { method: 'POST' });
      expect(response.status).toBe(401);
    });

    it('logout revokes the refresh token and clears the cookie', async () => {
      const alice = await createUser();
      const response = await call('/auth/logout', { method: 'POST', headers: { cookie: alice.cookie } });
      expect(response.status).toBe(204);
      expect(response.headers.getSetCookie().find((c) => c.startsWith('refresh_token='))).toMatch(
        /Expires=Thu, 01 Jan 1970/,
      );
      expect((await refresh(alice.cookie)).status).toBe(401);
    });
  });

  describe('password change', () => {
    it('revokes every refresh token of the user and answers a fresh session', async () => {
      const alice = await createUser();
      const otherDevice = await signIn(alice.user.email);
      const newPassword = 'a brand new passphrase';
      const response = await call('/users/me/password', {
        method: 'POST',
        headers: alice.headers,
        body: { currentPassword: TEST_PASSWORD, newPassword },
      });
      expect(response.status).toBe(200);
      const freshCookie = refreshCookieOf(response);

      expect((await refresh(alice.cookie)).status).toBe(401);
      expect((await refresh(otherDevice.cookie)).status).toBe(401);
      expect((await refresh(freshCookie)).status).toBe(200);
      const oldPassword = await call('/auth/login', {
        method: 'POST',
        body: { email: alice.user.email, password: TEST_PASSWORD },
      });
      expect(oldPassword.status).toBe(401);
      await expect(signIn(alice.user.email, newPassword)).resolves.toBeDefined();
    });

    it('refuses a wrong current password and keeps the old one', async () => {
      const alice = await createUser();
      const before = await usersWithEmail(alice.user.email);
      const response = await call('/users/me/password', {
        method: 'POST',
        headers: alice.headers,
        body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toEqual({
        currentPassword: ['is not the current password'],
      });
      expect(await usersWithEmail(alice.user.email)).toEqual(before);
      expect((await refresh(alice.cookie)).status).toBe(200);
    });
  });

  describe('personal access tokens', () => {
    it('creates (secret shown once), lists without secrets, authenticates and revokes', async () => {
      const alice = await createUser();
      const created = await call('/tokens', {
        method: 'POST',
        headers: alice.headers,
        body: { name: 'backup' },
      });
      expect(created.status).toBe(201);
      const token = (await created.json()) as CreatedPersonalAccessToken;
      expect(token).toMatchObject({ name: 'backup', lastUsedAt: null });
      expect(token.token).toMatch(/^pat_[\w-]{40,}$/);
      expect(JSON.stringify(await tokensOf(alice.user.id))).not.toContain(token.token);

      const me = await call('/users/me', { headers: authHeaders(token.token) });
      expect(me.status).toBe(200);
      expect(((await me.json()) as UserProfile).id).toBe(alice.user.id);

      const listed = await call('/tokens', { headers: alice.headers });
      const tokens = (await listed.json()) as PersonalAccessToken[];
      expect(tokens).toEqual([
        { id: token.id, name: 'backup', createdAt: token.createdAt, lastUsedAt: expect.any(String) },
      ]);

      const revoked = await call(`/tokens/${token.id}`, { method: 'DELETE', headers: alice.headers });
      expect(revoked.status).toBe(204);
      expect((await call('/users/me', { headers: authHeaders(token.token) })).status).toBe(401);
      expect(await (await call('/tokens', { headers: alice.headers })).json()).toEqual([]);
    });

    it("answers 404 for another user's token id and leaves the token working", async () => {
      const alice = await createUser();
      const mallory = await createUser();
      const created = await call('/tokens', { method: 'POST', headers: alice.headers, body: { name: 'ci' } });
      const token = (await created.json()) as CreatedPersonalAccessToken;
      const before = await tokensOf(alice.user.id);

      for (const id of [token.id, 'not-an-id', new Types.ObjectId().toHexString()]) {
        const response = await call(`/tokens/${id}`, { method: 'DELETE', headers: mallory.headers });
        expect(response.status).toBe(404);
        await problemOf(response);
      }
      expect(await tokensOf(alice.user.id)).toEqual(before);
      expect((await call('/users/me', { headers: authHeaders(token.token) })).status).toBe(200);
    });
  });

  describe('rate limits', () => {
    async function expectTooManyRequests(response: Response): Promise<void> {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await problemOf(response)).type).toBe('/problems/too-many-requests');
    }

    it('limits sign-in attempts per account, even from many addresses and with the right password', async () => {
      const { user } = await createUser();
      for (let i = 0; i < E2E_RATE_LIMITS.authPerAccountPerMinute; i++) {
        const attempt = await call('/auth/login', {
          method: 'POST',
          body: { email: user.email, password: 'not the password' },
        });
        expect(attempt.status).toBe(401);
      }
      const sessionsBefore = await refreshTokensOf(user.id);
      await expectTooManyRequests(
        await call('/auth/login', { method: 'POST', body: { email: user.email, password: TEST_PASSWORD } }),
      );
      expect(await refreshTokensOf(user.id)).toEqual(sessionsBefore);
    });

    it('limits sign-in attempts per client address', async () => {
      const ip = uniqueClientIp();
      for (let i = 0; i < E2E_RATE_LIMITS.authPerIpPerMinute; i++) {
        const attempt = await call('/auth/login', {
          method: 'POST',
          headers: { 'x-forwarded-for': ip },
          body: { email: uniqueEmail('spray'), password: 'not the password' },
        });
        expect(attempt.status).toBe(401);
      }
      await expectTooManyRequests(
        await call('/auth/login', {
          method: 'POST',
          headers: { 'x-forwarded-for': ip },
          body: { email: uniqueEmail('spray'), password: 'not the password' },
        }),
      );
      // Another address is not affected.
      const elsewhere = await call('/auth/login', {
        method: 'POST',
        body: { email: uniqueEmail('spray'), password: 'not the password' },
      });
      expect(elsewhere.status).toBe(401);
    });

    it("limits a signed-in user's writes per minute, and only that user's", async () => {
      const alice = await createUser();
      const bob = await createUser();
      const rename = (user: TestUser, displayName: string) =>
        call('/users/me', { method: 'PATCH', headers: user.headers, body: { displayName } });
      const statuses = await Promise.all(
        Array.from({ length: E2E_RATE_LIMITS.writesPerUserPerMinute }, (_, i) =>
          rename(alice, `Alice ${i}`),
        ).map(async (response) => (await response).status),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      const before = await usersWithEmail(alice.user.email);
      await expectTooManyRequests(await rename(alice, 'One too many'));
      expect(await usersWithEmail(alice.user.email)).toEqual(before);
      // Reads are not limited, nor are other users' writes.
      expect((await call('/users/me', { headers: alice.headers })).status).toBe(200);
      expect((await rename(bob, 'Bob')).status).toBe(200);
    });
  });

  describe('admin-only routes', () => {
    it('answer 404 to a signed-in user who is not an admin, as if they did not exist', async () => {
      const { headers } = await createUser();
      const response = await call('/admin/ping', { method: 'POST', headers, body: { message: 'hi' } });
      expect(response.status).toBe(404);
      const problem = await problemOf(response);
      const unknown = await call('/admin/nothing-here', { method: 'POST', headers, body: {} });
      expect(problem.detail).toBe('Cannot POST /api/v1/admin/ping');
      expect(((await unknown.json()) as ProblemDetails).detail).toBe(
        'Cannot POST /api/v1/admin/nothing-here',
      );
    });

    it('answer 401 to an anonymous caller', async () => {
      const response = await call('/admin/ping', { method: 'POST', body: {} });
      expect(response.status).toBe(401);
    });
  });
});
