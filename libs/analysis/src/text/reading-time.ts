/** Words per minute of an adult reading prose silently. */
export const READING_WORDS_PER_MINUTE = 200;

/** Whole minutes to read `wordCount` words: at least 1 for any text, 0 for none. */
export function readingTimeMinutes(wordCount: number): number {
  return wordCount <= 0 ? 0 : Math.max(1, Math.round(wordCount / READING_WORDS_PER_MINUTE));
}
