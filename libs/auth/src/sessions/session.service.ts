import { Injectable } from '@nestjs/common';
import type { AuthSession, LoginRequest } from '@insight/contracts';
import { toUserProfile, type UserRecord, UsersRepository } from '@insight/insights';
import { AccessTokenService } from '../access-tokens/access-token.service';
import { InvalidCredentialsProblem, InvalidRefreshTokenProblem } from '../auth-problems';
import { PasswordHasher } from '../passwords/password-hasher';
import { type IssuedRefreshToken, RefreshTokenService } from '../refresh-tokens/refresh-token.service';

/** A session for the body plus the refresh token the HTTP layer puts in the cookie. */
export interface StartedSession {
  session: AuthSession;
  refreshToken: IssuedRefreshToken;
}

/** Signing in, refreshing and signing out. */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  /** Starts a new sign-in (a new refresh-token family) for a user already proven to be who they say. */
  async start(user: UserRecord): Promise<StartedSession> {
    return this.sessionWith(user, await this.refreshTokens.issue(user.id));
  }

  /** Fails with the same answer, after the same work, for an unknown e-mail and a wrong password. */
  async login(credentials: LoginRequest): Promise<StartedSession> {
    const user = await this.users.findByEmail(credentials.email);
    const valid = user
      ? await this.passwords.verify(user.passwordHash, credentials.password)
      : await this.passwords.verifyWithoutAccount(credentials.password);
    if (!user || !valid) throw new InvalidCredentialsProblem();
    return this.start(user);
  }

  /** Exchanges the refresh token for a new one and a new access token. */
  async refresh(presented: string | undefined): Promise<StartedSession> {
    if (!presented) throw new InvalidRefreshTokenProblem();
    const rotated = await this.refreshTokens.rotate(presented);
    if (!rotated) throw new InvalidRefreshTokenProblem();
    const user = await this.users.findById(rotated.userId);
    if (!user) throw new InvalidRefreshTokenProblem();
    return this.sessionWith(user, rotated.next);
  }

  async logout(presented: string | undefined): Promise<void> {
    if (presented) await this.refreshTokens.revokeFamilyOf(presented);
  }

  private async sessionWith(user: UserRecord, refreshToken: IssuedRefreshToken): Promise<StartedSession> {
    return {
      session: {
        accessToken: await this.accessTokens.sign(user, refreshToken.familyId),
        tokenType: 'Bearer',
        expiresIn: this.accessTokens.lifetimeSeconds,
        user: toUserProfile(user),
      },
      refreshToken,
    };
  }
}
