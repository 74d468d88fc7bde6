import { parse as parseForm } from 'node:querystring';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { ProblemException } from '../errors/problem.exception';

/** Deepest nesting of objects and arrays a JSON body may have; no request of ours needs more than a few. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

function badBody(detail: string): ProblemException {
  return new ProblemException(400, { detail });
}

/**
 * Whether `body` nests objects or arrays deeper than `limit`, stopping as soon as it does. One pass over the bytes,
 * skipping strings, so a hostile body costs no more than its size (the body limit bounds that).
 */
export function exceedsJsonDepth(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or null when its bytes are not UTF-8. */
function utf8Text(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

const NOT_UTF8 = 'The body is not valid UTF-8.';

/**
 * Body parsers in place of the ones Nest registers (JSON and form), refusing with a 400 problem
 * what those let through: bytes that are not UTF-8 (they were decoded to U+FFFD and the damage
 * stored) and JSON nested deeper than MAX_JSON_DEPTH (which overflowed the stack of the
 * validation pipe's recursive walks: a 500 for a few kilobytes). Fastify's own JSON parser still
 * does the parsing, refusing prototype-poisoning keys as before. Call before the app starts.
 */
export function useStrictBodies(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    const text = utf8Text(body);
    if (text === null) return done(badBody(NOT_UTF8), undefined);
    if (exceedsJsonDepth(body, MAX_JSON_DEPTH)) {
      return done(
        badBody(`The body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels.`),
        undefined,
      );
    }
    void parseJson(request, text, done); // synchronous; it calls done itself
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    const text = utf8Text(body);
    if (text === null) return done(badBody(NOT_UTF8), undefined);
    done(null, parseForm(text));
  });
}
