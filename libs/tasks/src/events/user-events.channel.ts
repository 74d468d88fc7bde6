/** The Redis pub/sub channel of one user's live events; the prefix keeps installations apart. */
export function userEventsChannel(prefix: string, userId: string): string {
  return `${prefix}:events:${userId}`;
}
