import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.schema';
import { ShutdownLog } from '../http/shutdown-log';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Keeps a caller's X-Request-ID when it is sane, otherwise makes one. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

const QUIET_PATHS = new Set(['/health', '/readiness', '/metrics']);

/** JSON logs (pino) with the request id and, once signed in, the user id on every line. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, service: string): DynamicModule {
    return {
      module: LoggingModule,
      providers: [ShutdownLog],
      imports: [
        LoggerModule.forRoot({
          // Every route, in the named-wildcard form of Nest 11's router: nestjs-pino's default
          // ('*') made Nest warn at every start that it had to convert "/api/v1/*".
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            base: { service },
            // Fastify already chose the id (see bootstrapHttpApp); log the same one.
            genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestIdFor(req),
            serializers: {
              req: (req: IncomingMessage & { id?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
            },
            customProps: (req) => {
              const userId = (req as IncomingMessage & { user?: { id?: string } }).user?.id;
              return userId ? { userId } : {};
            },
            autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          },
        }),
      ],
    };
  }
}
