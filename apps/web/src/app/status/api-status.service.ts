import { HttpClient, HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DependencyHealth, DependencyName, HealthReport } from '@insight/contracts';
import { Subscription, timeout, TimeoutError } from 'rxjs';

export const READINESS_URL = '/readiness';
export const READINESS_TIMEOUT_MS = 10_000;

/** What the page shows for one dependency; 'unknown' means the API did not report it. */
export interface DependencyStatus {
  name: string;
  label: string;
  state: 'up' | 'down' | 'unknown';
  message?: string;
}

type ReadinessState =
  | { kind: 'loading' }
  | { kind: 'loaded'; report: HealthReport; checkedAt: Date }
  | { kind: 'failed'; message: StatusMessage };

/** A translation key under `statusPage` and its parameters; the page puts it in the active language. */
export interface StatusMessage {
  key: string;
  params?: Record<string, unknown>;
}

const KNOWN_DEPENDENCIES: Record<DependencyName, string> = {
  mongo: 'MongoDB',
  neo4j: 'Neo4j',
  redis: 'Redis',
};

function isHealthReport(value: unknown): value is HealthReport {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<Record<keyof HealthReport, unknown>>;
  return (
    typeof candidate.status === 'string' &&
    typeof candidate.details === 'object' &&
    candidate.details !== null
  );
}

function toDependencyStatus(
  name: string,
  label: string,
  health: DependencyHealth | undefined,
): DependencyStatus {
  if (!health) {
    return { name, label, state: 'unknown' };
  }
  const state = health.status === 'up' ? 'up' : 'down';
  return typeof health.message === 'string' && health.message
    ? { name, label, state, message: health.message }
    : { name, label, state };
}

function describeFailure(error: unknown): StatusMessage {
  if (error instanceof TimeoutError) {
    return { key: 'statusPage.timeout', params: { seconds: READINESS_TIMEOUT_MS / 1000 } };
  }
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return { key: 'statusPage.unreachable' };
    const statusText = error.statusText && error.statusText !== 'OK' ? ` ${error.statusText}` : '';
    // A proxy in front of the API (the dev server's included) answers 5xx when the API is down.
    return { key: 'statusPage.httpError', params: { status: `${error.status}${statusText}` } };
  }
  return { key: 'statusPage.unreadable' };
}

/** Reads `/readiness` and exposes it as signals for the status page. */
@Injectable({ providedIn: 'root' })
export class ApiStatusService {
  private readonly http = inject(HttpClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly state = signal<ReadinessState>({ kind: 'loading' });
  private request?: Subscription;

  readonly loading = computed(() => this.state().kind === 'loading');
  readonly errorMessage = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? state.message : null;
  });
  readonly report = computed(() => {
    const state = this.state();
    return state.kind === 'loaded' ? state.report : null;
  });
  readonly checkedAt = computed(() => {
    const state = this.state();
    return state.kind === 'loaded' ? state.checkedAt : null;
  });
  /** Known dependencies first, in a stable order, then anything else the API reported. */
  readonly dependencies = computed<DependencyStatus[]>(() => {
    const details = this.report()?.details;
    if (!details) {
      return [];
    }
    const known = Object.entries(KNOWN_DEPENDENCIES).map(([name, label]) =>
      toDependencyStatus(name, label, details[name]),
    );
    const others = Object.keys(details)
      .filter((name) => !(name in KNOWN_DEPENDENCIES))
      .sort()
      .map((name) => toDependencyStatus(name, name, details[name]));
    return [...known, ...others];
  });

  refresh(): void {
    this.request?.unsubscribe();
    this.state.set({ kind: 'loading' });
    this.request = this.http
      .get<unknown>(READINESS_URL)
      .pipe(timeout(READINESS_TIMEOUT_MS), takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (body) => this.settle(body, null),
        error: (error: unknown) => {
          // Terminus answers 503 with the full report when a dependency is down: that is data, not a failure.
          const body =
            error instanceof HttpErrorResponse && error.status === HttpStatusCode.ServiceUnavailable
              ? error.error
              : undefined;
          this.settle(body, error);
        },
      });
  }

  private settle(body: unknown, error: unknown): void {
    this.state.set(
      isHealthReport(body)
        ? { kind: 'loaded', report: body, checkedAt: new Date() }
        : { kind: 'failed', message: describeFailure(error) },
    );
  }
}
