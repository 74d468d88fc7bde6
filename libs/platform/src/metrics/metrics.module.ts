import { Controller, Get, Global, Module, Res } from '@nestjs/common';
import {
  makeGaugeProvider,
  makeHistogramProvider,
  PrometheusController,
  PrometheusModule,
} from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth-user';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

const httpDuration = makeHistogramProvider({
  name: HTTP_DURATION_METRIC,
  help: 'HTTP request duration in seconds by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const DEPENDENCY_UP_METRIC = 'insight_dependency_up';

const dependencyUp = makeGaugeProvider({
  name: DEPENDENCY_UP_METRIC,
  help: '1 when the last readiness check reached the dependency in time, else 0.',
  labelNames: ['dependency'],
});

/** Prometheus scrapes without signing in; keep /metrics off public ingress instead. */
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  override index(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return super.index(reply);
  }
}

/** Prometheus registry with process defaults, served at /metrics; its metrics inject anywhere. */
@Global()
@Module({
  imports: [
    PrometheusModule.register({
      path: '/metrics',
      controller: MetricsController,
      defaultMetrics: { enabled: true },
    }),
  ],
  providers: [httpDuration, dependencyUp],
  exports: [httpDuration, dependencyUp, PrometheusModule],
})
export class MetricsModule {}
