import { type CanActivate, type ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  type AuthUser,
  IS_PUBLIC_KEY,
  REQUIRED_ROLE_KEY,
  STREAM_TICKET_PURPOSE_KEY,
} from '@insight/platform';
import { AccessTokenService } from '../access-tokens/access-token.service';
import { AuthenticationRequiredProblem } from '../auth-problems';
import {
  PERSONAL_ACCESS_TOKEN_PREFIX,
  PersonalAccessTokenService,
} from '../personal-access-tokens/personal-access-token.service';
import { StreamTicketService } from '../stream-tickets/stream-ticket.service';

interface AuthenticatedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
  user?: AuthUser;
  /** Fastify's underlying Node request, which the request logger sees. */
  raw?: { user?: AuthUser };
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Global guard: every route needs an access token or a personal access token unless it is
 * @Public(). Sets `request.user`. @AdminOnly() routes answer non-admins exactly like a route
 * that does not exist, so they do not reveal themselves.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly personalAccessTokens: PersonalAccessTokenService,
    private readonly streamTickets: StreamTicketService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers['authorization']);
    const ticketPurpose = this.reflector.getAllAndOverride<string | undefined>(
      STREAM_TICKET_PURPOSE_KEY,
      targets,
    );
    const ticket = (request.query as { ticket?: unknown } | undefined)?.ticket;
    let user: AuthUser | null;
    if (token) {
      user = token.startsWith(PERSONAL_ACCESS_TOKEN_PREFIX)
        ? await this.personalAccessTokens.authenticate(token)
        : await this.accessTokens.verify(token);
      if (!user) throw new AuthenticationRequiredProblem('The token is invalid, expired or revoked.');
    } else if (ticketPurpose && typeof ticket === 'string') {
      user = await this.streamTickets.redeem(ticket, ticketPurpose);
      if (!user) throw new AuthenticationRequiredProblem('The ticket is unknown, expired or already used.');
    } else {
      throw new AuthenticationRequiredProblem();
    }
    request.user = user;
    if (request.raw) request.raw.user = user; // so each request's log line carries the user id

    const requiredRole = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_ROLE_KEY, targets);
    if (requiredRole && user.role !== requiredRole) {
      // The same message Nest gives for a route it does not know.
      throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    }
    return true;
  }
}
