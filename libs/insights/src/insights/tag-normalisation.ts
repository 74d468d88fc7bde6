import { INSIGHT_LIMITS } from '@insight/contracts';

/** How a tag is stored and compared: NFC, trimmed, inner whitespace collapsed, lowercase. */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Normalises every tag and drops duplicates, keeping first-seen order. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag))];
}

/** Why a normalised tag cannot be stored, or null when it can. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'must not be empty';
  if (tag.length > INSIGHT_LIMITS.tagMaxLength)
    return `must be at most ${INSIGHT_LIMITS.tagMaxLength} characters`;
  // Control characters would make tags unprintable in the client and in the query language.
  if (/\p{Cc}/u.test(tag)) return 'must not contain control characters';
  return null;
}
