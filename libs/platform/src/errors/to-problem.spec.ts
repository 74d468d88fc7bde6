import { BadRequestException, NotFoundException, type ValidationError } from '@nestjs/common';
import { DependencyUnavailableException, ValidationProblem } from './problem.exception';
import { toProblem } from './to-problem';
import { fieldErrors } from './validation';

describe('toProblem', () => {
  it('keeps the status and message of an HttpException', () => {
    const problem = toProblem(new NotFoundException('No insight 42'), '/api/v1/insights/42', 'r1');
    expect(problem).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No insight 42',
      instance: '/api/v1/insights/42',
      requestId: 'r1',
    });
  });

  it('carries field errors of a validation problem', () => {
    const problem = toProblem(new ValidationProblem({ title: ['must be shorter'] }), '/x');
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual({ title: ['must be shorter'] });
    expect(problem.type).toBe('/problems/validation-error');
  });

  it('maps Fastify body errors to their 4xx status with a readable reason', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(tooLarge, '/x')).toMatchObject({
      status: 413,
      title: 'Payload Too Large',
      detail: 'The body is larger than the server accepts.',
    });
  });

  it('never leaks the message of an unexpected error', () => {
    const problem = toProblem(new Error('secret connection string'), '/x');
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  it('answers 503 with a retry hint when a dependency is down', () => {
    const problem = toProblem(new DependencyUnavailableException('redis', 7), '/x');
    expect(problem).toMatchObject({ status: 503, dependency: 'redis', retryAfter: 7 });
  });

  it('joins class-validator style message arrays', () => {
    const problem = toProblem(new BadRequestException(['a is bad', 'b is bad']), '/x');
    expect(problem.detail).toBe('a is bad; b is bad');
  });
});

describe('fieldErrors', () => {
  it('flattens nested errors into dotted paths', () => {
    const errors = [
      { property: 'title', constraints: { maxLength: 'title must be shorter' }, children: [] },
      {
        property: 'meta',
        children: [
          { property: 'color', constraints: { isHexColor: 'color must be a hex colour' }, children: [] },
        ],
      },
      {
        property: 'extra',
        constraints: { whitelistValidation: 'property extra should not exist' },
        children: [],
      },
    ] as ValidationError[];
    expect(fieldErrors(errors)).toEqual({
      title: ['title must be shorter'],
      'meta.color': ['color must be a hex colour'],
      extra: ['is not an accepted field'],
    });
  });
});

describe('toProblem for Fastify errors re-thrown by Nest', () => {
  it('replaces the parser message with a readable reason', () => {
    const rethrown = new BadRequestException(
      "Body is not valid JSON but content-type is set to 'application/json'",
    );
    expect(toProblem(rethrown, '/x').detail).toBe('The body is not valid JSON.');
  });
});

describe('toProblem for unreachable databases', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' }), 'mongo'],
    [
      Object.assign(new Error('Operation `x.find()` buffering timed out after 2000ms'), {
        name: 'MongooseError',
      }),
      'mongo',
    ],
    [
      Object.assign(new Error('Could not perform discovery'), {
        name: 'Neo4jError',
        code: 'ServiceUnavailable',
      }),
      'neo4j',
    ],
  ])('answers 503 naming the dependency for %p', (error, dependency) => {
    expect(toProblem(error, '/x')).toMatchObject({ status: 503, dependency });
  });

  // What the MongoDB driver threw while FerretDB was stopped under load (resilience run).
  const socketError = (stack: string) =>
    Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE', stack });

  it('answers 503 for a raw socket error that came through a database driver', () => {
    const error = socketError(
      'Error: This socket has been ended by the other party\n' +
        '    at Socket.writeAfterFIN [as write] (node:net:566:14)\n' +
        '    at Connection.writeCommand (/app/node_modules/mongodb/lib/cmap/connection.js:408:29)',
    );
    expect(toProblem(error, '/x')).toMatchObject({ status: 503, dependency: 'mongo' });
  });

  it('keeps a socket error of no known driver as 500', () => {
    const error = socketError(
      'Error: This socket has been ended by the other party\n    at Socket.write (node:net:566:14)',
    );
    expect(toProblem(error, '/x')).toMatchObject({ status: 500 });
  });

  it('keeps other driver errors as 500', () => {
    const error = Object.assign(new Error('syntax'), {
      name: 'Neo4jError',
      code: 'Neo.ClientError.Statement.SyntaxError',
    });
    expect(toProblem(error, '/x').status).toBe(500);
  });
});
