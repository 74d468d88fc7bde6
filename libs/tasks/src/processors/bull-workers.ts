import { WorkerHost } from '@nestjs/bullmq';
import type { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';

/** Every BullMQ worker of this process (they exist once the BullMQ explorer ran, at module init). */
export function bullWorkers(discovery: DiscoveryService): Worker[] {
  return discovery.getProviders().flatMap((wrapper) => {
    const host: unknown = wrapper.instance;
    return host instanceof WorkerHost ? [host.worker] : [];
  });
}
