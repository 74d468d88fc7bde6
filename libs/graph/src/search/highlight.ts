import type { ParsedSearchQuery } from './search-query';

/** How long a content excerpt is, about (it is cut at word boundaries). */
const EXCERPT_LENGTH = 200;
/** How much text an excerpt shows before its first match. */
const EXCERPT_LEAD = 60;

const WORD = /[\p{L}\p{N}]+/gu;
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

interface Span {
  start: number;
  end: number;
}

interface Token extends Span {
  word: string;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: m[0].toLowerCase(),
  }));
}

/** Damerau-Levenshtein distance (as Lucene's fuzzy query counts), or `max + 1` once above `max`. */
function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    rows[i] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** Whether a word of the text matches one of the query's words the way the Lucene query does. */
function wordMatcher(query: ParsedSearchQuery): (word: string) => boolean {
  const last = query.terms.at(-1);
  return (word) =>
    query.terms.some(
      (term) =>
        word === term ||
        (term.length >= 4 && editDistanceWithin(word, term, 1) <= 1) ||
        (query.lastTermIsPrefix && term === last && word.startsWith(term)),
    );
}

/** Where the query matches the text: its words (typos and the typed prefix too) and its phrases. */
function matchSpans(text: string, query: ParsedSearchQuery): Span[] {
  const all = tokens(text);
  const matches = wordMatcher(query);
  const spans: Span[] = all.filter((t) => matches(t.word));
  for (const phrase of query.phrases) {
    const words = phrase.split(' ');
    for (let i = 0; i + words.length <= all.length; i++) {
      if (words.every((word, k) => all[i + k].word === word)) {
        spans.push({ start: all[i].start, end: all[i + words.length - 1].end });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The text, HTML-escaped, with every span wrapped in `<mark>`. */
function marked(text: string, spans: Span[], offset = 0): string {
  let html = '';
  let at = 0;
  for (const span of spans) {
    const start = span.start - offset;
    const end = span.end - offset;
    if (end <= 0 || start >= text.length) continue;
    html += escapeHtml(text.slice(at, Math.max(at, start)));
    html += `<mark>${escapeHtml(text.slice(Math.max(at, start), Math.min(end, text.length)))}</mark>`;
    at = Math.min(end, text.length);
  }
  return html + escapeHtml(text.slice(at));
}

/** The title with its matches marked, as HTML. */
export function highlightTitle(title: string, query: ParsedSearchQuery): string {
  return marked(title, matchSpans(title, query));
}

/**
 * An excerpt of the content around its first match (its beginning when nothing in it matches,
 * e.g. the insight matched by title or tag), whitespace collapsed, matches marked, as HTML.
 */
export function highlightExcerpt(content: string, query: ParsedSearchQuery): string {
  const text = content.replace(/\s+/g, ' ').trim();
  const spans = matchSpans(text, query);
  let start = spans.length > 0 ? Math.max(0, spans[0].start - EXCERPT_LEAD) : 0;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < spans[0].start ? space + 1 : start;
  }
  let end = Math.min(text.length, start + EXCERPT_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  const excerpt = text.slice(start, end);
  return `${start > 0 ? '…' : ''}${marked(excerpt, spans, start)}${end < text.length ? '…' : ''}`;
}
