import type { CookieSerializeOptions } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedRefreshToken } from '@insight/auth';
import { API_PREFIX, APP_CONFIG, type AppConfig } from '@insight/platform';

export const REFRESH_COOKIE = 'refresh_token';

/**
 * The refresh token travels only in this cookie: HttpOnly (no script reads it), SameSite=Strict
 * (no other site sends it) and scoped to the auth routes (no other request carries it).
 */
@Injectable()
export class RefreshCookie {
  private readonly options: CookieSerializeOptions;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = {
      httpOnly: true,
      secure: config.NODE_ENV === 'production',
      sameSite: 'strict',
      path: `/${API_PREFIX}/auth`,
    };
  }

  read(request: FastifyRequest): string | undefined {
    return request.cookies[REFRESH_COOKIE] || undefined;
  }

  set(reply: FastifyReply, refreshToken: IssuedRefreshToken): void {
    void reply.setCookie(REFRESH_COOKIE, refreshToken.token, {
      ...this.options,
      expires: refreshToken.expiresAt,
    });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, this.options);
  }
}
