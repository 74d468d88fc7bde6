import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@insight/contracts';
import { toProblem } from './to-problem';

/** Sends every error as application/problem+json; 5xx are logged with their stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

/** Shared by the Nest filter and Fastify's own error handler (body parsing, limits). */
export function sendProblem(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const requestId = (request.raw as { id?: unknown }).id;
  const problem = toProblem(exception, request.url, typeof requestId === 'string' ? requestId : undefined);
  if (problem.status >= 500 && problem.status !== 503) {
    logger.error({ err: exception, requestId: problem.requestId }, 'request failed');
  }
  if (typeof problem['retryAfter'] === 'number') {
    void reply.header('Retry-After', String(problem['retryAfter']));
  }
  void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
}
