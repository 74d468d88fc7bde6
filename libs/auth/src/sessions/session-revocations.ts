import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, RedisClient, withTimeout } from '@insight/platform';

/** How long a check may wait for Redis before the token is taken at its word. */
const REDIS_TIMEOUT_MS = 500;
const WARNING_INTERVAL_MS = 30_000;

/** What an access token says about the sign-in it belongs to. */
export interface SessionClaims {
  userId: string;
  /** The refresh-token family (sign-in) the access token was issued for. */
  sessionId: string;
  /** When it was issued, in milliseconds (the standard `iat` is whole seconds). */
  issuedAtMs: number;
}

/**
 * Access tokens are stateless JWTs, so ending a sign-in (logout, a reused refresh token) or
 * every sign-in of a user (password change) would leave them working until they expire. Redis
 * remembers those ends for one access-token lifetime (after that every affected token has expired
 * anyway), and every request checks them with one MGET. An unreachable Redis does not lock
 * everybody out: the check lets the token through and a warning is logged, as rate limits do.
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger(SessionRevocations.name);
  private lastWarningAt = 0;

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ends the access tokens of one sign-in. */
  endSession(sessionId: string): Promise<void> {
    return this.remember(this.sessionKey(sessionId), '1');
  }

  /** Ends the access tokens of every sign-in of the user issued until now. */
  endAllOfUser(userId: string): Promise<void> {
    return this.remember(this.userKey(userId), String(Date.now()));
  }

  /** Whether the token's sign-in, or every sign-in of its user at the time, has been ended. */
  async ended(claims: SessionClaims): Promise<boolean> {
    try {
      const [session, endedAt] = await withTimeout(
        this.redis.mget(this.sessionKey(claims.sessionId), this.userKey(claims.userId)),
        REDIS_TIMEOUT_MS,
        'redis',
      );
      return session !== null || (endedAt !== null && claims.issuedAtMs < Number(endedAt));
    } catch (error) {
      this.warn(error, 'session revocations unavailable; access tokens are checked by signature only');
      return false;
    }
  }

  private async remember(key: string, value: string): Promise<void> {
    try {
      await withTimeout(
        this.redis.set(key, value, 'EX', this.config.ACCESS_TOKEN_TTL_SECONDS),
        REDIS_TIMEOUT_MS * 4,
        'redis',
      );
    } catch (error) {
      // The refresh tokens are revoked in MongoDB either way; the access tokens expire soon.
      this.logger.error({ err: error, key }, 'could not record an ended sign-in in Redis');
    }
  }

  private sessionKey(sessionId: string): string {
    return `${this.config.QUEUE_PREFIX}:ended-session:${sessionId}`;
  }

  private userKey(userId: string): string {
    return `${this.config.QUEUE_PREFIX}:sessions-ended-at:${userId}`;
  }

  private warn(error: unknown, message: string): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn({ err: error }, message);
  }
}
