import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundAddressPolicy, webhookUrlProblem } from '../../webhooks/outbound-address';
import { BlockedAddressError, guardedPost } from './guarded-http';

describe('outbound webhook requests', () => {
  let server: Server;
  let port: number;
  let hits: string[];

  beforeAll(async () => {
    hits = [];
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/redirect') {
        response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 1000);
      } else if (request.url === '/big') {
        response.end('x'.repeat(10_000));
      } else {
        response.end('ok');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const loopbackAllowed = new OutboundAddressPolicy(['127.0.0.0/8']);
  const strict = new OutboundAddressPolicy([]);
  const post = (path: string, policy: OutboundAddressPolicy, host = '127.0.0.1', extra = {}) =>
    guardedPost({
      url: `http://${host}:${port}${path}`,
      headers: {},
      body: '{}',
      policy,
      timeoutMs: 300,
      maxResponseBytes: 1000,
      ...extra,
    });

  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.5',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fe80::1',
    'fd00::1',
    '0.0.0.0',
    '::ffff:127.0.0.1',
    '100.64.0.1',
  ])('refuses %s without an allow-list', (address) => {
    expect(strict.permits(address)).toBe(false);
  });

  it('permits public addresses and allow-listed ranges only', () => {
    expect(strict.permits('93.184.216.34')).toBe(true);
    expect(strict.permits('2606:4700::1111')).toBe(true);
    expect(loopbackAllowed.permits('127.0.0.1')).toBe(true);
    expect(loopbackAllowed.permits('::ffff:127.0.0.1')).toBe(true);
    expect(loopbackAllowed.permits('10.0.0.1')).toBe(false);
  });

  it('names what is wrong with unusable URLs', () => {
    expect(webhookUrlProblem('https://example.com/x', strict)).toBeNull();
    expect(webhookUrlProblem('http://localhost:80/x', strict)).toMatch(/private, loopback/);
    expect(webhookUrlProblem('http://localhost:80/x', loopbackAllowed)).toBeNull();
    expect(webhookUrlProblem('file:///etc/passwd', strict)).toMatch(/http/);
  });

  it('refuses a loopback IP literal before connecting', async () => {
    const before = hits.length;
    await expect(post('/ok', strict)).rejects.toBeInstanceOf(BlockedAddressError);
    expect(hits).toHaveLength(before);
  });

  it('checks the addresses a host name resolves to', async () => {
    const before = hits.length;
    await expect(post('/ok', strict, 'localhost')).rejects.toBeInstanceOf(BlockedAddressError);
    expect(hits).toHaveLength(before);
    await expect(post('/ok', loopbackAllowed, 'localhost')).resolves.toMatchObject({ statusCode: 200 });
  });

  it('answers a redirect as it is, without following it', async () => {
    await expect(post('/redirect', loopbackAllowed)).resolves.toMatchObject({ statusCode: 302 });
    expect(hits).not.toContain('/elsewhere');
  });

  it('gives up on slow answers and oversized bodies', async () => {
    await expect(post('/slow', loopbackAllowed)).rejects.toThrow(/within 300 ms/);
    await expect(post('/big', loopbackAllowed)).rejects.toThrow(/larger than 1000 bytes/);
  });
});
