import { languageTools } from '../language/language-tools';
import { stripMarkdown } from '../text/markdown';
import { tokenise } from '../text/tokens';
import { type TermCount, TermCounter } from './terms';

/**
 * What TF-IDF needs to know about the owner's corpus. The caller keeps document frequencies
 * incrementally (see `corpusChange`); it may describe the corpus with or without the document
 * being analysed, since the smoothed IDF tolerates both.
 */
export interface CorpusStats {
  documentCount: number;
  /** In how many of the owner's documents the stem occurs. */
  documentFrequency(stem: string): number;
}

/** A keyword of a document. */
export interface Keyword {
  /** A readable form of the word as the text writes it ("caching"). */
  term: string;
  /** What matches across documents and word forms ("cach"). */
  stem: string;
  /**
   * TF-IDF weight, 0–1, L2-normalised over all the document's stems: comparable across
   * documents, and the dot product of two documents' weights approximates their cosine similarity.
   */
  weight: number;
  /** How often the stem occurs in the text. */
  occurrences: number;
}

export const DEFAULT_KEYWORD_LIMIT = 10;

/** Text to analyse: Markdown content and an optional title whose words count extra. */
export interface TextInput {
  title?: string;
  content: string;
}

/** How many times a title word counts, compared with a word of the content. */
export const TITLE_WEIGHT = 2;

function countTerms(input: string | TextInput, language: string): TermCount[] {
  const { title, content } = typeof input === 'string' ? { title: '', content: input } : input;
  const counter = new TermCounter(languageTools(language));
  if (title) counter.add(tokenise(stripMarkdown(title)), TITLE_WEIGHT);
  counter.add(tokenise(stripMarkdown(content)));
  return counter.counts();
}

/** Scores terms by TF-IDF (sublinear TF, smoothed IDF) and returns the best `limit`. */
export function rankKeywords(
  terms: readonly TermCount[],
  corpus: CorpusStats,
  limit = DEFAULT_KEYWORD_LIMIT,
): Keyword[] {
  const documentCount = Math.max(0, corpus.documentCount);
  const scored = terms.map((term) => {
    const frequency = Math.min(Math.max(0, corpus.documentFrequency(term.stem)), documentCount);
    const idf = Math.log((1 + documentCount) / (1 + frequency)) + 1;
    return { term, score: (1 + Math.log(term.weightedCount)) * idf };
  });
  const norm = Math.sqrt(scored.reduce((sum, { score }) => sum + score * score, 0));
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.term.weightedCount - a.term.weightedCount ||
        a.term.firstIndex - b.term.firstIndex,
    )
    .slice(0, Math.max(0, limit))
    .map(({ term, score }) => ({
      term: term.term,
      stem: term.stem,
      weight: Math.round((score / norm) * 10_000) / 10_000,
      occurrences: term.occurrences,
    }));
}

/**
 * The top keywords of a Markdown text in a language (see `detectLanguage`), scored by TF-IDF
 * against the owner's corpus.
 */
export function extractKeywords(
  input: string | TextInput,
  language: string,
  corpus: CorpusStats,
  limit = DEFAULT_KEYWORD_LIMIT,
): Keyword[] {
  return rankKeywords(countTerms(input, language), corpus, limit);
}

/**
 * The distinct stems of a text, sorted: what the document adds to the owner's document
 * frequencies. Store it with the document and pass old and new sets to `corpusChange`.
 */
export function documentStems(input: string | TextInput, language: string): string[] {
  return countTerms(input, language)
    .map((term) => term.stem)
    .sort();
}
