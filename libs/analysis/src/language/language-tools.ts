import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { foldAccents } from '../text/fold';
import { stopWordsFor } from './stop-words';

/** Undetermined language (ISO 639-2 `und`): text too short or too mixed to tell. */
export const UNDETERMINED = 'und';

/** Languages with a sentiment lexicon as well as stop words and a stemmer. */
export const FULLY_SUPPORTED_LANGUAGES = ['en', 'pt'] as const;

// ISO 639-1 → Snowball algorithm (`snowball-stemmers`).
const SNOWBALL_ALGORITHMS: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  hy: 'armenian',
  it: 'italian',
  nb: 'norwegian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

// Stems repeat across documents; past this many the cache starts afresh rather than grow.
const STEM_CACHE_LIMIT = 50_000;

/** Stop words and stemming for one language. */
export interface LanguageTools {
  readonly language: string;
  readonly hasStemmer: boolean;
  /**
   * The stem of a lowercase word, without accents so "solução" and "solucao" meet. Words with
   * digits ("k8s", "http2") are kept whole.
   */
  stem(lowerWord: string): string;
  isStopWord(lowerWord: string): boolean;
}

class SnowballLanguageTools implements LanguageTools {
  private readonly cache = new Map<string, string>();
  private readonly stopWords: ReadonlySet<string>;
  readonly hasStemmer: boolean;

  constructor(
    readonly language: string,
    private readonly stemmer: Stemmer | null,
    stopWords: ReadonlySet<string>,
  ) {
    this.stopWords = stopWords;
    this.hasStemmer = stemmer !== null;
  }

  stem(lowerWord: string): string {
    let stem = this.cache.get(lowerWord);
    if (stem === undefined) {
      // Snowball's rules expect accented input ("informação" → "inform"); accents go afterwards.
      stem = this.stemmer && !/\p{N}/u.test(lowerWord) ? this.stemmer.stem(lowerWord) : lowerWord;
      stem = foldAccents(stem);
      if (this.cache.size >= STEM_CACHE_LIMIT) this.cache.clear();
      this.cache.set(lowerWord, stem);
    }
    return stem;
  }

  isStopWord(lowerWord: string): boolean {
    if (this.stopWords.has(lowerWord)) return true;
    return /[\u0080-\uffff]/.test(lowerWord) && this.stopWords.has(foldAccents(lowerWord));
  }
}

const toolsByLanguage = new Map<string, LanguageTools>();

/**
 * Tools for a detected language. Languages without a Snowball stemmer keep words whole; an
 * undetermined language uses English and Portuguese stop words (the languages users write here).
 */
export function languageTools(language: string): LanguageTools {
  let tools = toolsByLanguage.get(language);
  if (!tools) {
    const algorithm = SNOWBALL_ALGORITHMS[language];
    const stopWords =
      language === UNDETERMINED
        ? new Set([...stopWordsFor('en'), ...stopWordsFor('pt')])
        : stopWordsFor(language);
    tools = new SnowballLanguageTools(language, algorithm ? newStemmer(algorithm) : null, stopWords);
    toolsByLanguage.set(language, tools);
  }
  return tools;
}
