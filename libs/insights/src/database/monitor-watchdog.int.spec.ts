import { createServer, type Server, type Socket, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection } from 'mongoose';
import { testConfig } from '@insight/platform/testing';
import { driverServers, MonitorWatchdog } from './monitor-watchdog';

jest.setTimeout(30_000);

/**
 * What was seen after a FerretDB restart: the monitor's interval never fires again. Waits for a
 * check already under way to end, so that no heartbeat counted afterwards comes from it.
 */
async function stopMonitors(connection: Connection): Promise<void> {
  const servers = driverServers(connection.getClient());
  for (const { monitor } of servers) monitor?.monitorId?.stop();
  await until(() => servers.every(({ monitor }) => monitor?.s?.state !== 'monitoring'), 5000);
}

/** Counts successful heartbeats of the connection's client from now on. */
function heartbeatsOf(connection: Connection): { count: number } {
  const seen = { count: 0 };
  connection.getClient().on('serverHeartbeatSucceeded', () => seen.count++);
  return seen;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(100);
}

/** A loopback TCP relay to MongoDB that the test can take away and bring back on the same port. */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 27017), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('MonitorWatchdog (real MongoDB wire protocol)', () => {
  const uri = new URL(testConfig().MONGODB_URI);
  // The driver's smallest heartbeat period, so that a stopped monitor shows within seconds.
  const options = { heartbeatFrequencyMS: 500, serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 };
  const opened: Array<{ connection: Connection; watchdog: MonitorWatchdog }> = [];

  async function watched(target: URL): Promise<{ connection: Connection; watchdog: MonitorWatchdog }> {
    const connection = await mongoose.createConnection(target.toString(), options).asPromise();
    const watchdog = new MonitorWatchdog(connection, 500);
    watchdog.start();
    opened.push({ connection, watchdog });
    await sleep(1000); // the watchdog has found the client and listens to its heartbeats
    return { connection, watchdog };
  }

  afterAll(async () => {
    for (const { connection, watchdog } of opened) {
      watchdog.stop();
      await connection.close(true);
    }
    const cleanup = await mongoose.createConnection(uri.toString()).asPromise();
    await cleanup.dropDatabase();
    await cleanup.close();
  });

  it('reconnects a client whose server monitor stopped checking, and the monitor checks again', async () => {
    const { connection, watchdog } = await watched(uri);
    const notes = connection.collection('watchdog_notes');
    await notes.insertOne({ title: 'before' });
    expect(watchdog.reconnects).toBe(0);

    await stopMonitors(connection);
    const heartbeats = heartbeatsOf(connection);
    await sleep(1000);
    expect(heartbeats.count).toBe(0);

    // The new monitor's first heartbeat comes before connect() returns: wait for both.
    await until(() => heartbeats.count > 0 && watchdog.reconnects > 0, 10_000);
    expect({ reconnects: watchdog.reconnects, heartbeats: heartbeats.count > 0 }).toEqual({
      reconnects: 1,
      heartbeats: true,
    });
    // Collections opened before the reconnect keep working.
    await notes.insertOne({ title: 'after' });
    expect(await notes.countDocuments({ title: { $in: ['before', 'after'] } })).toBe(2);
  });

  it('keeps trying while the server is away too, and reconnects once it is back', async () => {
    const relay = new Relay(uri);
    await relay.open();
    const throughRelay = new URL(uri);
    throughRelay.port = String(relay.port);
    const { connection, watchdog } = await watched(throughRelay);
    await stopMonitors(connection);
    const heartbeats = heartbeatsOf(connection);
    await relay.close();
    // Silence (1.5 s), then a reconnect that fails (1 s of server selection), and more tries.
    await sleep(5000);
    expect({ reconnects: watchdog.reconnects, heartbeats: heartbeats.count }).toEqual({
      reconnects: 0,
      heartbeats: 0,
    });

    await relay.open();
    // The new monitor's first heartbeat comes before connect() returns: wait for both.
    await until(() => heartbeats.count > 0 && watchdog.reconnects > 0, 10_000);
    expect({ reconnects: watchdog.reconnects, heartbeats: heartbeats.count > 0 }).toEqual({
      reconnects: 1,
      heartbeats: true,
    });
    await connection.collection('watchdog_notes').insertOne({ title: 'via the relay' });
    await relay.close();
  });

  it('leaves a healthy client alone', async () => {
    const { watchdog } = await watched(uri);
    await sleep(2500);
    expect(watchdog.reconnects).toBe(0);
  });
});
