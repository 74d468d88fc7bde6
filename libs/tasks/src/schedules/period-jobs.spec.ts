import { periodJobId, periodNumber } from './period-jobs';

describe('period jobs', () => {
  it('gives every replica the same id within a period and a new one in the next', () => {
    const start = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
    expect(periodJobId('stats', 60, start)).toBe(periodJobId('stats', 60, start + 59_999));
    expect(periodJobId('stats', 60, start + 60_000)).not.toBe(periodJobId('stats', 60, start));
    expect(periodNumber(60, start + 60_000)).toBe(periodNumber(60, start) + 1);
  });

  it('aligns days to UTC midnight and never uses the ":" BullMQ refuses', () => {
    const day = 86_400;
    expect(periodNumber(day, Date.UTC(2026, 2, 10, 0, 0, 0))).toBe(
      periodNumber(day, Date.UTC(2026, 2, 10, 23, 59, 59)),
    );
    expect(periodNumber(day, Date.UTC(2026, 2, 11))).toBe(periodNumber(day, Date.UTC(2026, 2, 10)) + 1);
    expect(periodJobId('trash-purge', day, Date.UTC(2026, 2, 10))).toMatch(/^trash-purge-86400s-\d+$/);
  });

  it('keeps schedules with different periods apart', () => {
    const now = Date.UTC(2026, 2, 10, 12);
    expect(periodJobId('digests', 604_800, now)).not.toBe(periodJobId('digests', 86_400, now));
  });
});
