import type { SchedulerRegistry } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { withTimeout } from '@insight/platform';

const REDIS_TIMEOUT_MS = 2000;
/** The first run after a start comes soon, not a whole period later. */
const FIRST_TICK_MS = 5000;

/** Payload of a scheduled job: the period it was scheduled for (also part of its id). */
export interface PeriodJobData {
  period: string;
}

/** The number of the period `now` falls in (periods are aligned to the epoch, so to UTC midnight for days). */
export function periodNumber(periodSeconds: number, now = Date.now()): number {
  return Math.floor(now / (periodSeconds * 1000));
}

/** `<name>-<seconds>s-<period>`: the same in every replica during one period, so only one job is created. */
export function periodJobId(name: string, periodSeconds: number, now = Date.now()): string {
  return `${name}-${periodSeconds}s-${periodNumber(periodSeconds, now)}`;
}

/**
 * Adds this period's job unless a replica already did (BullMQ ignores an add whose job id
 * exists). The next period runs again anyway, so one attempt and a bounded history suffice.
 */
export async function addPeriodJob(
  queue: Queue<PeriodJobData>,
  name: string,
  periodSeconds: number,
  now = Date.now(),
): Promise<void> {
  await withTimeout(
    queue.add(
      name,
      { period: String(periodNumber(periodSeconds, now)) },
      {
        jobId: periodJobId(name, periodSeconds, now),
        attempts: 1,
        removeOnComplete: { age: 24 * 3600, count: 500 },
        removeOnFail: { count: 500 },
      },
    ),
    REDIS_TIMEOUT_MS,
    'redis',
  );
}

/**
 * Calls `tick` twice per period (so no period is skipped when timers drift) and once soon after
 * start; returns the registry names to delete at shutdown.
 */
export function tickEveryPeriod(
  registry: SchedulerRegistry,
  key: string,
  periodSeconds: number,
  tick: () => void,
): string[] {
  registry.addInterval(key, setInterval(tick, Math.max(1000, (periodSeconds * 1000) / 2)));
  registry.addTimeout(`${key}-first`, setTimeout(tick, Math.min(FIRST_TICK_MS, periodSeconds * 1000)));
  return [key, `${key}-first`];
}

/** Removes what tickEveryPeriod registered. */
export function stopTicking(registry: SchedulerRegistry, names: string[]): void {
  for (const name of names) {
    if (registry.doesExist('interval', name)) registry.deleteInterval(name);
    if (registry.doesExist('timeout', name)) registry.deleteTimeout(name);
  }
}
