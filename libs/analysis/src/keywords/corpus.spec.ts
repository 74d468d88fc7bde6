import { applyCorpusChange, corpusChange, corpusStats, type CorpusSnapshot, emptyCorpus } from './corpus';

describe('corpusChange', () => {
  it('adds every stem of a new document', () => {
    expect(corpusChange(null, ['cach', 'latenc'])).toEqual({
      documentCountDelta: 1,
      increment: ['cach', 'latenc'],
      decrement: [],
    });
  });

  it('changes only the stems an edit gains or loses', () => {
    expect(corpusChange(['cach', 'latenc', 'redi'], ['cach', 'mongo', 'redi'])).toEqual({
      documentCountDelta: 0,
      increment: ['mongo'],
      decrement: ['latenc'],
    });
  });

  it('removes every stem of a deleted document', () => {
    expect(corpusChange(['cach'], null)).toEqual({
      documentCountDelta: -1,
      increment: [],
      decrement: ['cach'],
    });
  });

  it('changes nothing when a document is re-analysed with the same stems', () => {
    expect(corpusChange(['a1', 'b2'], ['b2', 'a1'])).toEqual({
      documentCountDelta: 0,
      increment: [],
      decrement: [],
    });
  });
});

describe('applyCorpusChange', () => {
  it('counts documents and frequencies through create, edit and delete', () => {
    const snapshot = emptyCorpus();
    applyCorpusChange(snapshot, corpusChange(null, ['cach', 'latenc']));
    applyCorpusChange(snapshot, corpusChange(null, ['cach']));
    expect(snapshot).toEqual({ documentCount: 2, documentFrequencies: { cach: 2, latenc: 1 } });

    applyCorpusChange(snapshot, corpusChange(['cach', 'latenc'], ['cach', 'mongo']));
    expect(snapshot).toEqual({ documentCount: 2, documentFrequencies: { cach: 2, mongo: 1 } });

    applyCorpusChange(snapshot, corpusChange(['cach'], null));
    expect(snapshot).toEqual({ documentCount: 1, documentFrequencies: { cach: 1, mongo: 1 } });
  });

  it('works on a snapshot read back from JSON', () => {
    const stored = JSON.stringify(applyCorpusChange(emptyCorpus(), corpusChange(null, ['cach'])));
    const restored = JSON.parse(stored) as CorpusSnapshot;
    expect(applyCorpusChange(restored, corpusChange(['cach'], null))).toEqual({
      documentCount: 0,
      documentFrequencies: {},
    });
  });

  it('never counts below zero', () => {
    expect(applyCorpusChange(emptyCorpus(), corpusChange(['cach'], null))).toEqual(emptyCorpus());
  });
});

describe('corpusStats', () => {
  it('answers zero for unknown stems, including names of Object.prototype members', () => {
    const stats = corpusStats(applyCorpusChange(emptyCorpus(), corpusChange(null, ['cach'])));
    expect(stats.documentCount).toBe(1);
    expect(stats.documentFrequency('cach')).toBe(1);
    expect(stats.documentFrequency('latenc')).toBe(0);
    expect(stats.documentFrequency('constructor')).toBe(0);
    expect(stats.documentFrequency('toString')).toBe(0);
  });
});
