import type { OpenAPIObject } from '@nestjs/swagger';
import { documentProblemMediaType } from './openapi-problems';

describe('documentProblemMediaType', () => {
  const schema = { $ref: '#/components/schemas/ProblemDetailsDto' };
  const document = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
            '404': { description: 'missing', content: { 'application/json': { schema } } },
            '503': { description: 'down', content: { 'application/json': { schema } } },
          },
        },
        delete: { responses: { '204': { description: 'gone' } } },
      },
      '/stream': {
        get: {
          responses: {
            '200': {
              description: 'events',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            '400': { description: 'bad id', content: { 'text/event-stream': { schema } } },
          },
        },
      },
    },
  });

  it('documents error answers as application/problem+json and leaves successes alone', () => {
    const paths = documentProblemMediaType(document()).paths['/things/{id}'];
    expect(paths.get?.responses['404']).toEqual({
      description: 'missing',
      content: { 'application/problem+json': { schema } },
    });
    expect(Object.keys((paths.get?.responses['503'] as { content: object }).content)).toEqual([
      'application/problem+json',
    ]);
    expect(Object.keys((paths.get?.responses['200'] as { content: object }).content)).toEqual([
      'application/json',
    ]);
    expect(paths.delete?.responses['204']).toEqual({ description: 'gone' });
  });

  it("documents a streaming route's errors as problem+json too, not as the stream's media type", () => {
    const stream = documentProblemMediaType(document()).paths['/stream'].get?.responses;
    expect(stream?.['400']).toEqual({
      description: 'bad id',
      content: { 'application/problem+json': { schema } },
    });
    expect(Object.keys((stream?.['200'] as { content: object }).content)).toEqual(['text/event-stream']);
  });
});
