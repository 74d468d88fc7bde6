import { Types, type Connection } from 'mongoose';
import type { AuthSession, ProblemDetails, UserProfile } from '@insight/contracts';
import { documentsOf, openDatabase } from './support/database';
import { problemOf } from './support/insights-client';
import {
  authHeaders,
  callFromNewAddress as call,
  createUser,
  signIn,
  TEST_PASSWORD,
  uniqueEmail,
} from './support/users';

describe('accounts and authentication', () => {
  let db: Connection;

  beforeAll(async () => {
    db = await openDatabase();
  });

  afterAll(() => db.close());

  const usersWithEmail = (email: string) => documentsOf(db, 'users', { email });

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
});
