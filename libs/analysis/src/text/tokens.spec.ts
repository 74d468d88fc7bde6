import { readingTimeMinutes } from './reading-time';
import { countWords, splitSentences, tokenise } from './tokens';

describe('tokenise', () => {
  it('finds words with accents, digits and inner apostrophes', () => {
    expect(tokenise("Não é k8s, it's d'água!").map((word) => word.surface)).toEqual([
      'Não',
      'é',
      'k8s',
      "it's",
      "d'água",
    ]);
  });

  it('composes decomposed accents so both spellings give the same word', () => {
    expect(tokenise('informac\u0327a\u0303o')[0].lower).toBe(tokenise('informação')[0].lower);
  });

  it('counts the same words it finds', () => {
    const text = 'One two, três — quatro.';
    expect(countWords(text)).toBe(tokenise(text).length);
    expect(countWords(text)).toBe(4);
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations followed by lowercase', () => {
    const sentences = splitSentences('It works, e.g. with v1.2 too. Second one! Third?\n\nNew block');
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'It works, e.g. with v1.2 too.',
      'Second one!',
      'Third?',
      'New block',
    ]);
    expect(sentences.map((sentence) => sentence.firstInBlock)).toEqual([true, false, false, true]);
  });
});

describe('readingTimeMinutes', () => {
  it('reads about 200 words a minute, at least one minute for any text', () => {
    expect(readingTimeMinutes(0)).toBe(0);
    expect(readingTimeMinutes(20)).toBe(1);
    expect(readingTimeMinutes(1_000)).toBe(5);
  });
});
