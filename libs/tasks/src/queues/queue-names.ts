/** Every BullMQ queue of the product. Job ids never contain ':' (BullMQ refuses them). */
export const QUEUES = {
  ping: 'ping',
  /** Projects an insight's current version into Neo4j (idempotent, version-guarded). */
  graphSync: 'graph-sync',
  /** Reconciliation, the MongoDB/Neo4j comparison sweep and full rebuilds of the projection. */
  graphMaintenance: 'graph-maintenance',
  /** Extracts keywords, language and sentiment from an insight's title and content. */
  analyzeInsight: 'analyze-insight',
  /** One job per event of a user: finds the webhooks that want it and creates their deliveries. */
  webhookEvents: 'webhook-events',
  /** One job per webhook delivery: signs and sends it, retried with exponential backoff. */
  webhookDeliveries: 'webhook-deliveries',
  /** Exports and imports of one user's data (and the hourly cleanup of expired export files). */
  dataTransfers: 'data-transfers',
  /** Finds insights related to an analysed one and stores them as suggestions; nightly re-discovery. */
  discoverRelated: 'discover-related',
  /** Periodic per-user work: trash purge, review-queue refresh, weekly digests, dashboard statistics. */
  scheduledWork: 'scheduled-work',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
