import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { SessionRevocations } from '../sessions/session-revocations';
import { hashSecret, newSecret } from '../token-secrets';
import { RefreshTokenRepository } from './refresh-token.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** `rotatedFrom` of the first token of a family, which replaced nothing. */
const FAMILY_START = 'family-start:';

/** A refresh token as handed to the client (in the cookie) once. */
export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  /** The sign-in it belongs to; access tokens issued with it name it, so they end with it. */
  familyId: string;
}

export interface RotatedRefreshToken {
  userId: string;
  next: IssuedRefreshToken;
}

/** Issues, rotates and revokes refresh tokens. */
@Injectable()
export class RefreshTokenService {
  private readonly logger = new Logger(RefreshTokenService.name);

  constructor(
    private readonly tokens: RefreshTokenRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {}

  /** Starts a new family: a new sign-in. */
  async issue(userId: string): Promise<IssuedRefreshToken> {
    const familyId = randomUUID();
    const issued = await this.store({
      id: randomUUID(),
      userId,
      familyId,
      rotatedFrom: `${FAMILY_START}${familyId}`,
    });
    if (!issued) throw new Error('A fresh refresh token id collided'); // a random UUID never does
    return issued;
  }

  /**
   * Exchanges a token for its successor. Null when the token is unknown, expired or revoked;
   * a token that was already exchanged means someone holds a copy, so its family ends.
   */
  async rotate(presented: string): Promise<RotatedRefreshToken | null> {
    const current = await this.tokens.findByHash(hashSecret(presented));
    if (!current || current.revokedAt !== null) return null;
    if (current.replacedBy !== null) {
      await this.revokeFamilyOnReuse(current.familyId, current.userId);
      return null;
    }
    if (current.expiresAt.getTime() <= Date.now()) return null;

    // Storing the successor claims the exchange (see RefreshToken.rotatedFrom); it exists
    // before the old token is marked, so a revocation caused by a concurrent use ends it too.
    const nextId = randomUUID();
    const next = await this.store({
      id: nextId,
      userId: current.userId,
      familyId: current.familyId,
      rotatedFrom: current.id,
    });
    if (!next || !(await this.tokens.markReplaced(current.id, nextId))) {
      await this.revokeFamilyOnReuse(current.familyId, current.userId);
      return null;
    }
    // A concurrent reuse may have revoked the family while this exchange was under way; on
    // FerretDB its revocation of the old token can even be overwritten by markReplaced. Check
    // after our last write and revoke again, so the family ends whichever write came last.
    if (await this.tokens.familyRevoked(current.familyId)) {
      await this.revokeFamilyOnReuse(current.familyId, current.userId);
      return null;
    }
    return { userId: current.userId, next };
  }

  /** Ends the sign-in the token belongs to (logout); unknown tokens are ignored. */
  async revokeFamilyOf(presented: string): Promise<void> {
    const current = await this.tokens.findByHash(hashSecret(presented));
    if (current) await this.revokeFamily(current.familyId);
  }

  /** Ends every sign-in of the user (password change), their access tokens included. */
  async revokeAllOfUser(userId: string): Promise<void> {
    await this.tokens.revokeAllOfUser(userId, new Date());
    await this.revocations.endAllOfUser(userId);
  }

  /** Every revocation of a family goes through here, so its access tokens end with it. */
  private async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.revokeFamily(familyId, new Date());
    await this.revocations.endSession(familyId);
  }

  /** Null when `rotatedFrom` already has a successor. */
  private async store(token: {
    id: string;
    userId: string;
    familyId: string;
    rotatedFrom: string;
  }): Promise<IssuedRefreshToken | null> {
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
    const stored = await this.tokens.insert({ ...token, tokenHash: hashSecret(secret), expiresAt });
    return stored ? { token: secret, expiresAt, familyId: token.familyId } : null;
  }

  private async revokeFamilyOnReuse(familyId: string, userId: string): Promise<void> {
    this.logger.warn({ userId, familyId }, 'refresh token reused; revoking its family');
    await this.revokeFamily(familyId);
  }
}
