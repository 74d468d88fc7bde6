import type { TagCount } from '@insight/contracts';
import { normaliseTag } from '../insight/insight-form';

/** What renaming `from` to `typed` would do, said before it is done. */
export function renamePreview(tags: readonly TagCount[], from: TagCount, typed: string): string | null {
  const to = normaliseTag(typed);
  if (!to || to === from.name) return null;
  const plural = from.count === 1 ? 'insight' : 'insights';
  const existing = tags.find((tag) => tag.name === to);
  return existing
    ? `Merges #${from.name} into #${to}: ${from.count} ${plural} change, #${to} will be on up to ${existing.count + from.count}.`
    : `Renames #${from.name} to #${to} on ${from.count} ${plural}.`;
}
