import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { normaliseEmail } from '@insight/insights';
import type { AppConfig, AuthUser } from '@insight/platform';
import { LIMIT_AUTH_ATTEMPTS_KEY } from './rate-limit.decorators';

const MINUTE_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface ThrottledRequest {
  method: string;
  body?: unknown;
  user?: AuthUser;
}

function requestOf(context: ExecutionContext): ThrottledRequest {
  return context.switchToHttp().getRequest<ThrottledRequest>();
}

/** The e-mail a sign-in or registration is for; the body is not validated yet, so check it. */
export function attemptedEmail(request: ThrottledRequest): string | undefined {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() !== '' ? normaliseEmail(email) : undefined;
}

/** Redis key of a counter: installation prefix, throttler, scope and a hash of who is counted. */
function counterKey(prefix: string, throttler: string, scope: string, tracker: string): string {
  const trackerHash = createHash('sha256').update(tracker).digest('hex').slice(0, 32);
  return `${prefix}:rate-limit:${throttler}:${scope}:${trackerHash}`;
}

function routeScope(context: ExecutionContext): string {
  return `${context.getClass().name}.${context.getHandler().name}`;
}

/**
 * The named throttlers. Sign-in attempts are counted per route (login and register apart),
 * writes across all routes of the user.
 */
export function throttlers(config: AppConfig, reflector: Reflector): ThrottlerOptions[] {
  const prefix = config.QUEUE_PREFIX;
  const limitsAuthAttempts = (context: ExecutionContext) =>
    reflector.getAllAndOverride<boolean>(LIMIT_AUTH_ATTEMPTS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) === true;
  const perRoute = (context: ExecutionContext, tracker: string, name: string) =>
    counterKey(prefix, name, routeScope(context), tracker);

  return [
    {
      name: 'auth-ip',
      ttl: MINUTE_MS,
      limit: config.AUTH_RATE_LIMIT_PER_IP_PER_MINUTE,
      skipIf: (context) => !limitsAuthAttempts(context),
      generateKey: perRoute,
    },
    {
      name: 'auth-account',
      ttl: MINUTE_MS,
      limit: config.AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
      skipIf: (context) => !limitsAuthAttempts(context) || !attemptedEmail(requestOf(context)),
      getTracker: (request) => attemptedEmail(request as ThrottledRequest) ?? '',
      generateKey: perRoute,
    },
    {
      name: 'writes',
      ttl: MINUTE_MS,
      limit: config.WRITE_RATE_LIMIT_PER_MINUTE,
      skipIf: (context) => {
        const request = requestOf(context);
        return !request.user || !WRITE_METHODS.has(request.method.toUpperCase());
      },
      getTracker: (request) => (request as ThrottledRequest).user?.id ?? '',
      generateKey: (_context, tracker, name) => counterKey(prefix, name, 'all', tracker),
    },
  ];
}
