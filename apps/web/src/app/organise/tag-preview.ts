import type { TagCount } from '@insight/contracts';
import { english, type Translate } from '../i18n/translate';
import { normaliseTag } from '../insight/insight-form';

/** What renaming `from` to `typed` would do, said (in the active language) before it is done. */
export function renamePreview(
  tags: readonly TagCount[],
  from: TagCount,
  typed: string,
  t: Translate = english,
): string | null {
  const to = normaliseTag(typed);
  if (!to || to === from.name) return null;
  const one = from.count === 1;
  const existing = tags.find((tag) => tag.name === to);
  const params = { from: from.name, to, count: from.count };
  return existing
    ? t(one ? 'tagPreview.mergeOne' : 'tagPreview.merge', { ...params, total: existing.count + from.count })
    : t(one ? 'tagPreview.renameOne' : 'tagPreview.rename', params);
}
