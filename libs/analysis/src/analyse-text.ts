import {
  type CorpusStats,
  DEFAULT_KEYWORD_LIMIT,
  type Keyword,
  rankKeywords,
  type TextInput,
  TITLE_WEIGHT,
} from './keywords/keywords';
import { type TermCount, TermCounter } from './keywords/terms';
import { detectLanguage } from './language/detect-language';
import { languageTools } from './language/language-tools';
import { analyseSentiment } from './sentiment/sentiment';
import { type SentenceTerms, summarise, type SummaryOptions } from './summary/summary';
import { type SimilarInsightTags, suggestTags, type TagSuggestion, type TagUsage } from './tags/suggest-tags';
import { stripMarkdown } from './text/markdown';
import { readingTimeMinutes } from './text/reading-time';
import { splitSentences, tokenise } from './text/tokens';

/** Bumped whenever the analysis would give different results for the same text. */
export const ANALYSIS_VERSION = 1;

/** A text tokenised, stemmed and split into sentences, ready for `analyseDocument`. */
export interface PreparedDocument {
  /** ISO 639-1 code, or `und`. */
  language: string;
  /** The content as plain text (Markdown stripped). */
  text: string;
  /** Words of the content (the title is not counted). */
  wordCount: number;
  /**
   * Distinct stems of title and content, sorted: the document's contribution to the owner's
   * document frequencies. Look their frequencies up before `analyseDocument`.
   */
  stems: string[];
  terms: TermCount[];
  sentences: SentenceTerms[];
  /** Title and content as plain text, for sentiment. */
  fullText: string;
}

/**
 * Strips Markdown, detects the language (unless given), tokenises, removes stop words and stems.
 * Pure and synchronous; `stems` tells the caller which document frequencies to fetch.
 */
export function prepareDocument(input: TextInput, options: { language?: string } = {}): PreparedDocument {
  const title = stripMarkdown(input.title ?? '');
  const text = stripMarkdown(input.content);
  const fullText = title ? `${title}\n\n${text}` : text;
  const language = options.language ?? detectLanguage(fullText);
  const counter = new TermCounter(languageTools(language));
  if (title) counter.add(tokenise(title), TITLE_WEIGHT);
  const sentences = splitSentences(text).map(({ text: sentence, firstInBlock }) => {
    const words = tokenise(sentence);
    return { text: sentence, stems: counter.add(words), wordCount: words.length, firstInBlock };
  });
  const terms = counter.counts();
  return {
    language,
    text,
    wordCount: sentences.reduce((sum, sentence) => sum + sentence.wordCount, 0),
    stems: terms.map((term) => term.stem).sort(),
    terms,
    sentences,
    fullText,
  };
}

export interface AnalysisOptions extends SummaryOptions {
  /** The owner's corpus; defaults to none (weights are then by term frequency alone). */
  corpus?: CorpusStats;
  /** How many keywords to keep (default 10). */
  keywordLimit?: number;
  /** The owner's tags with usage counts: tag suggestions are made when given. */
  existingTags?: readonly TagUsage[];
  currentTags?: readonly string[];
  similarInsights?: readonly SimilarInsightTags[];
  /** At most this many tag suggestions (default 5). */
  tagLimit?: number;
}

/** What the analysis of one text found; a plain object, ready to store. */
export interface TextAnalysis {
  version: number;
  language: string;
  wordCount: number;
  readingTimeMinutes: number;
  /** −1..1, null for languages without a sentiment lexicon. */
  sentiment: number | null;
  keywords: Keyword[];
  /** Extractive summary (one or two sentences) of a long text, else null. */
  summary: string | null;
  tagSuggestions: TagSuggestion[];
}

const NO_CORPUS: CorpusStats = { documentCount: 0, documentFrequency: () => 0 };
// Tag suggestions look further down the keyword list than what is stored.
const TAG_KEYWORD_LIMIT = 25;

/** Keywords, sentiment, reading figures, summary and tag suggestions of a prepared text. */
export function analyseDocument(document: PreparedDocument, options: AnalysisOptions = {}): TextAnalysis {
  const ranked = rankKeywords(document.terms, options.corpus ?? NO_CORPUS, Number.POSITIVE_INFINITY);
  const weights = new Map(ranked.map((keyword) => [keyword.stem, keyword.weight]));
  const sentiment = analyseSentiment(document.fullText, document.language);
  return {
    version: ANALYSIS_VERSION,
    language: document.language,
    wordCount: document.wordCount,
    readingTimeMinutes: readingTimeMinutes(document.wordCount),
    sentiment: sentiment?.score ?? null,
    keywords: ranked.slice(0, options.keywordLimit ?? DEFAULT_KEYWORD_LIMIT),
    summary: summarise(document.sentences, weights, options),
    tagSuggestions: options.existingTags
      ? suggestTags({
          keywords: ranked.slice(0, TAG_KEYWORD_LIMIT),
          language: document.language,
          existingTags: options.existingTags,
          currentTags: options.currentTags,
          similarInsights: options.similarInsights,
          limit: options.tagLimit,
        })
      : [],
  };
}

/** `analyseDocument(prepareDocument(input), options)`, for callers that have the corpus at hand. */
export function analyseText(input: TextInput, options: AnalysisOptions = {}): TextAnalysis {
  return analyseDocument(prepareDocument(input), options);
}
