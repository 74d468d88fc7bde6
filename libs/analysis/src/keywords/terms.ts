import type { LanguageTools } from '../language/language-tools';
import type { WordToken } from '../text/tokens';

/** One stem of a document with how often it occurs and the form it is usually written in. */
export interface TermCount {
  stem: string;
  /** The most frequent written form: lowercase, unless written with inner capitals ("GraphQL", "API"). */
  term: string;
  occurrences: number;
  /** Occurrences with each title word counted `TITLE_WEIGHT` times. */
  weightedCount: number;
  /** Position of the first occurrence, to break ties in favour of what the text says first. */
  firstIndex: number;
}

interface MutableTerm extends TermCount {
  forms: Map<string, { count: number; display: string }>;
}

/**
 * The stem a word contributes as a keyword candidate, or null for stop words, numbers, words
 * under three letters (but acronyms) and contractions.
 */
export function candidateStem(word: WordToken, tools: LanguageTools): string | null {
  let lower = word.lower;
  if (/['’]/.test(lower)) {
    const possessive = /^(.+)['’]s$/.exec(lower);
    if (!possessive) return null;
    lower = possessive[1];
  }
  // Two-letter words are mostly units and particles ("ms", "ok"); acronyms ("AI", "UI") stay.
  const acronym = lower.length === 2 && /^\p{Lu}+$/u.test(word.surface);
  if ((lower.length < 3 && !acronym) || !/\p{L}/u.test(lower) || tools.isStopWord(lower)) return null;
  const stem = tools.stem(lower);
  return stem.length >= 2 ? stem : null;
}

/** Counts a document's candidate stems, field by field. */
export class TermCounter {
  private readonly terms = new Map<string, MutableTerm>();
  private position = 0;

  constructor(private readonly tools: LanguageTools) {}

  /** Counts the candidate words of one piece of text; returns its distinct stems in order. */
  add(words: readonly WordToken[], weight = 1): string[] {
    const seen = new Set<string>();
    for (const word of words) {
      const index = this.position;
      this.position += 1;
      const stem = candidateStem(word, this.tools);
      if (stem === null) continue;
      seen.add(stem);
      let term = this.terms.get(stem);
      if (!term) {
        term = { stem, term: '', occurrences: 0, weightedCount: 0, firstIndex: index, forms: new Map() };
        this.terms.set(stem, term);
      }
      term.occurrences += 1;
      term.weightedCount += weight;
      const lower = word.lower.replace(/['’]s$/, '');
      const form = term.forms.get(lower);
      const display = /\p{Lu}/u.test(word.surface.slice(1)) ? word.surface.replace(/['’]s$/, '') : lower;
      if (form) form.count += 1;
      else term.forms.set(lower, { count: 1, display });
    }
    return [...seen];
  }

  /** Every counted stem, in order of first occurrence. */
  counts(): TermCount[] {
    return [...this.terms.values()].map(({ forms, ...term }) => {
      let best: { count: number; display: string } | undefined;
      for (const form of forms.values()) if (!best || form.count > best.count) best = form;
      return { ...term, term: best?.display ?? term.stem };
    });
  }
}
