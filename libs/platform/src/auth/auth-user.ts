import {
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';

/** Who is calling: set on the request by the API's authentication guard. */
export interface AuthUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
  /** How the caller proved who they are. */
  via: 'access-token' | 'personal-access-token' | 'stream-ticket';
}

export const IS_PUBLIC_KEY = 'auth:isPublic';
export const REQUIRED_ROLE_KEY = 'auth:requiredRole';
export const STREAM_TICKET_PURPOSE_KEY = 'auth:streamTicketPurpose';

/** Marks a route (or controller) as reachable without signing in. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Lets a route also authenticate with `?ticket=` (a one-time ticket issued for `purpose`), for
 * clients that cannot send headers (the browser's EventSource). A bearer token still works.
 */
export const AcceptsStreamTicket = (purpose: string) => SetMetadata(STREAM_TICKET_PURPOSE_KEY, purpose);

/** Marks a route (or controller) as admin-only; others get 404, as for any id they do not own. */
export const AdminOnly = () => SetMetadata(REQUIRED_ROLE_KEY, 'admin');

/** The signed-in caller, for controllers: `get(@CurrentUser() user: AuthUser)`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  if (!user) throw new UnauthorizedException('Sign in first.');
  return user;
});
