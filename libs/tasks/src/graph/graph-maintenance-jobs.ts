import type { JobOwnership } from '../jobs/job-ownership';

/** What the `graph-maintenance` queue runs; the job name says which. */
export type GraphMaintenanceJobName = 'reconcile' | 'sweep' | 'rebuild' | 'clusters';

/** Payload of scheduled jobs: the period they were scheduled for (also part of their id). */
export interface ScheduledMaintenanceJobData {
  period: string;
}

/** Payload of a rebuild: who asked for it (they get its progress events; every admin sees it). */
export interface GraphRebuildJobData extends JobOwnership {
  requestedBy: string;
  requestedAt: string;
}

/** What reconciliation did with the documents it found behind the graph. */
export interface RequeueTally {
  /** Behind for longer than the threshold. */
  pending: number;
  /** New jobs added (none existed, or the last one completed without catching up). */
  enqueued: number;
  /** Failed jobs moved back to waiting. */
  retried: number;
  /** Already waiting, delayed or running. */
  queued: number;
}

export interface ReconcileResult {
  insights: RequeueTally;
  relationships: RequeueTally;
}

/** What the sweep found and fixed, per kind of document. */
export interface SweepTally {
  /** Users whose documents differed between MongoDB and Neo4j. */
  usersCompared: number;
  /** Projected although gone from MongoDB: removed. */
  removed: number;
  /** In MongoDB but not projected: projected now. */
  projected: number;
}

export interface SweepResult {
  skipped?: string;
  categories?: SweepTally;
  insights?: SweepTally;
  relationships?: SweepTally;
}

/** `GET /api/v1/jobs/:id` result of a finished rebuild. */
export interface GraphRebuildResult {
  usersWiped: number;
  nodesDeleted: number;
  categories: number;
  insights: number;
  relationships: number;
  /** Relationships whose insights were missing (dangling, or purged during the rebuild). */
  relationshipsSkipped: number;
  seconds: number;
  insightsPerSecond: number;
  /** Relationships projected per second during their phase. */
  relationshipsPerSecond?: number;
  /** Where the time went, per phase (seconds): waiting on MongoDB reads vs Neo4j writes. */
  profile?: Record<string, RebuildPhaseProfile>;
  sweep: SweepResult;
}

/** One phase of a rebuild: its wall time and how much of it was spent waiting on each side. */
export interface RebuildPhaseProfile {
  seconds: number;
  /** Waiting for the next batch from MongoDB (reads overlap the previous batch's write). */
  readSeconds: number;
  /** Projecting batches into Neo4j (and recording graphVersion where it was behind). */
  writeSeconds: number;
  batches: number;
}

/** What one scheduled cluster computation did. */
export interface ClustersResult {
  skipped?: string;
  /** Users whose clusters were computed. */
  users?: number;
  /** Users left alone because their graph is larger than GRAPH_CLUSTERS_MAX_INSIGHTS. */
  tooLarge?: number;
  clusters?: number;
  /** Insights whose clusterId changed. */
  changed?: number;
  seconds?: number;
}
