import { detectAll } from 'tinyld';
import { foldAccents } from '../text/fold';
import { tokenise } from '../text/tokens';
import { UNDETERMINED } from './language-tools';

// Detection reads the start of a text: enough to tell, and long notes cost no more.
const SAMPLE_CHARACTERS = 1_000;
const MIN_WORDS = 3;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

// Function words of the two languages users write here, each absent from the other language and
// from its usual neighbours (Spanish, French, Dutch, German). Short technical notes are full of
// English jargon that pulls the n-gram detector elsewhere ("TIL: the event loop blocks…" reads
// as Czech to it); these words settle such cases.
const FUNCTION_WORDS: Record<'en' | 'pt', ReadonlySet<string>> = {
  en: wordSet(`
    the and of to are were that this these those with when what which who it its be been
    have has for not but or from by you they my our their there would can could should
    about into than then after how why does did if at your all just also
  `),
  pt: wordSet(`
    nao tambem voce uma um ao aos das da em ele ela eles elas isso isto essa esse muito
    muita mais seu sua meu minha ja pelo pela pelos pelas nem num numa entao foi sao estao
    tem quando ou com depois ainda agora hoje fazer ter
  `),
};

const LANGUAGE_PAIRS = [
  ['en', 'pt'],
  ['pt', 'en'],
] as const;

/**
 * The language of a plain text as an ISO 639-1 code ("pt", "en", "fr", …), or `und` when the
 * text is too short to tell. Clear English or Portuguese prose is told by its function words;
 * anything else by `tinyld`'s n-gram model (bundled with the package; nothing is downloaded).
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARACTERS);
  const words = tokenise(sample);
  if (words.filter((word) => /\p{L}/u.test(word.lower)).length < MIN_WORDS) return UNDETERMINED;

  const hits = { en: 0, pt: 0 };
  for (const word of words) {
    const folded = /[\u0080-\uffff]/.test(word.lower) ? foldAccents(word.lower) : word.lower;
    if (FUNCTION_WORDS.en.has(folded)) hits.en += 1;
    if (FUNCTION_WORDS.pt.has(folded)) hits.pt += 1;
  }
  // Running English or Portuguese prose is a fifth or more function words of its own: decided
  // without the n-gram model, which costs ~0.2 ms a call whatever the length.
  for (const [language, other] of LANGUAGE_PAIRS) {
    const decisive = hits[language] >= 8 && hits[language] >= 0.2 * words.length;
    if (decisive && hits[other] * 4 <= hits[language]) return language;
  }

  const detected = detectAll(sample)[0]?.lang;
  if (detected === 'en' || detected === 'pt') return detected;
  for (const [language, other] of LANGUAGE_PAIRS) {
    const enough = hits[language] >= 2 && hits[language] >= 0.15 * words.length;
    if (enough && hits[language] >= 3 * hits[other]) return language;
  }
  return detected ?? UNDETERMINED;
}
