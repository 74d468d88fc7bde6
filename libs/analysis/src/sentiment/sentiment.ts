import afinnPortuguese from '@nlpjs/lang-pt/src/sentiment/afinn_pt.json';
import portugueseNegations from '@nlpjs/lang-pt/src/sentiment/negations_pt.json';
import Sentiment from 'sentiment';
import { newStemmer } from 'snowball-stemmers';
import { foldAccents } from '../text/fold';
import { tokenise } from '../text/tokens';

/** Sentiment of a text: −1 (negative) … 1 (positive), with the words that decided it. */
export interface SentimentResult {
  score: number;
  positive: string[];
  negative: string[];
}

/** Languages with a sentiment lexicon. */
export const SENTIMENT_LANGUAGES = ['en', 'pt'] as const;

// Portuguese: nlp.js's AFINN translation, keyed by the Snowball stem of the word without accents.
const PORTUGUESE = 'pt';
const portugueseStemmer = newStemmer('portuguese');
const portugueseLabels: Record<string, number> = { ...afinnPortuguese };

const portugueseKeys = new Map<string, string>();
const KEY_CACHE_LIMIT = 50_000;

// The lexicon was stemmed after removing accents; Snowball also stems well with them. Try both.
function portugueseKey(lowerWord: string): string {
  let key = portugueseKeys.get(lowerWord);
  if (key === undefined) {
    key = portugueseStemmer.stem(foldAccents(lowerWord));
    if (!Object.hasOwn(portugueseLabels, key)) {
      const accentedStem = foldAccents(portugueseStemmer.stem(lowerWord));
      if (Object.hasOwn(portugueseLabels, accentedStem)) key = accentedStem;
    }
    if (portugueseKeys.size >= KEY_CACHE_LIMIT) portugueseKeys.clear();
    portugueseKeys.set(lowerWord, key);
  }
  return key;
}

const portugueseNegators = new Set(portugueseNegations.words.map((word) => portugueseKey(word)));

const analyser = new Sentiment();
analyser.registerLanguage(PORTUGUESE, {
  labels: portugueseLabels,
  scoringStrategy: {
    // "não gostei": a negation flips the valence of the word after it, as in the English lexicon.
    apply: (tokens, cursor, tokenScore) =>
      cursor > 0 && portugueseNegators.has(tokens[cursor - 1]) ? -tokenScore : tokenScore,
  },
});

// VADER's normalisation of a summed valence into −1..1: one strong word ≈ ±0.6, several → ±1.
const NORMALISATION_ALPHA = 15;

/**
 * AFINN-based sentiment for English (`sentiment`'s AFINN-165) and Portuguese; null for other
 * languages. Negations ("not good", "não gostei") flip the next word.
 */
export function analyseSentiment(plainText: string, language: string): SentimentResult | null {
  if (language === 'en') {
    const result = analyser.analyze(plainText, { language: 'en' });
    return {
      score: normalise(result.score),
      positive: unique(result.positive),
      negative: unique(result.negative),
    };
  }
  if (language === PORTUGUESE) {
    const surfaces = new Map<string, string>();
    const keys = tokenise(plainText).map((word) => {
      const key = portugueseKey(word.lower);
      if (!surfaces.has(key)) surfaces.set(key, word.lower);
      return key;
    });
    const result = analyser.analyze(keys.join(' '), { language: PORTUGUESE });
    const surface = (key: string): string => surfaces.get(key) ?? key;
    return {
      score: normalise(result.score),
      positive: unique(result.positive.map(surface)),
      negative: unique(result.negative.map(surface)),
    };
  }
  return null;
}

function normalise(score: number): number {
  return Math.round((score / Math.sqrt(score * score + NORMALISATION_ALPHA)) * 1000) / 1000;
}

// `sentiment` walks the tokens backwards; give the words in reading order, once each.
function unique(words: readonly string[]): string[] {
  return [...new Set([...words].reverse())];
}
