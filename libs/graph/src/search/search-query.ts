import { RELATIONSHIP_TYPES, type RelationshipType } from '@insight/contracts';

/** A search box's text, understood: free words, quoted phrases and filters. */
export interface ParsedSearchQuery {
  terms: string[];
  phrases: string[];
  /** The last word is still being typed (no trailing space): match it as a prefix. */
  lastTermIsPrefix: boolean;
  tags: string[];
  categories: string[];
  types: RelationshipType[];
  favorite?: boolean;
  before?: Date;
  after?: Date;
}

/** A query the user must fix; `reason` is shown next to the search box. */
export class SearchQueryError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SearchQueryError';
  }
}

const MAX_QUERY_LENGTH = 500;
const MAX_TERMS = 32;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// One token: key:"quoted value", key:value, "quoted phrase" or a bare word.
const TOKEN = /(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"?|(\S+)/g;

function parseDate(key: string, value: string): Date {
  const date = DATE.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new SearchQueryError(`${key}: expects a date as YYYY-MM-DD (got "${value}")`);
  }
  return date;
}

/** Words as the index sees them: letters and digits, lowercased. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Parses `tag:x category:y type:supports is:favorite before:2026-01-01 after:… "exact phrase"`
 * and free words. Unknown `key:value` pairs are searched as text. Throws SearchQueryError for
 * an empty query or an invalid filter value.
 */
