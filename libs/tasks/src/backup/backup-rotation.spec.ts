import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupStamp, isoWeekOf, rotateBackups } from './backup-rotation';

describe('backup rotation', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backup-rotation-'));
    await mkdir(join(dir, 'daily'));
  });

  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('names ISO weeks like date +%G-W%V, across year ends', () => {
    for (const day of ['20261231', '20270101', '20270104', '20210103', '20200101', '20261130']) {
      const expected = execFileSync('date', ['-u', '-d', day, '+%G-W%V'], { encoding: 'utf8' }).trim();
      expect(isoWeekOf(`${day}T120000Z`)).toBe(expected);
    }
  });

  it('keeps the newest 7 daily, promotes the first of each week and month, 4 weeks and 12 months', async () => {
    const start = Date.UTC(2026, 0, 1, 2);
    const promotions: string[][] = [];
    // One backup a day for 400 days.
    for (let day = 0; day < 400; day++) {
      const name = `insight-${backupStamp(new Date(start + day * 86_400_000))}.backup.gz`;
      await writeFile(join(dir, 'daily', name), `backup of day ${day}`);
      promotions.push((await rotateBackups(dir, name)).promoted);
    }
    const daily = (await readdir(join(dir, 'daily'))).sort();
    const weekly = (await readdir(join(dir, 'weekly'))).sort();
    const monthly = (await readdir(join(dir, 'monthly'))).sort();
    expect(daily).toHaveLength(7);
    expect(daily.at(-1)).toContain(backupStamp(new Date(start + 399 * 86_400_000)));
    expect(weekly).toHaveLength(4);
    expect(weekly.map((name) => isoWeekOf(name.slice(8, 24)))).toEqual([
      ...new Set(weekly.map((name) => isoWeekOf(name.slice(8, 24)))),
    ]);
    expect(monthly).toHaveLength(12);
    // Monthly backups are the first of their month: 2026-02 … 2027-02 minus the oldest.
    expect(monthly.map((name) => name.slice(8, 16))).toEqual([
      '20260301',
      '20260401',
      '20260501',
      '20260601',
      '20260701',
      '20260801',
      '20260901',
      '20261001',
      '20261101',
      '20261201',
      '20270101',
      '20270201',
    ]);
    expect(promotions[0]).toEqual(['weekly', 'monthly']);
    expect(promotions[1]).toEqual([]);
  });

  it('ignores unfinished .partial files', async () => {
    await writeFile(join(dir, 'daily', 'insight-20260101T000000Z.backup.gz.partial'), '');
    for (let day = 1; day <= 8; day++) {
      const name = `insight-202601${String(day + 1).padStart(2, '0')}T000000Z.backup.gz`;
      await writeFile(join(dir, 'daily', name), '');
      await rotateBackups(dir, name);
    }
    const daily = await readdir(join(dir, 'daily'));
    expect(daily).toContain('insight-20260101T000000Z.backup.gz.partial');
    expect(daily.filter((name) => !name.endsWith('.partial'))).toHaveLength(7);
  });
});
