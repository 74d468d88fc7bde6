import { API_URL } from './support/apps';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: {
    schemas: Record<string, { properties?: Record<string, { type?: string; maxLength?: number }> }>;
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

  it('serves the documentation UI', async () => {
    const response = await fetch(`${API_URL}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
