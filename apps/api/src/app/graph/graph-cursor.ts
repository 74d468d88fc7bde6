/** The opaque cursor of the whole-graph pages: base64url of the last node's id. */
export function encodeGraphCursor(lastId: string): string {
  return Buffer.from(JSON.stringify(['graph', lastId])).toString('base64url');
}

/** The id a page ended at, or null when the cursor is not one of ours. */
export function decodeGraphCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(payload) || payload.length !== 2 || payload[0] !== 'graph') return null;
    return typeof payload[1] === 'string' && /^[0-9a-f]{24}$/.test(payload[1]) ? payload[1] : null;
  } catch {
    return null;
  }
}
