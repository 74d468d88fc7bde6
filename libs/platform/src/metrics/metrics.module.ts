import { Module } from '@nestjs/common';
import { makeHistogramProvider, PrometheusModule } from '@willsoto/nestjs-prometheus';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

const httpDuration = makeHistogramProvider({
  name: HTTP_DURATION_METRIC,
  help: 'HTTP request duration in seconds by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** Prometheus registry with process defaults, served at /metrics. */
@Module({
  imports: [PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true } })],
  providers: [httpDuration],
  exports: [httpDuration, PrometheusModule],
})
export class MetricsModule {}
