import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DataTransfer, UserEvent } from '@insight/contracts';
import { applyJobEvent } from '../settings/data-transfers';
import { authInterceptor } from './auth/auth.interceptor';
import { AuthStore } from './auth/auth.store';
import { LiveEvents, RECONNECT_MIN_MS } from './live-events';

/** The browser's EventSource, standing in for the stream (jsdom has none). */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, (message: MessageEvent<string>) => void>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(event: { type: string; [field: string]: unknown }): void {
    this.listeners.get(event.type)?.({ data: JSON.stringify(event) } as MessageEvent<string>);
  }
}

describe('LiveEvents', () => {
  let backend: HttpTestingController;
  const tick = () => new Promise((resolve) => setTimeout(resolve));

  beforeEach(() => {
    FakeEventSource.opened = [];
    (window as unknown as { EventSource: unknown }).EventSource = FakeEventSource;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    delete (window as unknown as { EventSource?: unknown }).EventSource;
    jest.useRealTimers();
  });

  async function signIn(): Promise<void> {
    const auth = TestBed.inject(AuthStore);
    const login = auth.login({ email: 'a@example.test', password: 'secret-secret' });
    backend.expectOne('/api/v1/auth/login').flush({
      accessToken: 't',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        id: 'u',
        email: 'a@example.test',
        displayName: 'A',
        role: 'user',
        createdAt: '',
        updatedAt: '',
      },
    });
    await login;
  }

  function answerTicket(ticket: string): void {
    backend
      .expectOne({ method: 'POST', url: '/api/v1/events/ticket' })
      .flush({ ticket, expiresAt: '', streamUrl: `/api/v1/events?ticket=${ticket}` });
  }

  it('opens the stream with a ticket once signed in, and passes its events on', async () => {
    const live = TestBed.inject(LiveEvents);
    const seen: UserEvent[] = [];
    live.events$.subscribe((event) => seen.push(event));
    await signIn();
    TestBed.tick();
    await tick();
    answerTicket('one');
    await tick();

    const source = FakeEventSource.opened[0];
    expect(source.url).toBe('/api/v1/events?ticket=one');
    source.emit({ type: 'stream.ready', at: '' });
    source.emit({ type: 'insight.processed', insightId: 'i1', version: 2, at: '' });

    expect(live.connected()).toBe(true);
    expect(seen.map((event) => event.type)).toEqual(['stream.ready', 'insight.processed']);
  });

  it('reconnects after a dropped stream with a fresh ticket, not the spent one, from the last event id', async () => {
    TestBed.inject(LiveEvents);
    await signIn();
    TestBed.tick();
    await tick();
    answerTicket('one');
    await tick();
    FakeEventSource.opened[0].emit({
      type: 'insight.processed',
      insightId: 'i1',
      version: 1,
      at: '',
      id: '17-0',
    });

    jest.useFakeTimers();
    FakeEventSource.opened[0].onerror?.();
    expect(FakeEventSource.opened[0].closed).toBe(true);
    jest.advanceTimersByTime(RECONNECT_MIN_MS);
    jest.useRealTimers();
    await tick();
    answerTicket('two');
    await tick();

    expect(FakeEventSource.opened.map((source) => source.url)).toEqual([
      '/api/v1/events?ticket=one',
      // …and asks for what it missed after the last event it saw.
      '/api/v1/events?ticket=two&lastEventId=17-0',
    ]);
  });
});

describe('applyJobEvent', () => {
  const transfer = { jobId: 'j1', status: 'queued', progress: 0, error: null } as DataTransfer;

  it('moves the progress of its own job only, never backwards', () => {
    expect(
      applyJobEvent(transfer, {
        type: 'job.progress',
        jobId: 'j2',
        queue: 'q',
        name: 'n',
        progress: 50,
        at: '',
      }),
    ).toBeNull();
    const moved = applyJobEvent(transfer, {
      type: 'job.progress',
      jobId: 'j1',
      queue: 'q',
      name: 'n',
      progress: 40,
      at: '',
    });
    expect(moved).toMatchObject({ status: 'running', progress: 40 });
    expect(
      applyJobEvent(moved as DataTransfer, {
        type: 'job.progress',
        jobId: 'j1',
        queue: 'q',
        name: 'n',
        progress: 10,
        at: '',
      }),
    ).toMatchObject({
      progress: 40,
    });
  });

  it('fails only when the job will not be retried', () => {
    const event = {
      type: 'job.failed',
      jobId: 'j1',
      queue: 'q',
      name: 'n',
      error: 'disk full',
      at: '',
    } as const;
    expect(applyJobEvent(transfer, { ...event, willRetry: true })).toMatchObject({ status: 'queued' });
    expect(applyJobEvent(transfer, { ...event, willRetry: false })).toMatchObject({
      status: 'failed',
      error: 'disk full',
    });
  });
});
