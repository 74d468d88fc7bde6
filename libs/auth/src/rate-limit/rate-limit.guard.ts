import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { TooManyRequestsProblem } from '../auth-problems';

/**
 * Global guard applying the throttlers of RateLimitModule (per-IP and per-account on
 * sign-in/registration, per-user on writes). Runs after AuthenticationGuard, which sets
 * `request.user`. Refusals are problem+json 429 with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new TooManyRequestsProblem(Math.max(1, detail.timeToBlockExpire));
  }
}
