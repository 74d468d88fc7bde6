import { type SentenceTerms, summarise } from './summary';

function sentence(text: string, stems: string[], firstInBlock = false): SentenceTerms {
  return { text, stems, wordCount: text.split(/\s+/).length, firstInBlock };
}

const filler = (n: number): SentenceTerms =>
  sentence(
    `Filler sentence number ${n} talks about other small matters here.`,
    ['filler', 'matter'],
    n === 0,
  );

describe('summarise', () => {
  const weights = new Map([
    ['cach', 0.6],
    ['latenc', 0.5],
    ['filler', 0.05],
    ['matter', 0.05],
  ]);

  it('picks the sentence with the key terms', () => {
    const sentences = [
      filler(0),
      filler(1),
      sentence('The cache cut the latency of every list request by ten times.', ['cach', 'latenc']),
      ...Array.from({ length: 8 }, (_, n) => filler(n + 2)),
    ];
    expect(summarise(sentences, weights)).toBe(
      'The cache cut the latency of every list request by ten times.',
    );
  });

  it('gives two sentences, in text order, for a long text', () => {
    const sentences = [
      sentence('Latency of the list is what users notice first and complain about.', ['latenc']),
      ...Array.from({ length: 30 }, (_, n) => filler(n + 1)),
      sentence('The cache cut the latency of every list request by ten times.', ['cach', 'latenc']),
    ];
    expect(summarise(sentences, weights)).toBe(
      'Latency of the list is what users notice first and complain about. The cache cut the latency of every list request by ten times.',
    );
  });

  it('gives nothing for a short text', () => {
    const sentences = [sentence('The cache cut the latency of every list request.', ['cach', 'latenc'])];
    expect(summarise(sentences, weights)).toBeNull();
  });

  it('skips headings and fragments', () => {
    const sentences = [
      sentence('Cache latency', ['cach', 'latenc'], true),
      ...Array.from({ length: 12 }, (_, n) => filler(n)),
    ];
    expect(summarise(sentences, weights)).toMatch(/^Filler sentence/);
  });
});
