import { Logger } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { type Connection, Types } from 'mongoose';
import { MongoConnectionModule } from '@insight/insights';
import { AppConfigModule } from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { AccessTokenService } from './access-tokens/access-token.service';
import { AuthModule } from './auth.module';
import { PersonalAccessTokenService } from './personal-access-tokens/personal-access-token.service';
import { AccountService } from './sessions/account.service';
import { SessionService, type StartedSession } from './sessions/session.service';

jest.setTimeout(30_000);

describe('accounts, sessions and tokens (real MongoDB wire protocol)', () => {
  let moduleRef: TestingModule;
  let connection: Connection;
  let accounts: AccountService;
  let sessions: SessionService;
  let personalAccessTokens: PersonalAccessTokenService;
  let emailCounter = 0;

  beforeAll(async () => {
    Logger.overrideLogger(false); // reuse warnings are provoked on purpose
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(testConfig()), MongoConnectionModule, AuthModule],
    }).compile();
    await moduleRef.init();
    connection = moduleRef.get<Connection>(getConnectionToken());
    await connection.asPromise();
    await Promise.all(Object.values(connection.models).map((model) => model.init()));
    accounts = moduleRef.get(AccountService);
    sessions = moduleRef.get(SessionService);
    personalAccessTokens = moduleRef.get(PersonalAccessTokenService);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await moduleRef.close();
  });

  const register = (): Promise<StartedSession> =>
    accounts.register({
      email: `user${++emailCounter}@example.com`,
      password: 'correct horse battery staple',
      displayName: 'Ada',
    });
  const activeRefreshTokens = (userId: string) =>
    connection.collection('refresh_tokens').countDocuments({ userId, revokedAt: null });

  it('registers with the default categories and a session whose access token verifies', async () => {
    const { session, refreshToken } = await register();
    const categories = await connection
      .collection('categories')
      .find({ userId: new Types.ObjectId(session.user.id) })
      .toArray();
    expect(categories.map((c) => c['name']).sort()).toEqual(['Ideas', 'Personal', 'Tasks', 'Work']);
    expect(await moduleRef.get(AccessTokenService).verify(session.accessToken)).toMatchObject({
      id: session.user.id,
      role: 'user',
      via: 'access-token',
    });
    expect(refreshToken.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a second registration of an address with 409', async () => {
    const { session } = await register();
    await expect(
      accounts.register({
        email: session.user.email.toUpperCase(),
        password: 'another password',
        displayName: 'B',
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('rotates refresh tokens in the database and ends the family when a rotated one comes back', async () => {
    const { session, refreshToken } = await register();
    const rotated = await sessions.refresh(refreshToken.token);
    expect(await activeRefreshTokens(session.user.id)).toBe(2); // the old one is replaced, not yet revoked
    await expect(sessions.refresh(refreshToken.token)).rejects.toMatchObject({ status: 401 });
    expect(await activeRefreshTokens(session.user.id)).toBe(0);
    await expect(sessions.refresh(rotated.refreshToken.token)).rejects.toMatchObject({ status: 401 });
  });

  it('lets exactly one of two simultaneous refreshes with the same token through, at most', async () => {
    const { session, refreshToken } = await register();
    const results = await Promise.allSettled([
      sessions.refresh(refreshToken.token),
      sessions.refresh(refreshToken.token),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    expect(fulfilled.length).toBeLessThanOrEqual(1);
    expect(await activeRefreshTokens(session.user.id)).toBe(0);
    // Whichever exchange got through, the family is over: its successor is refused too.
    for (const result of fulfilled) {
      await expect(sessions.refresh(result.value.refreshToken.token)).rejects.toMatchObject({ status: 401 });
    }
  });

  it('revokes every sign-in of the user on a password change, and only theirs', async () => {
    const first = await register();
    const other = await register();
    const secondDevice = await sessions.login({
      email: first.session.user.email,
      password: 'correct horse battery staple',
    });
    const changed = await accounts.changePassword(first.session.user.id, {
      currentPassword: 'correct horse battery staple',
      newPassword: 'an entirely new passphrase',
    });
    await expect(sessions.refresh(first.refreshToken.token)).rejects.toMatchObject({ status: 401 });
    await expect(sessions.refresh(secondDevice.refreshToken.token)).rejects.toMatchObject({ status: 401 });
    await expect(sessions.refresh(changed.refreshToken.token)).resolves.toBeDefined();
    await expect(sessions.refresh(other.refreshToken.token)).resolves.toBeDefined();
    await expect(
      sessions.login({ email: first.session.user.email, password: 'correct horse battery staple' }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('authenticates a personal access token, records its use and forgets it once revoked', async () => {
    const { session } = await register();
    const created = await personalAccessTokens.create(session.user.id, 'backup');
    expect(await personalAccessTokens.authenticate(created.token)).toMatchObject({
      id: session.user.id,
      via: 'personal-access-token',
    });
    const [listed] = await personalAccessTokens.list(session.user.id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('token');

    const stranger = await register();
    await expect(personalAccessTokens.revoke(stranger.session.user.id, created.id)).rejects.toMatchObject({
      status: 404,
    });
    expect(await personalAccessTokens.authenticate(created.token)).not.toBeNull();

    await personalAccessTokens.revoke(session.user.id, created.id);
    expect(await personalAccessTokens.authenticate(created.token)).toBeNull();
    expect(await personalAccessTokens.list(session.user.id)).toEqual([]);
  });
});
