import * as stopword from 'stopword';
import { foldAccents } from '../text/fold';

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

// Words that carry no topic in personal notes but are missing from the `stopword` lists.
const EXTRA_STOP_WORDS: Record<string, readonly string[]> = {
  en: words(`
    also just really actually use used using uses get gets getting got one two thing things
    lot lots via etc yes no not maybe however always every even today yesterday til need
    needs want went goes going done does let put without whether yet us instead often quite
    something anything nothing everything why new first last next less enough almost
    already per within see seen make makes made way ways kind sure bit stuff part overall
    otherwise around anyway able unless though although across keep keeps kept turn turned
    turns stay stays since thus
  `),
  pt: words(`
    pra pro pras pros aí ter tá né vez coisa coisas hoje ontem
  `),
};

// `porBr` is the fuller Portuguese list but counts a few topical nouns as stop words.
const PORTUGUESE_TOPIC_WORDS = new Set(
  words(`
    sistema trabalho grupo conselho viagem obra apoio área relação questão posição nível
    número nome local lugar noite dia mês meses ano anos hora horas momento forma parte
    ponto pontos certeza dúvida
  `),
);

// ISO 639-1 (what detection reports) → the `stopword` package's list names.
const STOPWORD_LISTS: Record<string, stopword.LanguageCode> = {
  af: 'afr',
  ar: 'ara',
  bg: 'bul',
  bn: 'ben',
  br: 'bre',
  ca: 'cat',
  cs: 'ces',
  da: 'dan',
  de: 'deu',
  el: 'ell',
  en: 'eng',
  eo: 'epo',
  es: 'spa',
  et: 'est',
  eu: 'eus',
  fa: 'fas',
  fi: 'fin',
  fr: 'fra',
  ga: 'gle',
  gl: 'glg',
  gu: 'guj',
  ha: 'hau',
  he: 'heb',
  hi: 'hin',
  hr: 'hrv',
  hu: 'hun',
  hy: 'hye',
  id: 'ind',
  it: 'ita',
  ja: 'jpn',
  ko: 'kor',
  ku: 'kur',
  la: 'lat',
  lt: 'lit',
  lv: 'lav',
  mr: 'mar',
  ms: 'msa',
  my: 'mya',
  nb: 'nob',
  nl: 'nld',
  no: 'nob',
  pl: 'pol',
  pt: 'por',
  ro: 'ron',
  ru: 'rus',
  sk: 'slk',
  sl: 'slv',
  so: 'som',
  st: 'sot',
  sv: 'swe',
  sw: 'swa',
  th: 'tha',
  tl: 'tgl',
  tr: 'tur',
  uk: 'ukr',
  ur: 'urd',
  vi: 'vie',
  yo: 'yor',
  zh: 'zho',
  zu: 'zul',
};

function listFor(language: string): readonly string[] {
  if (language === 'pt') {
    return [...stopword.por, ...stopword.porBr.filter((word) => !PORTUGUESE_TOPIC_WORDS.has(word))];
  }
  const list = STOPWORD_LISTS[language];
  return list ? stopword[list] : [];
}

/** Stop words of a language (ISO 639-1), lowercase and also without accents ("nao" as well as "não"). */
export function stopWordsFor(language: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (const word of [...listFor(language), ...(EXTRA_STOP_WORDS[language] ?? [])]) {
    const lower = word.toLowerCase();
    words.add(lower);
    words.add(foldAccents(lower));
  }
  return words;
}
