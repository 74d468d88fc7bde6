import { Inject, Injectable } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { Neo4jService } from 'nest-neo4j';
import { APP_CONFIG } from '../config/app-config.module';
import type { AppConfig } from '../config/app-config.schema';
import { RedisClient } from '../redis/redis.module';
import { withTimeout } from './with-timeout';

abstract class TimedIndicator {
  constructor(
    protected readonly indicators: HealthIndicatorService,
    protected readonly config: AppConfig,
  ) {}

  protected async probe(key: string, check: () => Promise<void>) {
    const indicator = this.indicators.check(key);
    const started = performance.now();
    try {
      await withTimeout(check(), this.config.HEALTH_TIMEOUT_MS, key);
      return indicator.up({ latencyMs: Math.round(performance.now() - started) });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

/** MongoDB answers a ping over the app's own connection. */
@Injectable()
export class MongoHealthIndicator extends TimedIndicator {
  constructor(
    indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(getConnectionToken()) private readonly connection: Connection,
  ) {
    super(indicators, config);
  }

  isHealthy(key = 'mongo') {
    return this.probe(key, async () => {
      const db = this.connection.db;
      if (!db) throw new Error('not connected');
      await db.command({ ping: 1 });
    });
  }
}

/** Neo4j answers a query through the driver. */
@Injectable()
export class Neo4jHealthIndicator extends TimedIndicator {
  constructor(
    indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly neo4j: Neo4jService,
  ) {
    super(indicators, config);
  }

  isHealthy(key = 'neo4j') {
    return this.probe(key, async () => {
      await this.neo4j.read('RETURN 1 AS ok');
    });
  }
}

/** Redis answers PING. */
@Injectable()
export class RedisHealthIndicator extends TimedIndicator {
  constructor(
    indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly redis: RedisClient,
  ) {
    super(indicators, config);
  }

  isHealthy(key = 'redis') {
    return this.probe(key, async () => {
      const answer = await this.redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected answer ${answer}`);
    });
  }
}
