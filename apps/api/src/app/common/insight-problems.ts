import { NotFoundException } from '@nestjs/common';
import { ProblemException, ValidationProblem } from '@insight/platform';
import { etagOf } from './if-match';

/** Missing, in another state (trash), another user's, or an id that is not an id: all look the same. */
export function insightNotFound(id: string): NotFoundException {
  return new NotFoundException(`You have no insight ${id}.`);
}

/** `If-Match` named a version the insight is no longer (or not yet) at. */
export class VersionMismatchProblem extends ProblemException {
  constructor(currentVersion: number) {
    super(412, {
      type: '/problems/version-mismatch',
      title: 'Precondition Failed',
      detail: `The insight changed meanwhile; it is at version ${currentVersion}. Reload it and apply your change again.`,
      currentVersion,
      currentEtag: etagOf(currentVersion),
    });
  }
}

/** Other requests kept changing the insight while this one tried; retrying is safe. */
export class WriteContendedProblem extends ProblemException {
  constructor() {
    super(409, {
      type: '/problems/write-contended',
      title: 'Conflict',
      detail: 'The insight is being changed by other requests right now; retry shortly.',
    });
  }
}

/** The body names a category that is not one of the caller's. */
export function unknownCategory(): ValidationProblem {
  return new ValidationProblem({ categoryId: ['is not one of your categories'] });
}

/** A cursor that does not belong to this list (tampered, or made for another sort). */
export function invalidCursor(): ValidationProblem {
  return new ValidationProblem({ cursor: ['is not a cursor of this list; start again without it'] });
}
