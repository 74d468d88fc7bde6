import { copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import { type BackupManifest, writeBackup } from './database-backup';

/**
 * Grandfather-father-son retention of the app-level backups, the same policy as
 * docker/backup/gfs-rotate.sh (which the mongodump and Neo4j sidecar containers run): a new
 * daily backup is linked into weekly/ and monthly/ when that tier has none of its ISO week or
 * month yet; each tier then keeps its newest 7, 4 and 12 files.
 */
export const BACKUP_RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;

type Tier = keyof typeof BACKUP_RETENTION;

export interface CreatedBackup {
  path: string;
  manifest: BackupManifest;
  /** Tiers the new backup was also linked into. */
  promoted: Tier[];
  /** Files deleted by the retention, as `<tier>/<name>`. */
  deleted: string[];
}

const STAMP = /(\d{8}T\d{6}Z)/g;

/** `YYYYMMDDTHHMMSSZ` of `date` (UTC): sorts like time, and gfs-rotate.sh reads it too. */
export function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function stampOf(name: string): string | null {
  return [...name.matchAll(STAMP)].at(-1)?.[1] ?? null;
}

function dateOf(stamp: string): Date {
  return new Date(Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8)));
}

/** ISO 8601 week of a stamp's day, as `YYYY-Www` (like `date +%G-W%V`). */
export function isoWeekOf(stamp: string): string {
  const day = dateOf(stamp);
  // The Thursday of the same ISO week decides its year.
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const PERIOD_OF: Record<Exclude<Tier, 'daily'>, (stamp: string) => string> = {
  weekly: isoWeekOf,
  monthly: (stamp) => stamp.slice(0, 6),
};

async function backupsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => !name.endsWith('.partial') && stampOf(name) !== null);
}

/** Applies the retention to `dir` after `name` landed in `dir/daily`. */
export async function rotateBackups(
  dir: string,
  name: string,
): Promise<Pick<CreatedBackup, 'promoted' | 'deleted'>> {
  const stamp = stampOf(name);
  if (!stamp) throw new Error(`no YYYYMMDDTHHMMSSZ time in the backup name ${name}`);
  const promoted: Tier[] = [];
  for (const tier of ['weekly', 'monthly'] as const) {
    await mkdir(join(dir, tier), { recursive: true });
    const period = PERIOD_OF[tier](stamp);
    const existing = await backupsIn(join(dir, tier));
    if (existing.some((other) => PERIOD_OF[tier](stampOf(other) ?? '') === period)) continue;
    const from = join(dir, 'daily', name);
    const to = join(dir, tier, name);
    await link(from, to).catch(() => copyFile(from, to));
    promoted.push(tier);
  }
  const deleted: string[] = [];
  for (const tier of ['daily', 'weekly', 'monthly'] as const) {
    // Names differ only in their stamp, so sorting by name sorts by time.
    const old = (await backupsIn(join(dir, tier))).sort().reverse().slice(BACKUP_RETENTION[tier]);
    for (const file of old) {
      await rm(join(dir, tier, file), { force: true });
      deleted.push(`${tier}/${file}`);
    }
  }
  return { promoted, deleted };
}

/**
 * Writes `dir/daily/insight-<stamp>.backup.gz` (see writeBackup) and applies the retention.
 * The one implementation behind `npm run backup -- create` and the worker's nightly backup.
 */
export async function createRotatedBackup(db: Db, dir: string, now = new Date()): Promise<CreatedBackup> {
  await mkdir(join(dir, 'daily'), { recursive: true });
  const name = `insight-${backupStamp(now)}.backup.gz`;
  const path = join(dir, 'daily', name);
  const manifest = await writeBackup(db, path);
  return { path, manifest, ...(await rotateBackups(dir, name)) };
}
