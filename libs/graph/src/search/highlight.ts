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

/**
 * Whether `a` and `b` are at most one edit apart, as Lucene's `~1` counts (Damerau: one insertion,
 * deletion, substitution or swap of neighbours). Linear and allocation-free: it runs on every word
 * of every excerpt of a search page.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  if (long.length > short.length) return long.slice(i + 1) === short.slice(i);
  return (
    long.slice(i + 1) === short.slice(i + 1) ||
    (long[i] === short[i + 1] && long[i + 1] === short[i] && long.slice(i + 2) === short.slice(i + 2))
  );
}

/** Whether a word of the text matches one of the query's words the way the Lucene query does. */
function wordMatcher(query: ParsedSearchQuery): (word: string) => boolean {
  const last = query.terms.at(-1);
  return (word) =>
    query.terms.some(
      (term) =>
        word === term ||
        (term.length >= 4 && withinOneEdit(word, term)) ||
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
