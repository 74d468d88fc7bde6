import type { InsightKeyword, RelationshipType } from '@insight/contracts';

/** What scoring needs to know of an insight. */
export interface ScoredInsight {
  id: string;
  keywords: readonly InsightKeyword[];
  tags: readonly string[];
  createdAt: Date;
  sentiment: number | null;
}

/** Evidence beyond the two insights themselves. */
export interface PairContext {
  /** Already within two typed-relationship hops in the graph. */
  nearInGraph: boolean;
}

export interface RelatedScore {
  score: number;
  type: RelationshipType;
  reasons: string[];
  parts: { keywords: number; tags: number; graph: number; time: number };
}

/** How the signals blend; keywords carry most, time only breaks ties between similar insights. */
export const RELATED_WEIGHTS = { keywords: 0.5, tags: 0.25, graph: 0.15, time: 0.1 } as const;
/** Suggestions scoring below this are not made. */
export const SUGGESTION_THRESHOLD = 0.25;
/** At most this many suggestions per analysed insight. */
export const MAX_SUGGESTIONS = 5;
/** Time proximity halves every this many days apart. */
const TIME_HALF_LIFE_DAYS = 30;
/** Keyword overlap needed before opposite sentiment reads as a contradiction. */
const CONTRADICTION_OVERLAP = 0.5;
const STRONG_SENTIMENT = 0.3;
const DAY_MS = 86_400_000;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function list(words: readonly string[]): string {
  return words.map((word) => `*${word}*`).join(', ');
}

/**
 * Scores how related `b` is to `a`: shared keywords weighted by both TF-IDF weights (so rare
 * words shared count far more than common ones), shared tags (Jaccard), graph proximity and time
 * proximity; with the type to propose and the reasons a person can check.
 */
export function scoreRelated(a: ScoredInsight, b: ScoredInsight, context: PairContext): RelatedScore {
  const weightsOfB = new Map(b.keywords.map((keyword) => [keyword.stem, keyword.weight]));
  const shared = a.keywords
    .filter((keyword) => weightsOfB.has(keyword.stem))
    .map((keyword) => ({ term: keyword.term, product: keyword.weight * (weightsOfB.get(keyword.stem) ?? 0) }))
    .sort((x, y) => y.product - x.product);
  // The weights are L2-normalised TF-IDF, so the dot product approximates cosine similarity;
  // doubled because two short texts rarely overlap beyond half their weight.
  const keywords = Math.min(1, 2 * shared.reduce((sum, entry) => sum + entry.product, 0));

  const tagsOfB = new Set(b.tags);
  const sharedTags = [...new Set(a.tags)].filter((tag) => tagsOfB.has(tag)).sort();
  const union = new Set([...a.tags, ...b.tags]).size;
  const tags = union === 0 ? 0 : sharedTags.length / union;

  const graph = context.nearInGraph ? 1 : 0;
  const daysApart = Math.abs(a.createdAt.getTime() - b.createdAt.getTime()) / DAY_MS;
  const time = Math.pow(0.5, daysApart / TIME_HALF_LIFE_DAYS);

  // Without shared words or tags there is nothing to say why; proximity alone is no suggestion.
  const score =
    keywords === 0 && tags === 0
      ? 0
      : RELATED_WEIGHTS.keywords * keywords +
        RELATED_WEIGHTS.tags * tags +
        RELATED_WEIGHTS.graph * graph +
        RELATED_WEIGHTS.time * time;

  const reasons: string[] = [];
  if (shared.length > 0) {
    const terms = shared.slice(0, 3).map((entry) => entry.term);
    reasons.push(`shares keyword${terms.length === 1 ? '' : 's'} ${list(terms)}`);
  }
  if (sharedTags.length > 0) reasons.push(`both tagged ${list(sharedTags.slice(0, 3))}`);
  if (graph) reasons.push('already within two links of each other in your graph');
  if (daysApart < 1) reasons.push('written within a day of each other');
  else if (daysApart < 7) reasons.push('written within a week of each other');

  const opposite =
    keywords >= CONTRADICTION_OVERLAP &&
    a.sentiment !== null &&
    b.sentiment !== null &&
    Math.abs(a.sentiment) >= STRONG_SENTIMENT &&
    Math.abs(b.sentiment) >= STRONG_SENTIMENT &&
    Math.sign(a.sentiment) !== Math.sign(b.sentiment);
  if (opposite) reasons.push('same subject, opposite sentiment');

  return {
    score: round(Math.min(1, score)),
    type: opposite ? 'contradicts' : 'related',
    reasons,
    parts: { keywords: round(keywords), tags: round(tags), graph, time: round(time) },
  };
}

/** The best `MAX_SUGGESTIONS` candidates at or above the threshold, best first. */
export function bestSuggestions<T extends { score: RelatedScore; id: string }>(scored: T[]): T[] {
  return scored
    .filter((entry) => entry.score.score >= SUGGESTION_THRESHOLD)
    .sort((x, y) => y.score.score - x.score.score || x.id.localeCompare(y.id))
    .slice(0, MAX_SUGGESTIONS);
}
