import { parse as parseYaml, YAMLParseError } from 'yaml';
import { INSIGHT_LIMITS, RELATIONSHIP_VOCABULARY, type RelationshipType } from '@insight/contracts';
import { normaliseTags, tagProblem } from '@insight/insights';
import { RELATIONSHIPS_HEADING } from './markdown-files';

/** A link found in a note: `[[target]]`, `[[target|alias]]` or `type:: [[target]]`. */
export interface NoteLink {
  type: RelationshipType;
  /** What the link names (a file name or path, without `.md`, heading or alias). */
  target: string;
  line: number;
}

/** A Markdown note read as an insight. */
export interface ParsedNote {
  title: string;
  content: string;
  summary: string | null;
  tags: string[];
  category: string | null;
  favorite: boolean;
  importance: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  links: NoteLink[];
}

export interface NoteProblem {
  line: number | null;
  reason: string;
}

export type ParsedOrProblems =
  { note: ParsedNote; problems: NoteProblem[] } | { note: null; problems: NoteProblem[] };

const KNOWN_TYPES = new Set<string>(RELATIONSHIP_VOCABULARY.map((info) => info.type));
const LINK = /(!?)(?:([A-Za-z_]+)::\s*)?\[\[([^\]|#\n]*)(?:#[^\]|\n]*)?(?:\|[^\]\n]*)?\]\]/g;
const INLINE_TAG = /(?:^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu;
const FENCE = /^\s*(```|~~~)/;

function dateOf(value: unknown): Date | null | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function tagList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((tag): tag is string => typeof tag === 'string');
  if (typeof value === 'string') return value.split(/[,\s]+/);
  return [];
}

/** Splits `---` front matter off; `frontLines` is how many lines it took (for line numbers). */
function splitFrontMatter(
  text: string,
): { yaml: string | null; body: string; bodyStart: number } | NoteProblem {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { yaml: null, body: text, bodyStart: 1 };
  const close = lines.findIndex(
    (line, index) => index > 0 && (line.trim() === '---' || line.trim() === '...'),
  );
  if (close < 0) return { line: 1, reason: 'the front matter is not closed by a --- line' };
  return {
    yaml: lines.slice(1, close).join('\n'),
    body: lines.slice(close + 1).join('\n'),
    bodyStart: close + 2,
  };
}

/** The content without an exported `## Relationships` section made only of typed links. */
function withoutLinkSection(body: string): string {
  const index = body.lastIndexOf(`\n${RELATIONSHIPS_HEADING}\n`);
  if (index < 0) return body;
  const section = body.slice(index + RELATIONSHIPS_HEADING.length + 2).split('\n');
  const onlyLinks = section.every(
    (line) => line.trim() === '' || /^- [a-z_]+:: \[\[[^\]]+\]\]$/.test(line.trim()),
  );
  return onlyLinks ? body.slice(0, index) : body;
}

/**
 * Reads one note of a vault (Obsidian/Logseq style): front matter (title, tags, category,
 * created/date, updated/modified, favorite, importance, summary, deleted), `#tags` in the text,
 * wikilinks. `path` is its place in the vault; folders become the category unless the front
 * matter names one. Problems that make the note unusable come back without a note; others
 * (a bad tag, an unknown link type) with it.
 */
export function parseNote(path: string, text: string, now: Date): ParsedOrProblems {
  const problems: NoteProblem[] = [];
  const split = splitFrontMatter(text);
  if ('reason' in split) return { note: null, problems: [split] };
  let front: Record<string, unknown> = {};
  if (split.yaml !== null && split.yaml.trim() !== '') {
    let value: unknown;
    try {
      value = parseYaml(split.yaml);
    } catch (error) {
      const line = error instanceof YAMLParseError && error.linePos ? error.linePos[0].line + 1 : 1;
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { note: null, problems: [{ line, reason: `broken YAML front matter: ${message}` }] };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { note: null, problems: [{ line: 2, reason: 'the front matter is not a YAML mapping' }] };
    }
    front = value as Record<string, unknown>;
  }

  const body = withoutLinkSection(split.body)
    .replace(/^\s*\n/, '')
    .trimEnd();
  const fileName = path.split('/').pop()?.replace(/\.md$/i, '') ?? '';
  let title: string;
  if ('title' in front) {
    title = typeof front['title'] === 'string' ? front['title'].trim() : '';
    if (!title)
      return { note: null, problems: [{ line: 2, reason: 'the title in the front matter is empty' }] };
  } else {
    title = fileName.trim();
    if (!title)
      return { note: null, problems: [{ line: null, reason: 'the note has no title and no file name' }] };
  }
  if (title.length > INSIGHT_LIMITS.titleMaxLength) {
    return {
      note: null,
      problems: [
        { line: null, reason: `the title is longer than ${INSIGHT_LIMITS.titleMaxLength} characters` },
      ],
    };
  }
  if (body.length > INSIGHT_LIMITS.contentMaxLength) {
    return {
      note: null,
      problems: [
        { line: null, reason: `the text is longer than ${INSIGHT_LIMITS.contentMaxLength} characters` },
      ],
    };
  }

  const links: NoteLink[] = [];
  const inlineTags: string[] = [];
  let fenced = false;
  split.body.split(/\r?\n/).forEach((line, index) => {
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced) return;
    const lineNumber = split.bodyStart + index;
    for (const match of line.matchAll(LINK)) {
      const [, embed, type, target] = match;
      if (embed || !target?.trim()) continue;
      if (type && !KNOWN_TYPES.has(type)) {
        problems.push({
          line: lineNumber,
          reason: `${type}:: is not a relationship type; linked as related`,
        });
      }
      links.push({
        type: type && KNOWN_TYPES.has(type) ? (type as RelationshipType) : 'related',
        target: target.trim(),
        line: lineNumber,
      });
    }
    if (!/^\s{0,3}#{1,6}\s/.test(line))
      for (const match of line.matchAll(INLINE_TAG)) inlineTags.push(match[1]);
  });

  const tags = normaliseTags([...tagList(front['tags']), ...inlineTags]).filter((tag) => {
    const problem = tagProblem(tag);
    if (problem) problems.push({ line: null, reason: `tag ${tag} left out: ${problem}` });
    return problem === null;
  });
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const category =
    typeof front['category'] === 'string' && front['category'].trim()
      ? front['category'].trim()
      : folder || null;
  const created = dateOf(front['created'] ?? front['date']);
  const updated = dateOf(front['updated'] ?? front['modified']);
  const deleted = dateOf(front['deleted']);
  if (created === null || updated === null || deleted === null) {
    problems.push({ line: 2, reason: 'a date in the front matter is not a date; the import time is used' });
  }
  const importance =
    typeof front['importance'] === 'number' && front['importance'] >= 0 && front['importance'] <= 1
      ? front['importance']
      : 0.5;
  const summary =
    typeof front['summary'] === 'string' ? front['summary'].slice(0, INSIGHT_LIMITS.summaryMaxLength) : null;
  const createdAt = created ?? now;
  return {
    note: {
      title,
      content: body,
      summary,
      tags: tags.slice(0, INSIGHT_LIMITS.tagsMaxCount),
      category: category ? category.slice(0, 50) : null,
      favorite: front['favorite'] === true,
      importance,
      createdAt,
      updatedAt: updated ?? createdAt,
      deletedAt: deleted ?? null,
      links,
    },
    problems,
  };
}
