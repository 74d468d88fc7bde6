/** A sentence of a document with the stems it contains (see `prepareDocument`). */
export interface SentenceTerms {
  text: string;
  stems: readonly string[];
  wordCount: number;
  /** First sentence of its paragraph, heading or list item. */
  firstInBlock: boolean;
}

export interface SummaryOptions {
  /** Texts shorter than this get no summary (default 100 words). */
  minWords?: number;
  /** From this many words on, two sentences (default 250). */
  twoSentencesFromWords?: number;
}

// Headings, list fragments and run-ons make poor summaries.
const MIN_SENTENCE_WORDS = 6;
const MAX_SENTENCE_WORDS = 60;
const MAX_SENTENCE_CHARACTERS = 400;

/**
 * An extractive summary: the one or two sentences that carry most keyword weight for their
 * length, favouring the opening of the text and of paragraphs; in text order. Null when the
 * text is short or has no sentence worth quoting.
 */
export function summarise(
  sentences: readonly SentenceTerms[],
  stemWeights: ReadonlyMap<string, number>,
  options: SummaryOptions = {},
): string | null {
  const minWords = options.minWords ?? 100;
  const twoFrom = options.twoSentencesFromWords ?? 250;
  const totalWords = sentences.reduce((sum, sentence) => sum + sentence.wordCount, 0);
  if (totalWords < minWords) return null;

  const candidates = sentences
    .map((sentence, index) => ({ sentence, index, score: sentenceScore(sentence, index, stemWeights) }))
    .filter(
      ({ sentence, score }) =>
        score > 0 &&
        sentence.wordCount >= MIN_SENTENCE_WORDS &&
        sentence.wordCount <= MAX_SENTENCE_WORDS &&
        sentence.text.length <= MAX_SENTENCE_CHARACTERS,
    )
    .sort((a, b) => b.score - a.score || a.index - b.index);
  if (candidates.length === 0) return null;

  const chosen = candidates.slice(0, totalWords >= twoFrom ? 2 : 1).sort((a, b) => a.index - b.index);
  return chosen.map(({ sentence }) => sentence.text).join(' ');
}

function sentenceScore(
  sentence: SentenceTerms,
  index: number,
  stemWeights: ReadonlyMap<string, number>,
): number {
  let weight = 0;
  for (const stem of sentence.stems) weight += stemWeights.get(stem) ?? 0;
  // Dividing by √length rewards density without handing the prize to the shortest sentence.
  const density = weight / Math.sqrt(Math.max(sentence.wordCount, 1));
  const position = index === 0 ? 1.2 : sentence.firstInBlock ? 1.1 : 1;
  return density * position;
}
