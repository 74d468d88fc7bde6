import { Types, type Connection } from 'mongoose';
import type {
  AuthSession,
  CreatedPersonalAccessToken,
  PersonalAccessToken,
  UserProfile,
} from '@insight/contracts';
import { E2E_RATE_LIMITS } from '../support/apps';
import { documentsOf, openDatabase } from '../support/database';
import { jsonOf, problemOf } from '../support/insights-client';
import {
  authHeaders,
  callFromNewAddress as call,
  createUser,
  refreshCookieOf,
  refreshWith,
  signIn,
  TEST_PASSWORD,
  type TestUser,
  uniqueClientIp,
  uniqueEmail,
} from '../support/users';

/**
 * Sessions and tokens under attack: refresh-token theft and reuse, access tokens replayed after
 * logout or a password change, revoked personal access tokens, and brute-forced sign-ins.
 */
describe('sessions and tokens', () => {
  let db: Connection;

  beforeAll(async () => {
    db = await openDatabase();
  });

  afterAll(() => db.close());

  const usersWithEmail = (email: string) => documentsOf(db, 'users', { email });
  const refreshTokensOf = (userId: string) => documentsOf(db, 'refresh_tokens', { userId });
  const tokensOf = (userId: string) =>
    documentsOf(db, 'personal_access_tokens', { userId: new Types.ObjectId(userId) });

  describe('refresh tokens', () => {
    it('rotates on every refresh; a rotated token is refused and ends its whole family', async () => {
      const alice = await createUser();
      const first = await refreshWith(alice.cookie);
      expect(first.status).toBe(200);
      const rotated = (await first.json()) as AuthSession;
      const secondCookie = refreshCookieOf(first);
      expect(secondCookie).not.toBe(alice.cookie);
      expect((await call('/users/me', { headers: authHeaders(rotated.accessToken) })).status).toBe(200);

      const reused = await refreshWith(alice.cookie);
      expect(reused.status).toBe(401);
      expect((await problemOf(reused)).type).toBe('/problems/invalid-refresh-token');
      // The legitimate holder of the successor is signed out too: someone has a copy.
      expect((await refreshWith(secondCookie)).status).toBe(401);
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
      expect((await refreshWith(alice.cookie)).status).toBe(401);
    });
  });

  describe('access tokens end with their sign-in', () => {
    const me = (token: string) => call('/users/me', { headers: authHeaders(token) });

    it('refuses the access token of a signed-out session, and only of that one', async () => {
      const alice = await createUser();
      const otherDevice = await signIn(alice.user.email);
      expect((await me(alice.accessToken)).status).toBe(200);
      expect((await call('/auth/logout', { method: 'POST', headers: { cookie: alice.cookie } })).status).toBe(
        204,
      );
      const reused = await me(alice.accessToken);
      expect(reused.status).toBe(401);
      expect((await problemOf(reused)).detail).toBe('The token is invalid, expired or revoked.');
      // A write with it changes nothing.
      const before = await usersWithEmail(alice.user.email);
      const write = await call('/users/me', {
        method: 'PATCH',
        headers: authHeaders(alice.accessToken),
        body: { displayName: 'Replayed' },
      });
      expect(write.status).toBe(401);
      expect(await usersWithEmail(alice.user.email)).toEqual(before);
      // The other sign-in of the same user goes on.
      expect((await me(otherDevice.accessToken)).status).toBe(200);
    });

    it('refuses every access token issued before a password change, not the new one', async () => {
      const alice = await createUser();
      const otherDevice = await signIn(alice.user.email);
      const changed = await call('/users/me/password', {
        method: 'POST',
        headers: alice.headers,
        body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
      });
      const fresh = await jsonOf<AuthSession>(changed, 200);
      expect((await me(alice.accessToken)).status).toBe(401);
      expect((await me(otherDevice.accessToken)).status).toBe(401);
      expect((await me(fresh.accessToken)).status).toBe(200);
      // A later sign-in works as usual.
      const later = await signIn(alice.user.email, 'a brand new passphrase');
      expect((await me(later.accessToken)).status).toBe(200);
    });

    it('refuses the access tokens of a sign-in ended by a reused refresh token', async () => {
      const alice = await createUser();
      const rotated = await jsonOf<AuthSession>(await refreshWith(alice.cookie), 200);
      expect((await me(rotated.accessToken)).status).toBe(200);
      expect((await refreshWith(alice.cookie)).status).toBe(401); // the stolen copy, replayed
      expect((await me(rotated.accessToken)).status).toBe(401);
      expect((await me(alice.accessToken)).status).toBe(401);
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

      expect((await refreshWith(alice.cookie)).status).toBe(401);
      expect((await refreshWith(otherDevice.cookie)).status).toBe(401);
      expect((await refreshWith(freshCookie)).status).toBe(200);
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
      expect((await refreshWith(alice.cookie)).status).toBe(200);
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
});
