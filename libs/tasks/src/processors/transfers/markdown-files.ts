import { stringify } from 'yaml';
import type { PortableInsight, RelationshipType } from '@insight/contracts';

/** Characters that cannot be in a file or folder name on common systems, and wikilink syntax. */
const UNSAFE = /[\\/:*?"<>|#^[\]\p{Cc}]/gu;

/** A file or folder name for `text` (kept readable; `fallback` when nothing is left). */
export function safeName(text: string, fallback: string, max = 80): string {
  const name = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, max).trim();
  return name.length > 0 ? name : fallback;
}

/** A link from this insight's file to another's, in its stored direction. */
export interface MarkdownLink {
  type: RelationshipType;
  /** The target's file name without `.md` (what `[[…]]` resolves). */
  target: string;
}

/**
 * One insight as Markdown: YAML front matter (id, title, tags, category, dates, favourite,
 * importance, summary, deletion), the content as it is, and its relationships as typed
 * `type:: [[target]]` links in a section at the end (Dataview style; the import reads them back).
 */
export function insightMarkdown(
  insight: PortableInsight,
  category: string | null,
  links: MarkdownLink[],
): string {
  const front: Record<string, unknown> = {
    id: insight.id,
    title: insight.title,
    tags: insight.tags,
    ...(category ? { category } : {}),
    created: insight.createdAt,
    updated: insight.updatedAt,
    favorite: insight.favorite,
    importance: insight.importance,
    ...(insight.summary ? { summary: insight.summary } : {}),
    ...(insight.deletedAt ? { deleted: insight.deletedAt } : {}),
  };
  const parts = [`---\n${stringify(front).trimEnd()}\n---\n`, insight.content.trimEnd(), ''];
  if (links.length > 0) {
    parts.push(RELATIONSHIPS_HEADING, ...links.map((link) => `- ${link.type}:: [[${link.target}]]`), '');
  }
  return parts.join('\n');
}

export const RELATIONSHIPS_HEADING = '## Relationships';
