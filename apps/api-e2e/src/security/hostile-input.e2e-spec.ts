import { type Connection, Types } from 'mongoose';
import { API_URL } from '../support/apps';
import { documentsOf, openDatabase } from '../support/database';
import { callAs, createInsight, problemOf } from '../support/insights-client';
import { createUser, type TestUser, uniqueClientIp } from '../support/users';

interface OpenApiOperation {
  requestBody?: { content: Record<string, unknown> };
}

/** Every operation of the OpenAPI document that takes a JSON body, as `[method, path]`. */
async function jsonBodyOperations(): Promise<[string, string][]> {
  const doc = (await (await fetch(`${API_URL}/api/docs-json`)).json()) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.requestBody?.content['application/json'])
      .map(([method]): [string, string] => [method.toUpperCase(), path]),
  );
}

/** Sends raw bytes as JSON to `/api/v1<path>`. */
function sendBytes(user: TestUser | null, method: string, path: string, body: Buffer | string) {
  return fetch(`${API_URL}/api/v1${path}`, {
    method,
    headers: { ...user?.headers, 'content-type': 'application/json', 'x-forwarded-for': uniqueClientIp() },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

const nested = (depth: number) => `{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/**
 * Bodies and requests no client of ours would send: oversized, deeply nested, very long,
 * not UTF-8, not valid HTTP. Each answers a 4xx problem document, stores nothing, and the
 * service carries on.
 */
describe('hostile input', () => {
  let db: Connection;
  let erin: TestUser;

  const stored = () => documentsOf(db, 'insights', { userId: new Types.ObjectId(erin.user.id) });

  beforeAll(async () => {
    db = await openDatabase();
    erin = await createUser();
    await createInsight(erin, { title: 'Untouched', tags: ['keep'] });
  });

  afterAll(() => db.close());

  it('refuses a body over 1 MiB with 413 on every operation that takes JSON', async () => {
    const operations = await jsonBodyOperations();
    expect(operations.length).toBeGreaterThan(15);
    const huge = JSON.stringify({ title: 'x', content: 'y'.repeat(1024 * 1024) });
    const before = await stored();
    for (const [method, template] of operations) {
      const path = template.replace('/api/v1', '').replace(/\{[^}]+\}/g, new Types.ObjectId().toHexString());
      const response = await sendBytes(erin, method, path, huge);
      expect({ method, template, status: response.status }).toEqual({ method, template, status: 413 });
      expect((await problemOf(response)).title).toBe('Payload Too Large');
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses JSON nested deeper than 32 levels with 400, and takes brackets inside strings as text', async () => {
    const before = await stored();
    for (const [method, path, body] of [
      ['POST', '/insights', nested(100_000)],
      ['POST', '/insights', `{"title":"x","content":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
      ['PATCH', '/users/me', nested(32)],
      ['POST', '/auth/login', nested(1000)],
    ] as const) {
      const response = await sendBytes(erin, method, path, body);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect((await problemOf(response)).detail).toBe(
        'The body nests objects or arrays deeper than 32 levels.',
      );
    }
    expect(await stored()).toEqual(before);
    const brackets = '[{'.repeat(100);
    const created = await sendBytes(
      erin,
      'POST',
      '/insights',
      JSON.stringify({ title: brackets, content: '"\\' }),
    );
    expect(created.status).toBe(201);
    expect(((await created.json()) as { title: string }).title).toBe(brackets);
    // 32 levels (the object and 31 arrays) reach validation, which names the field.
    const shallow = await sendBytes(erin, 'POST', '/insights', nested(31));
    expect(shallow.status).toBe(400);
    expect(Object.keys((await problemOf(shallow)).errors ?? {})).toEqual(['title']);
  });

  it('refuses a body that is not UTF-8 instead of storing replacement characters', async () => {
    const before = await stored();
    const latin1 = Buffer.concat([
      Buffer.from('{"title":"caf'),
      Buffer.from([0xe9]), // é in Latin-1: not UTF-8
      Buffer.from('"}'),
    ]);
    const overlong = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    const surrogate = Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    for (const [method, path, body] of [
      ['POST', '/insights', latin1],
      ['POST', '/insights', overlong],
      ['POST', '/insights', surrogate],
      [
        'POST',
        '/categories',
        Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      ],
      [
        'POST',
        '/auth/login',
        Buffer.concat([
          Buffer.from('{"email":"a@b.co","password":"'),
          Buffer.from([0xff]),
          Buffer.from('"}'),
        ]),
      ],
    ] as const) {
      const response = await sendBytes(erin, method, path, body);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect((await problemOf(response)).detail).toBe('The body is not valid UTF-8.');
    }
    expect(await stored()).toEqual(before);
    // Real UTF-8, including characters outside the BMP, is kept as sent.
    const title = 'café 🧠 ação';
    const created = await sendBytes(
      erin,
      'POST',
      '/insights',
      Buffer.from(JSON.stringify({ title }), 'utf8'),
    );
    expect(created.status).toBe(201);
    expect(((await created.json()) as { title: string }).title).toBe(title);
  });

  it('refuses very long strings with 400 naming the field, storing nothing', async () => {
    const before = await stored();
    const long = 'x'.repeat(200_000);
    for (const [path, body, field] of [
      ['/insights', { title: long }, 'title'],
      ['/insights', { title: 'x', content: long }, 'content'],
      ['/insights', { title: 'x', tags: [long] }, 'tags'],
      ['/categories', { name: long, colour: '#000000', icon: 'x' }, 'name'],
      ['/webhooks', { url: `https://example.com/${long}`, events: ['insight.created'] }, 'url'],
      ['/tokens', { name: long }, 'name'],
    ] as const) {
      const response = await callAs(erin, path, { method: 'POST', body });
      expect({ path, field, status: response.status }).toEqual({ path, field, status: 400 });
      expect(Object.keys((await problemOf(response)).errors ?? {})).toContain(field);
    }
    expect(await stored()).toEqual(before);
  });

  it('answers very long URLs and headers with 431, and a URL that is not valid percent-encoding with 400, as problems', async () => {
    for (const path of [`/search?q=${'a'.repeat(100_000)}`, `/insights/${'a'.repeat(100_000)}`]) {
      const response = await callAs(erin, path);
      expect(response.status).toBe(431);
      expect((await problemOf(response)).title).toBe('Request Header Fields Too Large');
    }
    const header = await callAs(erin, '/insights', { headers: { 'x-padding': 'a'.repeat(100_000) } });
    expect(header.status).toBe(431);
    await problemOf(header);
    for (const path of ['/insights/%ff%fe', '/tags/%c0']) {
      const response = await callAs(erin, path);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).detail).toMatch(/is not a valid url component/);
    }
    // Still serving.
    expect((await callAs(erin, '/insights')).status).toBe(200);
  });
});
