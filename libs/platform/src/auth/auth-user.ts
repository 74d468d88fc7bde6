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
  via: 'access-token' | 'personal-access-token';
}

export const IS_PUBLIC_KEY = 'auth:isPublic';
export const REQUIRED_ROLE_KEY = 'auth:requiredRole';

/** Marks a route (or controller) as reachable without signing in. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Marks a route (or controller) as admin-only; others get 404, as for any id they do not own. */
export const AdminOnly = () => SetMetadata(REQUIRED_ROLE_KEY, 'admin');

/** The signed-in caller, for controllers: `get(@CurrentUser() user: AuthUser)`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  if (!user) throw new UnauthorizedException('Sign in first.');
  return user;
});
