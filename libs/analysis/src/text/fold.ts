/** Lowercase without diacritics ("Informação" → "informacao"), for comparisons that must ignore accents. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();
}
