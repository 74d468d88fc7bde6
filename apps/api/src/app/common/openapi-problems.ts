import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_JSON = 'application/problem+json';

/**
 * Every error answer of the api is `application/problem+json` (see toProblem in
 * @insight/platform), but `@ApiXxxResponse({ type: ProblemDetailsDto })` documents it as
 * `application/json` (or as the route's `@ApiProduces` type). This moves the content of every 4xx/5xx response to the media type the
 * api really sends, in one place instead of in each of the many decorators.
 */
export function documentProblemMediaType(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      const responses = (operation as { responses?: Record<string, { content?: Record<string, unknown> }> })
        ?.responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400 || !response.content) continue;
        // The body's schema whatever media type the route produces on success (`@ApiProduces`
        // on a stream route, e.g. text/event-stream, lends its type to the errors too).
        const body = response.content['application/json'] ?? Object.values(response.content)[0];
        if (body) response.content = { [PROBLEM_JSON]: body };
      }
    }
  }
  return document;
}
