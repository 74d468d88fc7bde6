import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { UserRole } from '@insight/contracts';
import { APP_CONFIG, type AppConfig, type AuthUser } from '@insight/platform';

export const ACCESS_TOKEN_ISSUER = 'insight-tracker';
export const ACCESS_TOKEN_AUDIENCE = 'insight-tracker-api';

/** The claims an access token carries besides the standard ones. */
interface AccessTokenClaims {
  sub: string;
  email: string;
  role: UserRole;
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
    (claims.role === 'user' || claims.role === 'admin')
  );
}

/** Short-lived JWTs (HS256) that say who the caller is without a database round trip. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seconds an access token stays valid. */
  get lifetimeSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  sign(subject: AccessTokenSubject): Promise<string> {
    return this.jwt.signAsync({ email: subject.email, role: subject.role }, { subject: subject.id });
  }

  /** The caller, or null for a token that is malformed, forged, expired or not ours. */
  async verify(token: string): Promise<AuthUser | null> {
    try {
      const payload: unknown = await this.jwt.verifyAsync(token);
      if (!isAccessTokenClaims(payload)) return null;
      return { id: payload.sub, email: payload.email, role: payload.role, via: 'access-token' };
    } catch {
      return null;
    }
  }
}
