import { createHash } from 'node:crypto';

/** Cursors only continue the query they were made for. */
function queryKey(q: string): string {
  return createHash('sha256').update(q).digest('base64url').slice(0, 16);
}

/**
 * The opaque cursor of a search: how many results came before the next page, and which query
 * they belong to (ranked results have no stable key to resume after, so this is an offset).
 */
export function encodeSearchCursor(q: string, offset: number): string {
  return Buffer.from(JSON.stringify(['search', queryKey(q), offset])).toString('base64url');
}

/** The offset a cursor resumes at, or null when it is not a cursor of this query. */
export function decodeSearchCursor(cursor: string, q: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(payload) || payload.length !== 3) return null;
    const [kind, key, offset] = payload as unknown[];
    if (kind !== 'search' || key !== queryKey(q)) return null;
    return Number.isSafeInteger(offset) && (offset as number) > 0 && (offset as number) <= 10_000
      ? (offset as number)
      : null;
  } catch {
    return null;
  }
}
