import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG } from '../config/app-config.module';
import type { AppConfig } from '../config/app-config.schema';
import { RedisClient } from '../redis/redis.module';
import { withTimeout } from './with-timeout';

/** How far the graph projection was behind MongoDB when last measured. */
export interface GraphLagSnapshot {
  /** Insights whose graphVersion is behind their version. */
  pending: number;
  /** When the oldest of them was written (ISO); null when none is pending. */
  oldestPendingSince: string | null;
  /** When this was measured (ISO). */
  measuredAt: string;
}

/** A snapshot outlives this many reconciliation periods before it counts as unknown. */
const FRESH_PERIODS = 5;

/**
 * The last graph-lag measurement, shared by every replica through Redis. Counting the insights
 * behind the graph is a scan on FerretDB, so it is measured only by the scheduled reconciliation
 * (once per period across replicas) and read from here by readiness and metrics.
 */
@Injectable()
export class GraphLagStore {
  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Per installation (queue prefix), so databases sharing one Redis never mix. */
  private get key(): string {
    return `${this.config.QUEUE_PREFIX}:graph-sync:lag`;
  }

  async save(snapshot: GraphLagSnapshot): Promise<void> {
    const ttl = Math.max(60, this.config.GRAPH_RECONCILE_INTERVAL_SECONDS * FRESH_PERIODS);
    await withTimeout(this.redis.set(this.key, JSON.stringify(snapshot), 'EX', ttl), 2000, 'redis');
  }

  /** The last snapshot; null when none is fresh (reconciliation off or not run yet). */
  async load(): Promise<GraphLagSnapshot | null> {
    const raw = await withTimeout(this.redis.get(this.key), this.config.HEALTH_TIMEOUT_MS, 'redis');
    return raw ? (JSON.parse(raw) as GraphLagSnapshot) : null;
  }
}

/** Seconds the oldest pending insight has waited, at `now`; 0 when none is pending. */
export function graphLagSeconds(snapshot: GraphLagSnapshot, now = Date.now()): number {
  if (!snapshot.oldestPendingSince) return 0;
  return Math.max(0, Math.round((now - Date.parse(snapshot.oldestPendingSince)) / 1000));
}

/**
 * Readiness detail `graphSync`: the backlog and the oldest pending insight's age. Lag alone never
 * makes a replica unready (it would take every replica out at once) unless
 * GRAPH_LAG_READINESS_MAX_SECONDS sets a limit; an unknown lag (Redis away, no measurement yet)
 * never does.
 */
@Injectable()
export class GraphLagHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: GraphLagStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async isHealthy(key = 'graphSync') {
    const indicator = this.indicators.check(key);
    let snapshot: GraphLagSnapshot | null;
    try {
      snapshot = await this.store.load();
    } catch (error) {
      return indicator.up({ lag: 'unknown', message: (error as Error).message });
    }
    if (!snapshot) return indicator.up({ lag: 'unknown', message: 'not measured yet' });
    const lagSeconds = graphLagSeconds(snapshot);
    const limit = this.config.GRAPH_LAG_READINESS_MAX_SECONDS;
    const details = {
      pending: snapshot.pending,
      oldestPendingSince: snapshot.oldestPendingSince,
      lagSeconds,
      measuredAt: snapshot.measuredAt,
      ...(limit > 0 ? { maxLagSeconds: limit } : {}),
    };
    if (limit > 0 && lagSeconds > limit) {
      return indicator.down({
        ...details,
        message: `graph sync is ${lagSeconds} s behind (limit ${limit} s)`,
      });
    }
    return indicator.up(details);
  }
}
