import { ALL_QUEUES, type QueueName } from '../queues/queue-names';

/** The id clients see: `<queue>.<jobId>`, so one lookup finds the right queue. */
export function publicJobId(queue: QueueName, jobId: string): string {
  return `${queue}.${jobId}`;
}

export function parsePublicJobId(id: string): { queue: QueueName; jobId: string } | null {
  const dot = id.indexOf('.');
  if (dot <= 0) return null;
  const queue = id.slice(0, dot) as QueueName;
  const jobId = id.slice(dot + 1);
  if (!ALL_QUEUES.includes(queue) || !/^[\w-]{1,200}$/.test(jobId)) return null;
  return { queue, jobId };
}
