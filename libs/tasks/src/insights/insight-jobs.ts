/** Why an insight changed; the graph sync reads the document anyway, this is for logs and metrics. */
export type InsightChangeReason =
  'created' | 'updated' | 'trashed' | 'restored' | 'purged' | 'bulk-updated' | 'reconciled';

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

export type RelationshipChangeReason = 'created' | 'updated' | 'deleted' | 'reconciled';

/** A committed change of one typed relationship. */
export interface RelationshipChange {
  relationshipId: string;
  userId: string;
  /** The version the write produced (for `deleted`: the last version it had). */
  version: number;
  /** Where the edge starts in the graph (its stored direction), to find it again when deleted. */
  sourceId: string;
  reason: RelationshipChangeReason;
}

export type CategoryChangeReason = 'created' | 'updated' | 'deleted' | 'reconciled';

/** A committed change of one category (name and colour are shown and searched in the graph). */
export interface CategoryChange {
  categoryId: string;
  userId: string;
  /** When the change was written; categories carry no version, so this tells changes apart. */
  changedAt: Date;
  reason: CategoryChangeReason;
}

/** Project this insight's current state into Neo4j (or remove it when it is gone). */
export interface InsightSyncJobData {
  kind: 'insight';
  insightId: string;
  userId: string;
  version: number;
  reason: InsightChangeReason;
}

/** Project this relationship's current state as an edge (or remove the edge when it is gone). */
export interface RelationshipSyncJobData {
  kind: 'relationship';
  relationshipId: string;
  userId: string;
  version: number;
  sourceId: string;
  reason: RelationshipChangeReason;
}

/** Project this category's name and colour (or remove its node when it is gone). */
export interface CategorySyncJobData {
  kind: 'category';
  categoryId: string;
  userId: string;
  reason: CategoryChangeReason;
}

/** Payload of a `graph-sync` job. Every kind reads the document from MongoDB; the payload only says which. */
export type GraphSyncJobData = InsightSyncJobData | RelationshipSyncJobData | CategorySyncJobData;

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

/** Deterministic id of the graph sync of one version of one relationship. */
export function relationshipJobId(relationshipId: string, version: number): string {
  return `rel-${relationshipId}-v${version}`;
}

/** A deletion is the relationship's last job. */
export function relationshipDeleteJobId(relationshipId: string): string {
  return `rel-${relationshipId}-deleted`;
}

/** Deterministic id of the graph sync of one change of one category. */
export function categoryJobId(categoryId: string, changedAt: Date): string {
  return `cat-${categoryId}-t${changedAt.getTime()}`;
}

export function categoryDeleteJobId(categoryId: string): string {
  return `cat-${categoryId}-deleted`;
}

/** Why discovery runs for an insight. */
export type DiscoverRelatedReason = 'analysed' | 'nightly';

/** Payload of a `discover` job of the `discover-related` queue. */
export interface DiscoverRelatedJobData {
  insightId: string;
  userId: string;
  /** The version whose analysis the discovery uses. */
  version: number;
  reason: DiscoverRelatedReason;
}

/** Payload of the scheduled `rediscover-changed` job: re-discover what changed in the last period. */
export interface RediscoverChangedJobData {
  period: string;
  /** ISO time: insights changed at or after it. */
  since: string;
}

/** A reprocess request of the same version runs again: the id carries when it was asked for. */
export function reprocessJobId(insightId: string, version: number, requestedAt: number): string {
  return `${insightJobId(insightId, version)}-r${requestedAt}`;
}
