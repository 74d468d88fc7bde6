/** Every BullMQ queue of the product. Job ids never contain ':' (BullMQ refuses them). */
export const QUEUES = {
  ping: 'ping',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
