import { HttpException } from '@nestjs/common';
import type { ProblemDetails } from '@insight/contracts';

type ProblemInit = Omit<ProblemDetails, 'status' | 'type' | 'title'> & { type?: string; title?: string };

/** An HTTP error that already knows its RFC 9457 shape (type, field errors, extensions). */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly problem: ProblemInit & Record<string, unknown>,
  ) {
    super(problem.detail ?? problem.title ?? 'Request failed', status);
  }
}

/** Field errors: `errors` maps each field path to why it was refused. */
export class ValidationProblem extends ProblemException {
  constructor(errors: Record<string, string[]>, detail = 'The request has invalid fields; see errors.') {
    super(400, { type: '/problems/validation-error', title: 'Invalid request', detail, errors });
  }
}

/** A dependency this request needs (Redis, Neo4j, MongoDB) is not reachable right now. */
export class DependencyUnavailableException extends ProblemException {
  constructor(dependency: string, retryAfterSeconds = 5) {
    super(503, {
      type: '/problems/dependency-unavailable',
      title: 'Service temporarily unavailable',
      detail: `${dependency} is not reachable right now; retry shortly.`,
      dependency,
      retryAfter: retryAfterSeconds,
    });
  }
}
