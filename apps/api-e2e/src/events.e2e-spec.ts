import type { Connection } from 'mongoose';
import { Redis } from 'ioredis';
import type { EventStreamTicket, JobAccepted, UserEvent } from '@insight/contracts';
import { E2E_EVENTS_HEARTBEAT_SECONDS, E2E_QUEUE_PREFIX } from './support/apps';
import { openDatabase } from './support/database';
import { type EventStream, openEventStream } from './support/events';
import { callAs, jsonOf, problemOf } from './support/insights-client';
import { createAdmin, createUser, type TestUser } from './support/users';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live events (GET /events)', () => {
  let db: Connection;
  let redis: Redis;
  const streams: EventStream[] = [];
  const open = async (auth: TestUser | { ticket: string }) => {
    const stream = await openEventStream(auth);
    streams.push(stream);
    return stream;
  };
  const ticketFor = async (user: TestUser) =>
    jsonOf<EventStreamTicket>(await callAs(user, '/events/ticket', { method: 'POST' }), 201);
  /** Open subscriptions of the user's channel across the API's shared subscriber connection. */
  const channelSubscribers = async (userId: string) => {
    const [, count] = (await redis.pubsub('NUMSUB', `${process.env[E2E_QUEUE_PREFIX]}:events:${userId}`)) as [
      string,
      number,
    ];
    return Number(count);
  };

  beforeAll(async () => {
    db = await openDatabase();
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    streams.forEach((stream) => stream.close());
    redis.disconnect();
    await db.close();
  });

  it('needs a signed-in caller', async () => {
    const response = await callAs(null, '/events');
    expect(response.status).toBe(401);
    await problemOf(response);
  });

  it('streams text/event-stream with heartbeats, starting with stream.ready', async () => {
    const stream = await open(await createUser());
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toContain('no-cache');
    expect(stream.response.headers.get('x-request-id')).toBeTruthy();
    await sleep(E2E_EVENTS_HEARTBEAT_SECONDS * 1000 * 2.5);
    expect(stream.text().match(/^: heartbeat$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(stream.events.map((event) => event.type)).toEqual(['stream.ready']);
  });

  it("delivers the progress of the caller's own jobs, and nobody else's", async () => {
    const [starter, otherAdmin] = [await createAdmin(db), await createAdmin(db)];
    const bystander = await createUser();
    const [mine, theirs, users] = [await open(starter), await open(otherAdmin), await open(bystander)];

    const accepted = await jsonOf<JobAccepted>(
      await callAs(starter, '/admin/ping', { method: 'POST', body: { message: 'events' } }),
      202,
    );
    const isThisJob = (type: UserEvent['type']) => (event: UserEvent) =>
      event.type === type && 'jobId' in event && event.jobId === accepted.jobId;
    expect(await mine.next(isThisJob('job.progress'))).toMatchObject({
      type: 'job.progress',
      queue: 'ping',
      name: 'ping',
      progress: 50,
      at: expect.any(String),
    });
    expect(await mine.next(isThisJob('job.completed'))).toMatchObject({ queue: 'ping' });

    // The other admin may read the job, but its events go to whoever started it.
    expect((await callAs(otherAdmin, `/jobs/${accepted.jobId}`)).status).toBe(200);
    await sleep(500);
    expect(theirs.events.map((event) => event.type)).toEqual(['stream.ready']);
    expect(users.events.map((event) => event.type)).toEqual(['stream.ready']);
  });

  it('lets go of the Redis subscription when the client goes away', async () => {
    const user = await createUser();
    const first = await open(user);
    const second = await open(user);
    expect(await channelSubscribers(user.user.id)).toBe(1);
    first.close();
    await sleep(300);
    expect(await channelSubscribers(user.user.id)).toBe(1);
    second.close();
    for (let i = 0; i < 50 && (await channelSubscribers(user.user.id)) > 0; i++) await sleep(100);
    expect(await channelSubscribers(user.user.id)).toBe(0);
  });

  describe('tickets (EventSource cannot send Authorization)', () => {
    it('opens the stream once with a ticket that lives about a minute', async () => {
      const user = await createUser();
      const before = Date.now();
      const ticket = await ticketFor(user);
      expect(ticket.streamUrl).toBe(`/api/v1/events?ticket=${ticket.ticket}`);
      const lifetime = Date.parse(ticket.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(50_000);
      expect(lifetime).toBeLessThanOrEqual(61_000);

      const stream = await open({ ticket: ticket.ticket });
      expect(stream.events[0].type).toBe('stream.ready');
      // The stream is the ticket owner's: their job events arrive on it.
      const admin = await createAdmin(db);
      const adminStream = await open({ ticket: (await ticketFor(admin)).ticket });
      const accepted = await jsonOf<JobAccepted>(
        await callAs(admin, '/admin/ping', { method: 'POST', body: {} }),
        202,
      );
      await adminStream.next((event) => event.type === 'job.completed' && event.jobId === accepted.jobId);

      await expect(openEventStream({ ticket: ticket.ticket })).rejects.toMatchObject({ status: 401 });
    });

    it('refuses unknown tickets and long-lived tokens in the URL', async () => {
      const user = await createUser();
      for (const ticket of ['not-a-ticket-at-all-but-long-enough', user.accessToken]) {
        const response = await callAs(null, `/events?ticket=${encodeURIComponent(ticket)}`);
        expect(response.status).toBe(401);
        await problemOf(response);
      }
    });

    it('is accepted only by the event stream', async () => {
      const user = await createUser();
      const { ticket } = await ticketFor(user);
      const response = await callAs(null, `/users/me?ticket=${encodeURIComponent(ticket)}`);
      expect(response.status).toBe(401);
    });

    it('needs a signed-in caller to be issued', async () => {
      expect((await callAs(null, '/events/ticket', { method: 'POST' })).status).toBe(401);
    });
  });
});
