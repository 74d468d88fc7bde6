/** Why an insight changed; the graph sync reads the document anyway, this is for logs and metrics. */
export type InsightChangeReason = 'created' | 'updated' | 'trashed' | 'restored' | 'purged' | 'bulk-updated';

/** A committed change of one insight, as the API reports it to the background jobs. */
export interface InsightChange {
  insightId: string;
  userId: string;
  /** The version the write produced (for `purged`: the last version it had). */
  version: number;
  reason: InsightChangeReason;
  /** True when title or content changed, so the analysis must run again. */
  analyze: boolean;
}

/** Payload of a `graph-sync` job: project this insight's state into Neo4j (or remove it). */
export interface GraphSyncJobData {
  insightId: string;
  userId: string;
  version: number;
  reason: InsightChangeReason;
}

/** Payload of an `analyze-insight` job: analyse this version's title and content. */
export interface AnalyzeInsightJobData {
  insightId: string;
  userId: string;
  version: number;
}

/**
 * Deterministic job id of the work for one version of one insight, so enqueueing the same
 * change twice (retries, reconciliation) creates one job. BullMQ refuses ':' in custom ids.
 */
export function insightJobId(insightId: string, version: number): string {
  return `${insightId}-v${version}`;
}

/** A purge has no new version; it is the insight's last job. */
export function insightPurgeJobId(insightId: string): string {
  return `${insightId}-purged`;
}
