import { Injectable, Logger } from '@nestjs/common';
import { makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { type GraphSyncBacklog, GraphSyncStateRepository } from '@insight/insights';
import { withTimeout } from '@insight/platform';

/** A scrape must not hang while MongoDB is away; the last values are kept then. */
const MONGO_TIMEOUT_MS = 2000;
/** Both gauges are read in one scrape; one MongoDB read serves them. */
const CACHE_MS = 5000;

/** The graph sync's backlog, read at most once per scrape. */
@Injectable()
export class GraphSyncBacklogReader {
  private readonly logger = new Logger('GraphSyncMetrics');
  private last: { at: number; backlog: Promise<GraphSyncBacklog | null> } | null = null;

  constructor(private readonly state: GraphSyncStateRepository) {}

  read(): Promise<GraphSyncBacklog | null> {
    if (!this.last || Date.now() - this.last.at > CACHE_MS) {
      const backlog = withTimeout(this.state.insightBacklog(), MONGO_TIMEOUT_MS, 'mongo').catch(
        (error: Error) => {
          this.logger.debug(`graph sync backlog not refreshed: ${error.message}`);
          return null;
        },
      );
      this.last = { at: Date.now(), backlog };
    }
    return this.last.backlog;
  }
}

// MongoDB is shared by every replica, so every replica reports the same values (dashboards use max).
export const graphSyncPending = makeGaugeProvider({
  name: 'insight_graph_sync_pending',
  help: 'Number of insights whose graph projection is behind (graphVersion < version).',
  inject: [GraphSyncBacklogReader],
  async collect(this: Gauge<string>, reader: GraphSyncBacklogReader) {
    const backlog = await reader.read();
    if (backlog) this.set(backlog.pending);
  },
});

export const graphSyncLag = makeGaugeProvider({
  name: 'insight_graph_sync_lag_seconds',
  help: 'Age in seconds of the oldest insight whose graphVersion is behind its version (0 when none).',
  inject: [GraphSyncBacklogReader],
  async collect(this: Gauge<string>, reader: GraphSyncBacklogReader) {
    const backlog = await reader.read();
    if (!backlog) return;
    const since = backlog.oldestPendingSince;
    this.set(since ? Math.max(0, (Date.now() - since.getTime()) / 1000) : 0);
  },
});
