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
