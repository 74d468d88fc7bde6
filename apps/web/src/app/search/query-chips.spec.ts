import pt from '../i18n/pt';
import { translatorFor } from '../i18n/translate';
import { parseQuery, removeChip } from './query-chips';

describe('parseQuery', () => {
  it('recognises the filters and leaves the words', () => {
    const parsed = parseQuery(
      'coffee tag:Health category:"Deep Work" is:favorite after:2025-01-01 "half life"',
    );

    expect(parsed.text).toBe('coffee "half life"');
    expect(parsed.chips.map((chip) => [chip.key, chip.label, chip.problem])).toEqual([
      ['tag', 'Tag: health', undefined],
      ['category', 'Category: Deep Work', undefined],
      ['is', 'Favourites', undefined],
      ['after', 'After 2025-01-01', undefined],
    ]);
  });

  it('flags filters the API will refuse, with the reason', () => {
    const chips = parseQuery('before:yesterday is:done type:likes type:supports').chips;

    expect(chips.map((chip) => chip.problem ?? 'ok')).toEqual([
      'expects a date as YYYY-MM-DD',
      'only is:favorite is known',
      expect.stringContaining('is not a relationship type'),
      'ok',
    ]);
  });

  it('says the chips and their problems in Portuguese when that is the language', () => {
    const chips = parseQuery('tag:Saúde type:supported_by is:favorite before:ontem', translatorFor(pt)).chips;

    expect(chips.map((chip) => [chip.label, chip.problem])).toEqual([
      ['Etiqueta: saúde', undefined],
      ['Ligada como: apoiada por', undefined],
      ['Favoritas', undefined],
      ['before: ontem', 'espera uma data no formato AAAA-MM-DD'],
    ]);
  });

  it('treats unknown keys and empty values as text, not filters', () => {
    const parsed = parseQuery('http://example.org tag: note');

    expect(parsed.chips).toEqual([]);
    // A bare `tag:` is a word to the API too.
    expect(parsed.text).toBe('http://example.org tag: note');
  });

  it('removes exactly the chosen chip', () => {
    const query = 'tag:a coffee tag:b';
    const [, second] = parseQuery(query).chips;

    expect(removeChip(query, second)).toBe('tag:a coffee');
  });
});
