import { API_URL } from './support/apps';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: object[] }>>;
  components: {
    schemas: Record<string, { properties?: Record<string, { type?: string; maxLength?: number }> }>;
    securitySchemes?: Record<string, { type: string; scheme?: string }>;
  };
}

describe('OpenAPI', () => {
  it('serves a document generated from the code', async () => {
    const response = await fetch(`${API_URL}/api/docs-json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/admin/ping', '/api/v1/jobs/{id}']),
    );
    expect(Object.keys(doc.paths['/api/v1/admin/ping']['post'].responses)).toEqual(
      expect.arrayContaining(['202', '503']),
    );
    // The Swagger compiler plugin reads the DTO's types and validators.
    expect(doc.components.schemas['PingRequestDto'].properties?.['message']).toMatchObject({
      type: 'string',
      maxLength: 200,
    });
  });

  it('documents the accounts API with every error status and bearer authentication', async () => {
    const doc = (await (await fetch(`${API_URL}/api/docs-json`)).json()) as OpenApiDocument;
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    expect(statuses('/api/v1/auth/register', 'post')).toEqual(['201', '400', '409', '429']);
    expect(statuses('/api/v1/auth/login', 'post')).toEqual(['200', '400', '401', '429']);
    expect(statuses('/api/v1/tokens/{id}', 'delete')).toEqual(['204', '401', '404', '429']);
    expect(doc.components.securitySchemes?.['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/users/me']['get'].security).toEqual([{ bearer: [] }]);
    // Error answers are documented with the media type the api sends.
    expect(doc.paths['/api/v1/auth/login']['post'].responses['401']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
    });
    expect(doc.components.schemas['RegisterRequestDto'].properties?.['password']).toMatchObject({
      type: 'string',
      minLength: 10,
    });
  });

  it('documents the graph, search and rebuild routes with every error status and bearer authentication', async () => {
    const doc = (await (await fetch(`${API_URL}/api/docs-json`)).json()) as OpenApiDocument;
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    expect(statuses('/api/v1/graph/neighborhood/{id}', 'get')).toEqual(['200', '400', '401', '404', '503']);
    expect(statuses('/api/v1/graph/path', 'get')).toEqual(['200', '400', '401', '404', '503']);
    expect(statuses('/api/v1/graph', 'get')).toEqual(['200', '400', '401', '503']);
    expect(statuses('/api/v1/graph/stats', 'get')).toEqual(['200', '401', '503']);
    expect(statuses('/api/v1/search', 'get')).toEqual(['200', '400', '401', '503']);
    expect(statuses('/api/v1/admin/graph/rebuild', 'post')).toEqual(['202', '401', '404', '429', '503']);
    for (const [path, method] of [
      ['/api/v1/graph/neighborhood/{id}', 'get'],
      ['/api/v1/search', 'get'],
      ['/api/v1/admin/graph/rebuild', 'post'],
    ]) {
      expect(doc.paths[path][method].security).toEqual([{ bearer: [] }]);
    }
    const parameters = (doc.paths['/api/v1/search']['get'] as { parameters?: { name: string }[] }).parameters;
    expect(parameters?.find((parameter) => parameter.name === 'q')).toMatchObject({
      required: true,
      schema: { type: 'string', maxLength: 500 },
    });
  });

  it('serves the documentation UI', async () => {
    const response = await fetch(`${API_URL}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
