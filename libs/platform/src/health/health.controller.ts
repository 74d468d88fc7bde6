import { Controller, Get, HttpException, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { HealthReport } from '@insight/contracts';
import { Public } from '../auth/auth-user';
import { GraphLagHealthIndicator } from './graph-lag';
import { MongoHealthIndicator, Neo4jHealthIndicator, RedisHealthIndicator } from './indicators';

// Probes answer anyone: orchestrators do not sign in.
@Public()
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongoHealthIndicator,
    private readonly neo4j: Neo4jHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly graphLag: GraphLagHealthIndicator,
  ) {}

  /** Liveness: the process serves requests. Never touches a dependency. */
  @Get('health')
  @ApiOkResponse({ description: 'The process is alive.' })
  liveness(): HealthReport {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  /**
   * Readiness: every dependency answers within HEALTH_TIMEOUT_MS; 503 names those that do not.
   * `graphSync` details how far the graph projection is behind MongoDB.
   */
  @Get('readiness')
  @ApiOkResponse({ description: 'MongoDB, Neo4j and Redis all answer.' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down; `error` names it.' })
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const checks = [
      () => this.mongo.isHealthy(),
      () => this.neo4j.isHealthy(),
      () => this.redis.isHealthy(),
      // Detail only (pending insights, oldest age); fails solely past GRAPH_LAG_READINESS_MAX_SECONDS.
      () => this.graphLag.isHealthy(),
    ];
    try {
      return (await this.health.check(checks)) as HealthReport;
    } catch (error) {
      // Terminus throws 503 carrying the report; answer it as the body, not as a problem.
      if (!(error instanceof HttpException)) throw error;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthReport;
    }
  }
}
