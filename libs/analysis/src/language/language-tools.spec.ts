import { languageTools } from './language-tools';

describe('languageTools', () => {
  it('stems English word forms to one stem', () => {
    const english = languageTools('en');
    expect(new Set(['caching', 'cache', 'cached', 'caches'].map((word) => english.stem(word)))).toEqual(
      new Set(['cach']),
    );
    expect(english.stem('queries')).toBe(english.stem('query'));
  });

  it('stems Portuguese with its accents and returns stems without them', () => {
    const portuguese = languageTools('pt');
    expect(portuguese.stem('informação')).toBe(portuguese.stem('informações'));
    expect(portuguese.stem('índices')).toBe('indic');
    expect(portuguese.stem('indices')).toBe('indic');
    expect(portuguese.stem('solução')).toBe(portuguese.stem('solucao'));
  });

  it('keeps words with digits whole', () => {
    expect(languageTools('en').stem('http2')).toBe('http2');
  });

  it('knows stop words with and without accents', () => {
    const portuguese = languageTools('pt');
    expect(portuguese.isStopWord('não')).toBe(true);
    expect(portuguese.isStopWord('nao')).toBe(true);
    expect(portuguese.isStopWord('você')).toBe(true);
    expect(portuguese.isStopWord('consulta')).toBe(false);
    // The fuller Brazilian list counts "sistema" as a stop word; in notes it is a topic.
    expect(portuguese.isStopWord('sistema')).toBe(false);
    expect(languageTools('en').isStopWord('the')).toBe(true);
    expect(languageTools('en').isStopWord('latency')).toBe(false);
  });

  it('uses both English and Portuguese stop words when the language is undetermined', () => {
    const undetermined = languageTools('und');
    expect(undetermined.isStopWord('the')).toBe(true);
    expect(undetermined.isStopWord('não')).toBe(true);
    expect(undetermined.stem('caching')).toBe('caching');
  });

  it('uses the stemmer of other languages that have one', () => {
    expect(languageTools('es').stem('consultas')).toBe(languageTools('es').stem('consulta'));
    expect(languageTools('de').isStopWord('und')).toBe(true);
  });
});
