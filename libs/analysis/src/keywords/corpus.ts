import type { CorpusStats } from './keywords';

/** An owner's document frequencies as a plain, storable object. */
export interface CorpusSnapshot {
  documentCount: number;
  /** Stem → number of documents containing it; stems with no document are left out. */
  documentFrequencies: Record<string, number>;
}

/**
 * How one document's add, edit or removal changes the document frequencies: +1 for stems it
 * gains, −1 for stems it loses. Maps directly onto an atomic `$inc`.
 */
export interface CorpusChange {
  documentCountDelta: -1 | 0 | 1;
  increment: string[];
  decrement: string[];
}

/** A corpus with no documents. */
export function emptyCorpus(): CorpusSnapshot {
  return { documentCount: 0, documentFrequencies: {} };
}

/**
 * The change from a document's previous stems to its next ones (`documentStems`); null stands
 * for "not in the corpus" (before creation, after deletion or trashing).
 */
export function corpusChange(
  previousStems: readonly string[] | null,
  nextStems: readonly string[] | null,
): CorpusChange {
  const before = new Set(previousStems ?? []);
  const after = new Set(nextStems ?? []);
  const documentCountDelta =
    previousStems === null ? (nextStems === null ? 0 : 1) : nextStems === null ? -1 : 0;
  return {
    documentCountDelta,
    increment: [...after].filter((stem) => !before.has(stem)).sort(),
    decrement: [...before].filter((stem) => !after.has(stem)).sort(),
  };
}

/**
 * Applies a change to a snapshot in place (counts never go below zero; stems that reach zero are
 * removed) and returns it: rebuilding a corpus document by document stays linear.
 */
export function applyCorpusChange(snapshot: CorpusSnapshot, change: CorpusChange): CorpusSnapshot {
  const frequencies = snapshot.documentFrequencies;
  for (const stem of change.increment) frequencies[stem] = frequencyIn(frequencies, stem) + 1;
  for (const stem of change.decrement) {
    const next = frequencyIn(frequencies, stem) - 1;
    if (next > 0) frequencies[stem] = next;
    else delete frequencies[stem];
  }
  snapshot.documentCount = Math.max(0, snapshot.documentCount + change.documentCountDelta);
  return snapshot;
}

/** `CorpusStats` over a snapshot. */
export function corpusStats(snapshot: CorpusSnapshot): CorpusStats {
  return {
    documentCount: snapshot.documentCount,
    documentFrequency: (stem) => frequencyIn(snapshot.documentFrequencies, stem),
  };
}

// Own properties only: a stem such as "constructor" must not find Object.prototype's.
function frequencyIn(frequencies: Record<string, number>, stem: string): number {
  return Object.hasOwn(frequencies, stem) ? frequencies[stem] : 0;
}
