import { Controller, HttpException, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { JwtService } from '@nestjs/jwt';
import { AdminOnly, type AppConfig, type AuthUser, Public } from '@insight/platform';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  AccessTokenService,
} from '../access-tokens/access-token.service';
import type { PersonalAccessTokenService } from '../personal-access-tokens/personal-access-token.service';
import type { SessionRevocations } from '../sessions/session-revocations';
import type { StreamTicketService } from '../stream-tickets/stream-ticket.service';
import { AuthenticationGuard, bearerToken } from './authentication.guard';

const SECRET = 'a-test-secret-of-at-least-32-characters';

@Controller()
class ExampleController {
  @Public()
  @Post('open')
  open(): void {
    // reachable by anyone
  }

  @Post('closed')
  closed(): void {
    // needs a signed-in caller
  }

  @AdminOnly()
  @Post('admin')
  admin(): void {
    // needs an admin
  }
}

interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  user?: AuthUser;
}

/** A PAT lookup that knows exactly one token, standing in for the database-backed service. */
const knownPat = 'pat_known-token';
const personalAccessTokens = {
  authenticate: async (token: string): Promise<AuthUser | null> =>
    token === knownPat
      ? { id: 'u-pat', email: 'script@example.com', role: 'user', via: 'personal-access-token' }
      : null,
} as PersonalAccessTokenService;

describe('AuthenticationGuard', () => {
  const jwt = new JwtService({
    secret: SECRET,
    signOptions: {
      algorithm: 'HS256',
      expiresIn: 900,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    },
    verifyOptions: { algorithms: ['HS256'], issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
  });
  // Ended sign-ins are exercised against real Redis (security e2e suite); none here.
  const noneEnded = { ended: async () => false } as unknown as SessionRevocations;
  const accessTokens = new AccessTokenService(jwt, { ACCESS_TOKEN_TTL_SECONDS: 900 } as AppConfig, noneEnded);
  // Tickets are exercised against real Redis (stream-ticket int spec, events e2e); none here.
  const noTickets = { redeem: async () => null } as unknown as StreamTicketService;
  const guard = new AuthenticationGuard(new Reflector(), accessTokens, personalAccessTokens, noTickets);

  async function run(route: keyof ExampleController, authorization?: string) {
    const request: FakeRequest = {
      method: 'POST',
      url: `/api/v1/${route}`,
      headers: authorization ? { authorization } : {},
    };
    const handler = ExampleController.prototype[route];
    const context = new ExecutionContextHost([request, {}], ExampleController, handler);
    context.setType('http');
    try {
      return { allowed: await guard.canActivate(context), user: request.user };
    } catch (error) {
      return { status: (error as HttpException).getStatus(), body: (error as HttpException).getResponse() };
    }
  }

  const tokenFor = (role: 'user' | 'admin') =>
    accessTokens.sign({ id: 'u1', email: 'ada@example.com', role }, 'sign-in-1');

  it('lets anyone through to a @Public() route', async () => {
    expect(await run('open')).toEqual({ allowed: true, user: undefined });
  });

  it('answers 401 without a token, with a malformed header and with a bad token', async () => {
    expect((await run('closed')).status).toBe(401);
    expect((await run('closed', `Basic ${await tokenFor('user')}`)).status).toBe(401);
    expect((await run('closed', 'Bearer not.a.jwt')).status).toBe(401);
    expect((await run('closed', 'Bearer pat_unknown')).status).toBe(401);
  });

  it('refuses a token signed with another key', async () => {
    const foreign = new JwtService({ secret: 'another-secret-that-is-also-32-chars-long' });
    const forged = await foreign.signAsync(
      { email: 'ada@example.com', role: 'admin' },
      { subject: 'u1', issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
    );
    expect((await run('closed', `Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expired = await new JwtService({ secret: SECRET }).signAsync(
      { email: 'ada@example.com', role: 'user', exp: Math.floor(Date.now() / 1000) - 10 },
      { subject: 'u1', issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
    );
    expect((await run('closed', `Bearer ${expired}`)).status).toBe(401);
  });

  it('sets request.user from a valid access token', async () => {
    expect(await run('closed', `Bearer ${await tokenFor('user')}`)).toEqual({
      allowed: true,
      user: { id: 'u1', email: 'ada@example.com', role: 'user', via: 'access-token' },
    });
  });

  it('accepts a personal access token', async () => {
    const result = await run('closed', `Bearer ${knownPat}`);
    expect(result.user).toMatchObject({ id: 'u-pat', via: 'personal-access-token' });
  });

  it('answers 404 to a non-admin on an @AdminOnly() route, like an unknown route', async () => {
    expect(await run('admin', `Bearer ${await tokenFor('user')}`)).toEqual({
      status: 404,
      body: expect.objectContaining({ message: 'Cannot POST /api/v1/admin' }),
    });
    expect((await run('admin', `Bearer ${await tokenFor('admin')}`)).allowed).toBe(true);
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header, whatever the case of the scheme', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
