import { ProblemException } from '@insight/platform';

/** No valid access token or personal access token came with a request that needs one. */
export class AuthenticationRequiredProblem extends ProblemException {
  constructor(detail = 'Sign in first: send a valid access token as Authorization: Bearer.') {
    super(401, { type: '/problems/authentication-required', title: 'Unauthorized', detail });
  }
}

/** Sign-in failed; deliberately the same whether the e-mail is unknown or the password wrong. */
export class InvalidCredentialsProblem extends ProblemException {
  constructor() {
    super(401, {
      type: '/problems/invalid-credentials',
      title: 'Unauthorized',
      detail: 'The e-mail address or the password is not correct.',
    });
  }
}

/** The refresh cookie is missing, unknown, expired, revoked or was already used. */
export class InvalidRefreshTokenProblem extends ProblemException {
  constructor() {
    super(401, {
      type: '/problems/invalid-refresh-token',
      title: 'Unauthorized',
      detail: 'The session has ended; sign in again.',
    });
  }
}

export class EmailTakenProblem extends ProblemException {
  constructor() {
    super(409, {
      type: '/problems/email-taken',
      title: 'Conflict',
      detail: 'An account with this e-mail address already exists.',
      errors: { email: ['is already registered'] },
    });
  }
}

/** Too many requests in the current window; `retryAfter` (seconds) also goes out as Retry-After. */
export class TooManyRequestsProblem extends ProblemException {
  constructor(retryAfterSeconds: number) {
    super(429, {
      type: '/problems/too-many-requests',
      title: 'Too Many Requests',
      detail: `Too many requests; retry in ${retryAfterSeconds} s.`,
      retryAfter: retryAfterSeconds,
    });
  }
}
