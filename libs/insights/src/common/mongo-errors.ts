import { setTimeout as sleep } from 'node:timers/promises';

/** A write refused by a unique index, on MongoDB and FerretDB alike. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, writeErrors } = error as {
    code?: unknown;
    message?: unknown;
    writeErrors?: unknown;
  };
  if (code === 11000) return true;
  // FerretDB (SQLite) reports a unique clash caused by an update as an internal error, not E11000.
  if (typeof message === 'string' && message.includes('UNIQUE constraint failed')) return true;
  // bulkWrite reports each refused operation separately.
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every(isDuplicateKeyError);
}

/** The indexes an unordered insertMany refused as duplicates. @throws the error when it is anything else */
export function duplicateKeyIndexes(error: unknown): number[] {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const errors = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
    index?: number;
    code?: number;
  }[];
  if (!errors.every((e) => e?.code === 11000)) throw error;
  return errors.flatMap((e) => (typeof e.index === 'number' ? [e.index] : []));
}

/**
 * A write that lost a race with another and may simply be tried again: MongoDB's WriteConflict,
 * or FerretDB 1.24 (SQLite) answering `database is locked (SQLITE_BUSY)`. FerretDB runs an update
 * as a read, then a write; when another connection wrote in between, SQLite refuses the upgrade
 * at once (waiting would not help), as an internal error.
 */
export function isWriteConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 112 || (typeof message === 'string' && message.includes('SQLITE_BUSY'));
}

/** Runs `write`, again after a short random pause while it loses to a concurrent write. */
export async function retryingWriteConflicts<T>(write: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isWriteConflict(error)) throw error;
      // Up to 10, 20, 40 … ms, at random, so the writers that collided do not collide again.
      await sleep(Math.random() * 10 * 2 ** (attempt - 1));
    }
  }
}
