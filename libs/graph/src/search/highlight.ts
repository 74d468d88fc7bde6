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

/**
 * The words of a text, lower-cased, read only as far as they are asked for: an excerpt needs the
 * words up to its first match and those it shows, not every word of a long content.
 */
class Words {
  private readonly pattern = new RegExp(WORD.source, WORD.flags);
  private readonly read: Token[] = [];
  private done = false;

  constructor(private readonly text: string) {}

  /** The i-th word, or undefined past the last. */
  at(i: number): Token | undefined {
    while (this.read.length <= i && !this.done) {
      const m = this.pattern.exec(this.text);
      // exec starts over after its last match: the end is remembered instead.
      if (!m) this.done = true;
      else this.read.push({ start: m.index, end: m.index + m[0].length, word: m[0].toLowerCase() });
    }
    return this.read[i];
  }
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

/** Where the query's words (typos and the typed prefix too) and phrases match, word by word. */
class Matcher {
  private readonly matchesWord: (word: string) => boolean;
  private readonly phrases: string[][];

  constructor(query: ParsedSearchQuery) {
    this.matchesWord = wordMatcher(query);
    this.phrases = query.phrases.map((phrase) => phrase.split(' '));
  }

  /** Where the phrase ends when it begins at the i-th word, or -1. */
  private phraseEnd(words: Words, i: number, phrase: string[]): number {
    for (let k = 0; k < phrase.length; k++) if (words.at(i + k)?.word !== phrase[k]) return -1;
    return (words.at(i + phrase.length - 1) as Token).end;
  }

  /** Index of the first word where a match begins, or -1. */
  first(words: Words): number {
    for (let i = 0, word = words.at(0); word; word = words.at(++i)) {
      if (this.matchesWord(word.word)) return i;
      for (const phrase of this.phrases) if (this.phraseEnd(words, i, phrase) >= 0) return i;
    }
    return -1;
  }

  /** The matches beginning at word `from` or later and before character `until`, merged where they touch. */
  spans(words: Words, from = 0, until = Infinity): Span[] {
    const merged: Span[] = [];
    const add = (start: number, end: number) => {
      const previous = merged.at(-1);
      if (previous && start <= previous.end) previous.end = Math.max(previous.end, end);
      else merged.push({ start, end });
    };
    for (let i = from, word = words.at(i); word && word.start < until; word = words.at(++i)) {
      if (this.matchesWord(word.word)) add(word.start, word.end);
      for (const phrase of this.phrases) {
        const end = this.phraseEnd(words, i, phrase);
        if (end >= 0) add(word.start, end);
      }
    }
    return merged;
  }
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
  return marked(title, new Matcher(query).spans(new Words(title)));
}

/**
 * An excerpt of the content around its first match (its beginning when nothing in it matches,
 * e.g. the insight matched by title or tag), whitespace collapsed, matches marked, as HTML.
 */
export function highlightExcerpt(content: string, query: ParsedSearchQuery): string {
  const text = content.replace(/\s+/g, ' ').trim();
  const words = new Words(text);
  const matcher = new Matcher(query);
  const first = matcher.first(words);
  const firstStart = first >= 0 ? (words.at(first) as Token).start : -1;
  let start = first >= 0 ? Math.max(0, firstStart - EXCERPT_LEAD) : 0;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < firstStart ? space + 1 : start;
  }
  let end = Math.min(text.length, start + EXCERPT_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  // Nothing matches before the first match: spans are looked for from it to the excerpt's end.
  const spans = first >= 0 ? matcher.spans(words, first, end) : [];
  const excerpt = text.slice(start, end);
  return `${start > 0 ? '…' : ''}${marked(excerpt, spans, start)}${end < text.length ? '…' : ''}`;
}
