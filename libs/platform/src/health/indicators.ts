import { Inject, Injectable } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Connection } from 'mongoose';
import type { Gauge } from 'prom-client';
import { APP_CONFIG } from '../config/app-config.module';
import type { AppConfig } from '../config/app-config.schema';
import { DEPENDENCY_UP_METRIC } from '../metrics/metrics.module';
import { GraphDatabase } from '../neo4j/graph-database';
import { RedisClient } from '../redis/redis.module';
import { withTimeout } from './with-timeout';

/** Checks one dependency within HEALTH_TIMEOUT_MS and records the outcome as a gauge. */
@Injectable()
export class DependencyProbe {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectMetric(DEPENDENCY_UP_METRIC) private readonly dependencyUp: Gauge<string>,
  ) {}

  async probe(key: string, check: () => Promise<void>) {
    const indicator = this.indicators.check(key);
    const started = performance.now();
    try {
      await withTimeout(check(), this.config.HEALTH_TIMEOUT_MS, key);
      this.dependencyUp.set({ dependency: key }, 1);
      return indicator.up({ latencyMs: Math.round(performance.now() - started) });
    } catch (error) {
      this.dependencyUp.set({ dependency: key }, 0);
      return indicator.down({ message: (error as Error).message });
    }
  }
}

/** MongoDB answers a ping over the app's own connection. */
@Injectable()
export class MongoHealthIndicator {
  constructor(
    private readonly probe: DependencyProbe,
    @Inject(getConnectionToken()) private readonly connection: Connection,
  ) {}

  isHealthy(key = 'mongo') {
    return this.probe.probe(key, async () => {
      const db = this.connection.db;
      if (!db) throw new Error('not connected');
      await db.command({ ping: 1 });
    });
  }
}

/** Neo4j answers a query through the driver. */
@Injectable()
export class Neo4jHealthIndicator {
  constructor(
    private readonly probe: DependencyProbe,
    private readonly neo4j: GraphDatabase,
  ) {}

  isHealthy(key = 'neo4j') {
    return this.probe.probe(key, async () => {
      await this.neo4j.read('RETURN 1 AS ok');
    });
  }
}

/** Redis answers PING. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly probe: DependencyProbe,
    private readonly redis: RedisClient,
  ) {}

  isHealthy(key = 'redis') {
    return this.probe.probe(key, async () => {
      const answer = await this.redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected answer ${answer}`);
    });
  }
}