export function parseSearchQuery(raw: string): ParsedSearchQuery {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw new SearchQueryError(`is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const query: ParsedSearchQuery = {
    terms: [],
    phrases: [],
    lastTermIsPrefix: false,
    tags: [],
    categories: [],
    types: [],
  };
  let lastTokenWasWord = false;
  for (const match of raw.matchAll(TOKEN)) {
    const [, quotedKey, quotedValue, key, value, phrase, word] = match;
    lastTokenWasWord = false;
    const filterKey = (quotedKey ?? key)?.toLowerCase();
    const filterValue = quotedValue ?? value;
    if (filterKey !== undefined && filterValue !== undefined) {
      if (applyFilter(query, filterKey, filterValue.trim())) continue;
      query.terms.push(...words(`${filterKey} ${filterValue}`));
      continue;
    }
    if (phrase !== undefined) {
      const phraseWords = words(phrase);
      if (phraseWords.length > 1) query.phrases.push(phraseWords.join(' '));
      else query.terms.push(...phraseWords);
      continue;
    }
    if (word !== undefined) {
      const found = words(word);
      query.terms.push(...found);
      lastTokenWasWord = found.length > 0;
    }
  }
  query.terms = [...new Set(query.terms)].slice(0, MAX_TERMS);
  query.lastTermIsPrefix = lastTokenWasWord && !/\s$/.test(raw);
  if (!hasText(query) && !hasFilter(query)) {
    throw new SearchQueryError(
      'has nothing to search for: type a word, a "phrase" or a filter such as tag:name',
    );
  }
  if (query.before && query.after && query.after >= query.before) {
    throw new SearchQueryError('after: must be earlier than before:');
  }
  return query;
}

function applyFilter(query: ParsedSearchQuery, key: string, value: string): boolean {
  switch (key) {
    case 'tag':
      if (value) query.tags.push(value.toLowerCase());
      return true;
    case 'category':
      if (value) query.categories.push(value);
      return true;
    case 'type': {
      const type = value.toLowerCase() as RelationshipType;
      if (!RELATIONSHIP_TYPES.includes(type)) {
        throw new SearchQueryError(`type: must be one of ${RELATIONSHIP_TYPES.join(', ')} (got "${value}")`);
      }
      query.types.push(type);
      return true;
    }
    case 'is':
      if (value.toLowerCase() !== 'favorite' && value.toLowerCase() !== 'favourite') {
        throw new SearchQueryError(`is: only knows "favorite" (got "${value}")`);
      }
      query.favorite = true;
      return true;
    case 'before':
      query.before = parseDate('before', value);
      return true;
    case 'after':
      query.after = parseDate('after', value);
      return true;
    default:
      return false;
  }
}

export function hasText(query: ParsedSearchQuery): boolean {
  return query.terms.length > 0 || query.phrases.length > 0;
}

function hasFilter(query: ParsedSearchQuery): boolean {
  return (
    query.tags.length > 0 ||
    query.categories.length > 0 ||
    query.types.length > 0 ||
    query.favorite !== undefined ||
    query.before !== undefined ||
    query.after !== undefined
  );
}

/** Lucene's special characters, escaped so user text is always searched as text. */
export function escapeLucene(text: string): string {
  return text.replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, (c) => `\\${c}`);
}

const LUCENE_KEYWORDS = new Set(['and', 'or', 'not', 'to']);

/**
 * Each word required: the title counts triple, the word being typed also matches as a prefix
 * and, with `typos`, a word one edit away matches too.
 */
function wordClauses(query: ParsedSearchQuery, typos: boolean): string[] {
  const last = query.terms.length - 1;
  return query.terms.map((term, index) => {
    // Lucene treats bare AND/OR/NOT as operators; quoting keeps them words.
    if (LUCENE_KEYWORDS.has(term)) return `+(title:"${term}"^3 "${term}")`;
    const word = escapeLucene(term);
    const alternatives = [`title:${word}^3`, word];
    if (typos && term.length >= 4) alternatives.push(`${word}~1`);
    if (query.lastTermIsPrefix && index === last) alternatives.push(`${word}*`);
    return `+(${alternatives.join(' ')})`;
  });
}

function phraseClauses(query: ParsedSearchQuery): string[] {
  return query.phrases.map((phrase) => {
    const quoted = `"${escapeLucene(phrase)}"`;
    return `+(title:${quoted}^3 ${quoted})`;
  });
}

/** Whether a word is long enough to match with a typo (4+ letters, not an operator word). */
function hasTypoTolerantWord(query: ParsedSearchQuery): boolean {
  return query.terms.some((term) => term.length >= 4 && !LUCENE_KEYWORDS.has(term));
}

/**
 * The Lucene query for Neo4j's full-text index: every word is required, the title counts
 * triple, the word being typed matches as a prefix and, with `typos`, a word one edit away
 * still matches. Returns null when the query has no text (filters only).
 */
export function toLuceneQuery(query: ParsedSearchQuery, { typos = true } = {}): string | null {
  if (!hasText(query)) return null;
  return [...wordClauses(query, typos), ...phraseClauses(query)].join(' ');
}

/**
 * The Lucene queries of one user's search, null without text: `exact` finds the insights where
 * every word is spelt as typed (or is the prefix being typed); `typo`, when a word is long
 * enough to have one, also forgives one edit in each word. Results rank tier by tier (fewer
 * typos first, as Meilisearch ranks), so a common word's exact matches fill the page without
 * Lucene expanding each word to every term one edit away, which costs more than the exact
 * search itself. `typo` also matches `exact`'s hits; the caller leaves those out.
 *
 * Both require the owner and every `tag:` (the index holds `userId` and the tags' words), so
 * Lucene ranks only the caller's candidates rather than every user's matches being filtered
 * afterwards. The tag clause is a superset of the exact tag filter (a tag's words, wherever they
 * stand among the tags), which Cypher still applies; a tag without letters or digits has no
 * words to match and adds no clause.
 */
export function toOwnedLuceneQueries(
  query: ParsedSearchQuery,
  userId: string,
): { exact: string; typo: string | null } | null {
  const exact = toLuceneQuery(query, { typos: false });
  if (exact === null) return null;
  const owner = [
    `+userId:"${escapeLucene(userId)}"`,
    ...query.tags.filter((tag) => /[\p{L}\p{N}]/u.test(tag)).map((tag) => `+tagText:"${escapeLucene(tag)}"`),
  ];
  const owned = (text: string) => [...owner, text].join(' ');
  const typo = hasTypoTolerantWord(query) ? toLuceneQuery(query) : null;
  return { exact: owned(exact), typo: typo === null ? null : owned(typo) };
}
