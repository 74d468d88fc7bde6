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
  const open = async (auth: TestUser | { ticket: string }, lastEventId?: string) => {
    const stream = await openEventStream(auth, lastEventId);
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

  describe('replay after Last-Event-ID', () => {
    /** Starts a ping job as `admin` and waits until it completed (its events are published by then). */
    const ping = async (admin: TestUser): Promise<string> => {
      const { jobId } = await jsonOf<JobAccepted>(
        await callAs(admin, '/admin/ping', { method: 'POST', body: {} }),
        202,
      );
      for (let i = 0; i < 100; i++) {
        const job = await jsonOf<{ state: string }>(await callAs(admin, `/jobs/${jobId}`), 200);
        if (job.state === 'completed') return jobId;
        await sleep(100);
      }
      throw new Error(`job ${jobId} did not complete`);
    };
    const ids = (stream: EventStream) => stream.events.flatMap((event) => (event.id ? [event.id] : []));
    /** Stream ids `<ms>-<seq>` strictly increasing. */
    const ascending = (list: string[]) => {
      const key = (id: string) => id.split('-').map(BigInt) as [bigint, bigint];
      return list.every((id, i) => {
        if (i === 0) return true;
        const [[ms, seq], [prevMs, prevSeq]] = [key(id), key(list[i - 1])];
        return ms > prevMs || (ms === prevMs && seq > prevSeq);
      });
    };

    it('gives every event an increasing id, as the SSE id: field too', async () => {
      const admin = await createAdmin(db);
      const stream = await open(admin);
      const jobId = await ping(admin);
      await stream.next((event) => event.type === 'job.completed' && event.jobId === jobId);
      const seen = ids(stream);
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(ascending(seen)).toBe(true);
      expect([...stream.text().matchAll(/^id: (.+)$/gm)].map((match) => match[1])).toEqual(seen);
      expect(stream.events[0]).toEqual({ type: 'stream.ready', at: expect.any(String) });
    });

    it('sends what a reconnecting client missed, in order, then stream.ready, then live events, none twice', async () => {
      const admin = await createAdmin(db);
      const first = await open(admin);
      const before = await ping(admin);
      const last = await first.next((event) => event.type === 'job.completed' && event.jobId === before);
      first.close();
      const missedJobs = [await ping(admin), await ping(admin)];

      const again = await open(admin, last.id);
      const readyAt = again.events.findIndex((event) => event.type === 'stream.ready');
      const replayed = again.events.slice(0, readyAt);
      expect(
        replayed
          .filter((event) => event.type === 'job.completed')
          .map((event) => 'jobId' in event && event.jobId),
      ).toEqual(missedJobs);
      expect(replayed.every((event) => 'jobId' in event && missedJobs.includes(event.jobId))).toBe(true);
      expect(again.events[readyAt]).toMatchObject({ replayed: replayed.length, complete: true });
      expect(ascending([last.id ?? '', ...ids(again)])).toBe(true);

      const live = await ping(admin);
      await again.next((event) => event.type === 'job.completed' && event.jobId === live);
      expect(ascending([last.id ?? '', ...ids(again)])).toBe(true);
      expect(new Set(ids(again)).size).toBe(ids(again).length);
    });

    it('takes the id as ?lastEventId= with a ticket, and says when the replay is not complete', async () => {
      const admin = await createAdmin(db);
      const first = await open(admin);
      const before = await ping(admin);
      const last = await first.next((event) => event.type === 'job.completed' && event.jobId === before);
      first.close();
      const missed = await ping(admin);
      const again = await open({ ticket: (await ticketFor(admin)).ticket }, last.id);
      expect(again.events.find((event) => event.type === 'job.completed')).toMatchObject({ jobId: missed });
      expect(again.events.find((event) => event.type === 'stream.ready')).toMatchObject({ complete: true });

      // An id the log does not hold (another user's, or long gone): whatever is kept, and complete false.
      const stranger = await open(await createUser(), last.id);
      expect(stranger.events).toEqual([
        { type: 'stream.ready', at: expect.any(String), replayed: 0, complete: false },
      ]);
    });

    it('refuses a malformed Last-Event-ID with a problem naming it', async () => {
      const user = await createUser();
      const response = await callAs(user, '/events', { headers: { 'last-event-id': 'yesterday' } });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toHaveProperty('Last-Event-ID');
      const query = await callAs(user, '/events?lastEventId=1-x');
      expect(query.status).toBe(400);
      expect((await problemOf(query)).errors).toHaveProperty('lastEventId');
    });
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
