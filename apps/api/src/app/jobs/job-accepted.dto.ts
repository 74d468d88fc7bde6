import type { JobAccepted } from '@insight/contracts';

/** The answer to a request that started background work: follow `statusUrl`. */
export class JobAcceptedDto implements JobAccepted {
  /** `<queue>.<job id>`, for `GET /api/v1/jobs/:id`. */
  jobId!: string;
  queue!: string;
  statusUrl!: string;
}
