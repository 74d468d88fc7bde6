import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { HTTP_DURATION_METRIC } from './metrics.module';

/**
 * Times every response by its route template (never the raw URL, which would explode
 * the label set); unmatched URLs share the route label "unmatched".
 */
export function instrumentHttp(app: NestFastifyApplication): void {
  const histogram = app.get<Histogram<string>>(getToken(HTTP_DURATION_METRIC));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    histogram.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
