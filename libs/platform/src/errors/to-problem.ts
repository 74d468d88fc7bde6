import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import type { ProblemDetails } from '@insight/contracts';
import { DependencyUnavailableException, ProblemException } from './problem.exception';

export type Problem = ProblemDetails & Record<string, unknown>;

const FASTIFY_REASONS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but the content type says JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is larger than the server accepts.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted; send application/json.',
};

// Nest re-throws Fastify's body errors as plain HttpExceptions carrying only the message,
// so the friendlier reason is found by Fastify's own message for each code.
const REASONS_BY_MESSAGE_PREFIX = Object.entries(FASTIFY_REASONS).map(([code, reason]) => {
  const template = new errorCodes[code as keyof typeof errorCodes]().message;
  return { prefix: template.split('%s')[0], reason };
});

function fastifyReason(message: string): string | undefined {
  return REASONS_BY_MESSAGE_PREFIX.find(({ prefix }) => prefix && message.startsWith(prefix))?.reason;
}

function titleFor(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function isFastifyError(error: unknown): error is Error & { statusCode: number; code: string } {
  return (
    error instanceof Error &&
    typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

function httpExceptionDetail(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

const MONGO_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);
const NEO4J_UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
/** Socket errors a client meets when its server goes away under it. */
const SOCKET_ERRORS = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTCONN',
]);
/**
 * The driver a raw socket error came through, read from its stack: the MongoDB driver lets a write
 * to a socket its server has just closed fail with Node's own EPIPE error, unwrapped.
 */
const DRIVER_FRAMES: [RegExp, string][] = [
  [/[\\/]node_modules[\\/]mongodb[\\/]/, 'mongo'],
  [/[\\/]node_modules[\\/]neo4j-driver/, 'neo4j'],
  [/[\\/]node_modules[\\/](ioredis|bullmq)[\\/]/, 'redis'],
];

/** The dependency a driver error says is unreachable, if that is what it says. */
function unavailableDependency(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (MONGO_UNAVAILABLE.has(error.name)) return 'mongo';
  if (error.name === 'MongooseError' && /buffering timed out/.test(error.message)) return 'mongo';
  const code = (error as { code?: unknown }).code;
  if (error.name === 'Neo4jError' && typeof code === 'string' && NEO4J_UNAVAILABLE.has(code)) return 'neo4j';
  if (typeof code === 'string' && SOCKET_ERRORS.has(code)) {
    return DRIVER_FRAMES.find(([frame]) => frame.test(error.stack ?? ''))?.[1] ?? null;
  }
  return null;
}

/** Maps anything thrown while serving a request to one RFC 9457 problem document. */
export function toProblem(error: unknown, instance: string, requestId?: string): Problem {
  const base = { instance, ...(requestId ? { requestId } : {}) };
  if (error instanceof ProblemException) {
    const status = error.getStatus();
    return { type: 'about:blank', title: titleFor(status), ...error.problem, status, ...base };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const detail = httpExceptionDetail(error);
    const reason = detail ? fastifyReason(detail) : undefined;
    return { type: 'about:blank', title: titleFor(status), status, detail: reason ?? detail, ...base };
  }
  if (isFastifyError(error) && error.statusCode >= 400 && error.statusCode < 500) {
    return {
      type: 'about:blank',
      title: titleFor(error.statusCode),
      status: error.statusCode,
      detail: FASTIFY_REASONS[error.code] ?? error.message,
      ...base,
    };
  }
  const dependency = unavailableDependency(error);
  if (dependency) {
    return toProblem(new DependencyUnavailableException(dependency), instance, requestId);
  }
  return {
    type: 'about:blank',
    title: titleFor(500),
    status: 500,
    detail: 'An unexpected error occurred. The request id identifies it in the server logs.',
    ...base,
  };
}
