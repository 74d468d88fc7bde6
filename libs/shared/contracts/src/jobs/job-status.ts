/** States a background job moves through (BullMQ's states, flattened). */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'prioritized' | 'unknown';

/** `GET /api/v1/jobs/:id`: where a background job is and what it produced. */
export interface JobStatus<TResult = unknown> {
  id: string;
  queue: string;
  name: string;
  state: JobState;
  progress: number;
  attempts: number;
  result?: TResult;
  error?: string;
  createdAt: string;
  finishedAt?: string;
}

/** The answer to a request that started background work. */
export interface JobAccepted {
  jobId: string;
  queue: string;
  statusUrl: string;
}
