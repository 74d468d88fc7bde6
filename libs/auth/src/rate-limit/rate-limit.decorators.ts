import { SetMetadata } from '@nestjs/common';

export const LIMIT_AUTH_ATTEMPTS_KEY = 'rate-limit:authAttempts';

/**
 * Limits a route per client IP and per e-mail address in the body (sign-in, registration),
 * at AUTH_RATE_LIMIT_PER_IP_PER_MINUTE and AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE.
 */
export const LimitAuthAttempts = () => SetMetadata(LIMIT_AUTH_ATTEMPTS_KEY, true);
