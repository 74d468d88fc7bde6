import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection } from 'mongoose';
import { testConfig } from '@insight/platform/testing';
import { MonitorWatchdog } from './monitor-watchdog';

jest.setTimeout(30_000);

/** The driver's per-server monitors, reached through its internals (no public handle exists). */
function monitorsOf(connection: Connection): Array<{ monitorId?: { stop(): void } }> {
  const topology = (
    connection.getClient() as unknown as { topology: { s: { servers: Map<string, unknown> } } }
  ).topology;
  return [...topology.s.servers.values()].map(
    (server) => (server as { monitor: { monitorId?: { stop(): void } } }).monitor,
  );
}

describe('MonitorWatchdog (real MongoDB wire protocol)', () => {
  let connection: Connection;
  let watchdog: MonitorWatchdog;

  beforeAll(async () => {
    // The driver's smallest heartbeat period, so that a stopped monitor shows within seconds.
    connection = await mongoose
      .createConnection(testConfig().MONGODB_URI, {
        heartbeatFrequencyMS: 500,
        serverSelectionTimeoutMS: 5000,
      })
      .asPromise();
    watchdog = new MonitorWatchdog(connection, 500);
    watchdog.start();
  });

  afterAll(async () => {
    watchdog.stop();
    await connection.dropDatabase();
    await connection.close();
  });

  it('reconnects a client whose server monitor stopped checking, and the monitor checks again', async () => {
    const notes = connection.collection('watchdog_notes');
    await notes.insertOne({ title: 'before' });
    await sleep(1000); // the watchdog has found the client and is listening to its heartbeats
    expect(watchdog.reconnects).toBe(0);

    // What was seen after a FerretDB restart: the monitor's interval never fires again.
    for (const monitor of monitorsOf(connection)) monitor.monitorId?.stop();
    let heartbeats = 0;
    connection.getClient().on('serverHeartbeatSucceeded', () => heartbeats++);
    await sleep(1000);
    expect(heartbeats).toBe(0);

    const deadline = Date.now() + 10_000;
    while (heartbeats === 0 && Date.now() < deadline) await sleep(100);
    expect({ reconnects: watchdog.reconnects, heartbeats: heartbeats > 0 }).toEqual({
      reconnects: 1,
      heartbeats: true,
    });
    // Collections opened before the reconnect keep working.
    await notes.insertOne({ title: 'after' });
    expect(await notes.countDocuments()).toBe(2);
  });

  it('leaves a healthy client alone', async () => {
    const before = watchdog.reconnects;
    await sleep(2500);
    expect(watchdog.reconnects).toBe(before);
  });
});
