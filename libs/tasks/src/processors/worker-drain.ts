import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { bullWorkers } from './bull-workers';

/**
 * On SIGTERM, stops taking jobs and waits for the active ones to finish BEFORE any module closes
 * its connections: BullMQ's own close runs at application shutdown, alongside MongoDB, Neo4j and
 * Redis closing, which would cut a finishing job off from the databases it writes its outcome to.
 * SHUTDOWN_TIMEOUT_MS bounds the wait (bootstrapHttpApp).
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerDrain.name);

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = bullWorkers(this.discovery);
    this.logger.log(`draining ${workers.length} queue workers`);
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
