import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@insight/contracts';
import { sendProblem } from '../errors/problem-details.filter';

/** What Node's HTTP parser refused, before any request existed (too large headers, garbage). */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    detail: 'The request line or headers are larger than the server accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request took too long to arrive.' },
};

/**
 * Answers errors Fastify raises outside the routes (a URL that is not valid percent-encoding)
 * with a problem document like every other error, instead of Fastify's own JSON.
 */
export function frameworkErrorsAsProblems(logger: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void =>
    sendProblem(error, request, reply, logger);
}

/**
 * Answers what Node's HTTP parser refuses (oversized request line or headers, malformed
 * requests) with a problem document on the raw socket, as Fastify's default handler does with
 * its own JSON.
 */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: 400,
    detail: 'The request is not valid HTTP.',
  };
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
