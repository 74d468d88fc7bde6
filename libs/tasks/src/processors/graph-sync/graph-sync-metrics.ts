import { Injectable, Logger } from '@nestjs/common';
import { makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { type GraphLagSnapshot, GraphLagStore, graphLagSeconds } from '@insight/platform';

/** Both gauges are read in one scrape; one Redis read serves them. */
const CACHE_MS = 5000;

/**
 * The graph sync's backlog as reconciliation last measured it (see GraphReconcilerService.measureLag):
 * a scrape reads one Redis key instead of scanning the insights. When no fresh measurement
 * exists (Redis away, reconciliation off) the gauges keep their last values.
 */
@Injectable()
export class GraphSyncBacklogReader {
  private readonly logger = new Logger('GraphSyncMetrics');
  private last: { at: number; snapshot: Promise<GraphLagSnapshot | null> } | null = null;

  constructor(private readonly store: GraphLagStore) {}

  read(): Promise<GraphLagSnapshot | null> {
    if (!this.last || Date.now() - this.last.at > CACHE_MS) {
      const snapshot = this.store.load().catch((error: Error) => {
        this.logger.debug(`graph sync backlog not read: ${error.message}`);
        return null;
      });
      this.last = { at: Date.now(), snapshot };
    }
    return this.last.snapshot;
  }
}

// Every replica reports the same shared measurement (dashboards use max).
export const graphSyncPending = makeGaugeProvider({
  name: 'insight_graph_sync_pending',
  help: 'Number of insights whose graph projection is behind (graphVersion < version), as last measured.',
  inject: [GraphSyncBacklogReader],
  async collect(this: Gauge<string>, reader: GraphSyncBacklogReader) {
    const snapshot = await reader.read();
    if (snapshot) this.set(snapshot.pending);
  },
});

export const graphSyncLag = makeGaugeProvider({
  name: 'insight_graph_sync_lag_seconds',
  help: 'Age in seconds of the oldest insight whose graphVersion is behind its version (0 when none).',
  inject: [GraphSyncBacklogReader],
  async collect(this: Gauge<string>, reader: GraphSyncBacklogReader) {
    const snapshot = await reader.read();
    if (snapshot) this.set(graphLagSeconds(snapshot));
  },
});
