/** What the `scheduled-work` queue runs; the job name says which. */
export type ScheduledWorkName = 'trash-purge' | 'review-refresh' | 'digests' | 'stats' | 'backup';

export interface TrashPurgeResult {
  purged: number;
  cutoff: string;
}

export interface ReviewRefreshResult {
  users: number;
  enrolled: number;
  removed: number;
}

export interface StatsRefreshResult {
  users: number;
}

export interface DigestRunResult {
  periodStart: string;
  periodEnd: string;
  created: number;
}

export interface BackupRunResult {
  path: string;
  collections: number;
  documents: number;
  /** Files the 7/4/12 retention deleted. */
  deleted: string[];
}
