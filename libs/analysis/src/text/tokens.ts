/** One word of running text as written, and lowercased. */
export interface WordToken {
  surface: string;
  lower: string;
}

// Letters/digits with inner apostrophes ("don't", "d'água"); combining marks stay attached.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** The words of a plain text, in order. */
export function tokenise(text: string): WordToken[] {
  const words: WordToken[] = [];
  for (const match of text.normalize('NFC').matchAll(WORD)) {
    const surface = match[0];
    words.push({ surface, lower: surface.toLowerCase() });
  }
  return words;
}

/** How many words a plain text has (the same words `tokenise` finds). */
export function countWords(text: string): number {
  return text.normalize('NFC').match(WORD)?.length ?? 0;
}

// A sentence ends at . ! ? … (maybe followed by closing quotes/brackets) before whitespace and
// something that is not a lowercase letter, so "e.g. this" and "v1.2" stay in one sentence.
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]*)\s+(?=[^\p{Ll}])/u;

/** Sentences of a plain text whose blocks are separated by blank lines (see `stripMarkdown`). */
export function splitSentences(text: string): { text: string; firstInBlock: boolean }[] {
  const sentences: { text: string; firstInBlock: boolean }[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let first = true;
    for (const piece of block.replace(/\s+/g, ' ').split(SENTENCE_END)) {
      const sentence = piece.trim();
      if (!sentence) continue;
      sentences.push({ text: sentence, firstInBlock: first });
      first = false;
    }
  }
  return sentences;
}
