/** The Redis pub/sub channel of one user's live events; the prefix keeps installations apart. */
export function userEventsChannel(prefix: string, userId: string): string {
  return `${prefix}:events:${userId}`;
}

/**
 * The Redis stream that keeps one user's recent events (capped, expiring) for a reconnecting
 * client's `Last-Event-ID`; its entry ids are the events' ids.
 */
export function userEventsLogKey(prefix: string, userId: string): string {
  return `${prefix}:events-log:${userId}`;
}

/** A Redis stream entry id, `<ms>-<seq>`: what an event's `id` looks like. */
export const EVENT_ID = /^\d{1,16}-\d{1,16}$/;

/** Orders two stream entry ids (negative when `a` came first). */
export function compareEventIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

/**
 * A published message is `<id>\n<event JSON>` (JSON.stringify never writes a raw newline), so the
 * id Redis gave the entry travels with the live event without re-encoding it.
 */
export function parseEventMessage(message: string): { id?: string; json: string } {
  const newline = message.indexOf('\n');
  if (newline > 0 && EVENT_ID.test(message.slice(0, newline))) {
    return { id: message.slice(0, newline), json: message.slice(newline + 1) };
  }
  return { json: message };
}
