import { Logger } from '@nestjs/common';
import type { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';

/** Heartbeat events that show the driver's server monitor is alive. */
const HEARTBEAT_EVENTS = [
  'serverHeartbeatStarted',
  'serverHeartbeatSucceeded',
  'serverHeartbeatFailed',
] as const;

/**
 * The driver's monitor starts a heartbeat at least every `heartbeatFrequencyMS` (polling, as with
 * FerretDB, or streaming), so a client silent for several periods has a monitor that stopped.
 * Seen in a resilience run: after FerretDB restarted under load one process's monitor never
 * checked again, its server stayed Unknown and every operation failed server selection until the
 * process restarted. The watchdog notices the silence and reconnects the client, which starts a
 * new monitor; models and collections keep working, as they reach the server through the client.
 */
export class MonitorWatchdog {
  private readonly logger = new Logger('MongoDB');
  private readonly watched = new WeakSet<MongoClient>();
  private lastHeartbeatAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private reconnecting = false;
  /** How many times the watchdog reconnected the client. */
  reconnects = 0;

  constructor(
    private readonly connection: Connection,
    private readonly heartbeatFrequencyMS: number,
    /** Periods of silence after which the monitor counts as stopped. */
    private readonly silentPeriods = 3,
  ) {}

  /** Watches from the connection's first open until it is closed on purpose; idempotent. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.heartbeatFrequencyMS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): Promise<void> | void {
    if (this.reconnecting) return;
    const client = this.clientOrNull();
    if (!client) return;
    if (!this.watched.has(client)) {
      this.watched.add(client);
      this.lastHeartbeatAt = Date.now();
      for (const event of HEARTBEAT_EVENTS) client.on(event, () => (this.lastHeartbeatAt = Date.now()));
      return;
    }
    const silentMs = Date.now() - this.lastHeartbeatAt;
    if (silentMs < this.heartbeatFrequencyMS * this.silentPeriods) return;
    return this.reconnect(client, silentMs);
  }

  private clientOrNull(): MongoClient | null {
    try {
      return this.connection.getClient();
    } catch {
      return null;
    }
  }

  private async reconnect(client: MongoClient, silentMs: number): Promise<void> {
    this.reconnecting = true;
    this.logger.error(
      { monitors: monitorStates(client) },
      `the driver has not checked the server for ${Math.round(silentMs / 1000)} s (its monitor stopped); reconnecting`,
    );
    try {
      await client.close();
      await client.connect();
      this.reconnects++;
      this.lastHeartbeatAt = Date.now();
      this.logger.log('reconnected after the monitor stopped');
    } catch (error) {
      // The server is away too. A failed connect leaves a closed topology, which never checks
      // again: try once more a heartbeat period from now.
      this.lastHeartbeatAt = Date.now() - this.heartbeatFrequencyMS * (this.silentPeriods - 1);
      this.logger.warn(
        `reconnecting failed (${(error as Error).message}); trying again in ${this.heartbeatFrequencyMS / 1000} s`,
      );
    } finally {
      this.reconnecting = false;
    }
  }
}

/** What of a driver server (internal) the watchdog reads. */
interface DriverServer {
  description?: { type?: string; error?: { message?: string } | null };
  monitor?: {
    s?: { state?: string };
    monitorId?: { toJSON?: () => unknown; stop(): void };
    connection?: unknown;
  };
}

/**
 * The driver's servers with their monitors. There is no public handle, so this reads the
 * driver's internals; the one place that does, for the watchdog's log and its test.
 */
export function driverServers(client: MongoClient): DriverServer[] {
  const servers = (client as unknown as { topology?: { s?: { servers?: Map<string, DriverServer> } } })
    .topology?.s?.servers;
  return [...(servers?.values() ?? [])];
}

/** What the driver's monitors were doing when they went silent, for a report to its maintainers. */
function monitorStates(client: MongoClient): unknown {
  try {
    return driverServers(client).map(({ description, monitor }) => ({
      type: description?.type,
      error: description?.error?.message ?? null,
      monitorState: monitor?.s?.state,
      interval: monitor?.monitorId?.toJSON?.() ?? null,
      monitorConnection: monitor?.connection != null,
    }));
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}
