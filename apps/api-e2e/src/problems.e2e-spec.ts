import type { Connection } from 'mongoose';
import type { ProblemDetails } from '@insight/contracts';
import { API_URL } from './support/apps';
import { openDatabase } from './support/database';
import { createAdmin, type TestUser } from './support/users';

let admin: TestUser;

async function post(path: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${API_URL}${path}`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': contentType },
    body,
  });
  const problem = (await response.json()) as ProblemDetails;
  return { response, problem };
}

describe('bad input answers application/problem+json', () => {
  let db: Connection;

  // The admin ping is the simplest endpoint with a body; only admins reach its validation.
  beforeAll(async () => {
    db = await openDatabase();
    admin = await createAdmin(db);
  });

  afterAll(() => db.close());

  it('refuses an unknown field, naming it', async () => {
    const { response, problem } = await post(
      '/api/v1/admin/ping',
      JSON.stringify({ message: 'x', admin: true }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem.errors).toEqual({ admin: ['is not an accepted field'] });
  });

  it('refuses a wrong type, naming the field and the reason', async () => {
    const { response, problem } = await post('/api/v1/admin/ping', JSON.stringify({ message: 42 }));
    expect(response.status).toBe(400);
    expect(problem.errors?.['message']).toEqual(
      expect.arrayContaining([expect.stringMatching(/must be a string/)]),
    );
  });

  it('refuses malformed JSON', async () => {
    const { response, problem } = await post('/api/v1/admin/ping', '{"message":');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem.detail).toBe('The body is not valid JSON.');
    expect(problem.instance).toBe('/api/v1/admin/ping');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await fetch(`${API_URL}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as ProblemDetails).status).toBe(404);
  });

  it('answers an unknown job id with 404', async () => {
    const response = await fetch(`${API_URL}/api/v1/jobs/ping.nope`, { headers: admin.headers });
    expect(response.status).toBe(404);
  });
});
