import { ValidationProblem } from '@insight/platform';

/** The ETag of a versioned resource: its version as a strong entity tag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header expects: undefined when absent or `*` (any version).
 * Accepts the ETag as sent (`"3"`) and a bare number (`3`); weak tags never match.
 */
export function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const match = /^(?:"(\d{1,15})"|(\d{1,15}))$/.exec(value);
  const version = match ? Number(match[1] ?? match[2]) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ValidationProblem(
      { 'If-Match': ['must be the ETag of the insight, e.g. "3"'] },
      'The If-Match header is not a version of this resource.',
    );
  }
  return version;
}
