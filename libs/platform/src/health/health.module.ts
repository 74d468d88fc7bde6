import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GraphLagHealthIndicator, GraphLagStore } from './graph-lag';
import { HealthController } from './health.controller';
import {
  DependencyProbe,
  MongoHealthIndicator,
  Neo4jHealthIndicator,
  RedisHealthIndicator,
} from './indicators';

/**
 * /health and /readiness. Needs the app to provide the mongoose connection, GraphDatabase
 * and RedisClient (their modules are global).
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false, gracefulShutdownTimeoutMs: 0 })],
  controllers: [HealthController],
  providers: [
    DependencyProbe,
    MongoHealthIndicator,
    Neo4jHealthIndicator,
    RedisHealthIndicator,
    GraphLagStore,
    GraphLagHealthIndicator,
  ],
})
export class HealthModule {}
