import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemDetailsDto } from '@insight/platform';

/*
 * The error answers most operations share, documented once. Each is a problem document (see
 * documentProblemMediaType); operation-specific errors stay next to the operation.
 */

/** Needs an access token or a personal access token (on a controller or an operation). */
export const SignedIn = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDetailsDto, description: 'Not signed in.' }),
  );

/** A write: limited per user per minute (see LimitWrites). */
export const WriteErrors = () =>
  ApiTooManyRequestsResponse({ type: ProblemDetailsDto, description: 'Too many writes; see Retry-After.' });

/** Takes a JSON body: validated field by field, at most BODY_LIMIT_BYTES. */
export const BodyErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' }),
    ApiPayloadTooLargeResponse({ type: ProblemDetailsDto, description: 'The body is over 1 MiB.' }),
  );

/** Works on one of the caller's `what`s by id; anyone else's answers like none at all. */
export const OwnedResourceErrors = (what: string) =>
  ApiNotFoundResponse({ type: ProblemDetailsDto, description: `You have no such ${what}.` });

/** Enqueues or reads jobs, which needs Redis. */
export const QueueErrors = () =>
  ApiServiceUnavailableResponse({ type: ProblemDetailsDto, description: 'Redis is not reachable.' });
