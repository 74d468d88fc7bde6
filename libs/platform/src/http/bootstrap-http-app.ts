import helmet from '@fastify/helmet';
import { Logger as NestLogger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.schema';
import { ProblemDetailsFilter, sendProblem } from '../errors/problem-details.filter';
import { createValidationPipe } from '../errors/validation';
import { requestIdFor } from '../logging/logging.module';
import { instrumentHttp } from '../metrics/http-metrics';
import { clientErrorAsProblem, frameworkErrorsAsProblems } from './framework-errors';
import { useStrictBodies } from './strict-bodies';

export const API_PREFIX = 'api/v1';
/** Paths served outside the API prefix (probes and metrics). */
export const UNPREFIXED_PATHS = ['health', 'readiness', 'metrics'];

/** TRUST_PROXY as Fastify takes it: a boolean, a hop count, or an address list. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export interface HttpAppOptions {
  port: number;
  /** Runs after the common setup and before listen (e.g. OpenAPI). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Creates a Fastify-based Nest app with the behaviour both api and worker share:
 * pino logs, problem+json errors, strict validation, security headers, CORS,
 * HTTP metrics, body limit and graceful shutdown bounded by SHUTDOWN_TIMEOUT_MS.
 */
export async function bootstrapHttpApp(
  rootModule: Type<unknown> | ReturnType<typeof Object>,
  config: AppConfig,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const errorLogger = new NestLogger('HTTP');
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorsAsProblems(errorLogger),
    clientErrorHandler: clientErrorAsProblem,
    trustProxy: trustProxySetting(config.TRUST_PROXY),
    requestIdHeader: false,
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as { id?: string }).id = request.id; // shared with the pino-http logger
    void reply.header('X-Request-ID', request.id);
    done();
  });
  fastify.setErrorHandler((error, request, reply) => sendProblem(error, request, reply, errorLogger));
  useStrictBodies(app, config.BODY_LIMIT_BYTES);

  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_PATHS });
  app.enableCors({
    origin: config.CORS_ORIGINS,
    credentials: true,
    exposedHeaders: ['ETag', 'Location', 'X-Request-ID', 'Retry-After'],
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  instrumentHttp(app);
  await options.configure?.(app);

  app.enableShutdownHooks();
  process.once('SIGTERM', () => {
    // Shutdown hooks drain work; this bounds how long they may take.
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref();
  });

  await app.listen({ port: options.port, host: config.HOST });
  return app;
}
