import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random secret of 32 bytes (256 bits). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of a token: its SHA-256. The secrets are random and long, so a fast
 * hash is enough to make a leaked table useless, and lookups by hash stay indexable.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
