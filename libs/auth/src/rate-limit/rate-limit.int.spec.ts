import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  type INestApplication,
  Post,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  APP_CONFIG,
  type AppConfig,
  AppConfigModule,
  type AuthUser,
  ProblemDetailsFilter,
  RedisClient,
  RedisModule,
} from '@insight/platform';
import { testConfig } from '@insight/platform/testing';
import { LimitAuthAttempts } from './rate-limit.decorators';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitModule } from './rate-limit.module';

jest.setTimeout(30_000);

/** Stands in for the authentication guard: the caller is whoever `x-user` names. */
@Injectable()
class HeaderAuthentication implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string>; user?: AuthUser }>();
    const id = request.headers['x-user'];
    if (id) request.user = { id, email: `${id}@example.com`, role: 'user', via: 'access-token' };
    return true;
  }
}

@Controller()
class ExampleController {
  @Post('login')
  @LimitAuthAttempts()
  login(): { ok: true } {
    return { ok: true };
  }

  @Post('notes')
  write(): { ok: true } {
    return { ok: true };
  }

  @Get('notes')
  read(): { ok: true } {
    return { ok: true };
  }
}

async function startApp(overrides: Record<string, string>): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(
        testConfig({
          AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '4',
          AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '2',
          WRITE_RATE_LIMIT_PER_MINUTE: '3',
          ...overrides,
        }),
      ),
      RedisModule,
      RateLimitModule,
    ],
    controllers: [ExampleController],
    providers: [
      { provide: APP_GUARD, useClass: HeaderAuthentication },
      { provide: APP_GUARD, useExisting: RateLimitGuard },
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function send(
  app: INestApplication,
  method: 'GET' | 'POST',
  url: string,
  options: { user?: string; ip?: string; body?: object } = {},
) {
  return (app as NestFastifyApplication).inject({
    method,
    url,
    remoteAddress: options.ip ?? '192.0.2.1',
    headers: options.user ? { 'x-user': options.user } : {},
    ...(options.body ? { payload: options.body } : {}),
  });
}

describe('rate limits (real Redis)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({});
  });

  afterAll(() => app.close());

  it("limits a signed-in user's writes and answers 429 problem+json with Retry-After", async () => {
    for (let i = 0; i < 3; i++)
      expect((await send(app, 'POST', '/notes', { user: 'writer' })).statusCode).toBe(201);
    const refused = await send(app, 'POST', '/notes', { user: 'writer' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
  });

  it('counts writes per user and leaves reads and anonymous requests alone', async () => {
    for (let i = 0; i < 4; i++) await send(app, 'POST', '/notes', { user: 'busy' });
    expect((await send(app, 'GET', '/notes', { user: 'busy' })).statusCode).toBe(200);
    expect((await send(app, 'POST', '/notes', { user: 'calm' })).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await send(app, 'POST', '/notes')).statusCode).toBe(201);
  });

  it('limits sign-in attempts per e-mail, whatever the case and the address', async () => {
    const attempt = (email: string, ip: string) => send(app, 'POST', '/login', { ip, body: { email } });
    expect((await attempt('Ada@Example.com', '198.51.100.1')).statusCode).toBe(201);
    expect((await attempt('ada@example.com ', '198.51.100.2')).statusCode).toBe(201);
    expect((await attempt('ADA@EXAMPLE.COM', '198.51.100.3')).statusCode).toBe(429);
    expect((await attempt('grace@example.com', '198.51.100.3')).statusCode).toBe(201);
  });

  it('limits sign-in attempts per client address', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 4; i++) {
      expect(
        (await send(app, 'POST', '/login', { ip, body: { email: `u${i}@example.com` } })).statusCode,
      ).toBe(201);
    }
    expect((await send(app, 'POST', '/login', { ip, body: { email: 'u9@example.com' } })).statusCode).toBe(
      429,
    );
    // A body without a usable e-mail is still counted per address.
    expect((await send(app, 'POST', '/login', { ip, body: { email: { $gt: '' } } })).statusCode).toBe(429);
  });

  it('keeps its counters under the installation prefix, expiring', async () => {
    const redis = app.get(RedisClient);
    const { QUEUE_PREFIX } = app.get<AppConfig>(APP_CONFIG);
    const keys = await redis.keys(`{${QUEUE_PREFIX}:rate-limit:writes:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(await redis.pttl(keys[0])).toBeGreaterThan(0);
  });
});

describe('rate limits while Redis is unreachable', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(() => app.close());

  it('lets requests through instead of failing them', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await send(app, 'POST', '/notes', { user: 'writer' })).statusCode).toBe(201);
      expect((await send(app, 'POST', '/login', { body: { email: 'ada@example.com' } })).statusCode).toBe(
        201,
      );
    }
  });
});
