import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { UserRole } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, type AuthUser } from '@insight/platform';
import { SessionRevocations } from '../sessions/session-revocations';

export const ACCESS_TOKEN_ISSUER = 'insight-tracker';
export const ACCESS_TOKEN_AUDIENCE = 'insight-tracker-api';

/** The claims an access token carries besides the standard ones. */
interface AccessTokenClaims {
  sub: string;
  email: string;
  role: UserRole;
  /** The sign-in (refresh-token family) the token belongs to, so that ending it ends the token. */
  sid: string;
  /** Issued at, in milliseconds. */
  ims: number;
}

export interface AccessTokenSubject {
  id: string;
  email: string;
  role: UserRole;
}

function isAccessTokenClaims(payload: unknown): payload is AccessTokenClaims {
  const claims = payload as Partial<AccessTokenClaims> | null;
  return (
    typeof claims?.sub === 'string' &&
    typeof claims.email === 'string' &&
    (claims.role === 'user' || claims.role === 'admin') &&
    typeof claims.sid === 'string' &&
    typeof claims.ims === 'number'
  );
}

/** Short-lived JWTs (HS256) that say who the caller is without a database round trip. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {}

  /** Seconds an access token stays valid. */
  get lifetimeSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  /** A token for `subject` within the sign-in `sessionId` (its refresh-token family). */
  sign(subject: AccessTokenSubject, sessionId: string): Promise<string> {
    return this.jwt.signAsync(
      { email: subject.email, role: subject.role, sid: sessionId, ims: Date.now() },
      { subject: subject.id },
    );
  }

  /** The caller, or null for a token that is malformed, forged, expired, not ours or of an ended sign-in. */
  async verify(token: string): Promise<AuthUser | null> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (!isAccessTokenClaims(payload)) return null;
    const claims = { userId: payload.sub, sessionId: payload.sid, issuedAtMs: payload.ims };
    if (await this.revocations.ended(claims)) return null;
    return { id: payload.sub, email: payload.email, role: payload.role, via: 'access-token' };
  }
}
