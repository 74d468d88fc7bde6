export {
  ANALYSIS_VERSION,
  analyseDocument,
  analyseText,
  prepareDocument,
  type AnalysisOptions,
  type PreparedDocument,
  type TextAnalysis,
} from './analyse-text';
export {
  applyCorpusChange,
  corpusChange,
  corpusStats,
  emptyCorpus,
  type CorpusChange,
  type CorpusSnapshot,
} from './keywords/corpus';
export {
  DEFAULT_KEYWORD_LIMIT,
  documentStems,
  extractKeywords,
  type CorpusStats,
  type Keyword,
  type TextInput,
} from './keywords/keywords';
export { detectLanguage } from './language/detect-language';
export { FULLY_SUPPORTED_LANGUAGES, UNDETERMINED } from './language/language-tools';
export { analyseSentiment, SENTIMENT_LANGUAGES, type SentimentResult } from './sentiment/sentiment';
export { summarise, type SentenceTerms, type SummaryOptions } from './summary/summary';
export {
  suggestTags,
  type SimilarInsightTags,
  type TagSuggestion,
  type TagSuggestionInput,
  type TagUsage,
} from './tags/suggest-tags';
export { stripMarkdown } from './text/markdown';
export { READING_WORDS_PER_MINUTE, readingTimeMinutes } from './text/reading-time';
export { countWords, tokenise, type WordToken } from './text/tokens';
export type { TermCount } from './keywords/terms';
