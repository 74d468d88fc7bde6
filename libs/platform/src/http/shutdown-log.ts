import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/** Logs the end of a graceful shutdown, after every other module has closed. */
@Injectable()
export class ShutdownLog implements OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`shutdown complete (${signal ?? 'no signal'})`);
  }
}
