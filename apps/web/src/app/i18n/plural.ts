/** `key.one` for exactly one, `key.other` otherwise (English and Portuguese agree on this). */
export function plural(key: string, count: number): string {
  return `${key}.${count === 1 ? 'one' : 'other'}`;
}
