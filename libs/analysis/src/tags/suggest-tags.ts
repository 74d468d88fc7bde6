import type { Keyword } from '../keywords/keywords';
import { candidateStem } from '../keywords/terms';
import { languageTools } from '../language/language-tools';
import { tokenise } from '../text/tokens';

/** One of the owner's tags and how many insights carry it (the API's `TagCount`). */
export interface TagUsage {
  name: string;
  count: number;
}

/** The tags of an insight similar to the one analysed, and how similar it is (0–1). */
export interface SimilarInsightTags {
  tags: readonly string[];
  similarity: number;
}

export interface TagSuggestionInput {
  /** The document's keywords (`extractKeywords`), best first; pass 20 or so for good recall. */
  keywords: readonly Keyword[];
  /** The document's language: tags are stemmed with it to meet the keywords. */
  language: string;
  /** The owner's vocabulary. */
  existingTags: readonly TagUsage[];
  /** Tags the insight already has: never suggested. */
  currentTags?: readonly string[];
  similarInsights?: readonly SimilarInsightTags[];
  /** At most this many suggestions (default 5). */
  limit?: number;
  /** Of which at most this many are new tags (default 2). */
  maxNewTags?: number;
}

/** A tag the user may accept; `reason` is Markdown ("matches your tag *performance*"). */
export interface TagSuggestion {
  name: string;
  /** True when the owner already uses the tag. */
  existing: boolean;
  /** 0–1; existing tags score 0.5–1, new ones below 0.5, so the vocabulary grows last. */
  score: number;
  reason: string;
}

// A keyword this strong relative to the document's best makes an existing tag relevant…
const MIN_EXISTING_STRENGTH = 0.25;
// …or this share of the similar insights' similarity carrying the tag.
const MIN_SIMILAR_SUPPORT = 0.3;
// New tags come only from the document's strongest keywords, written at least twice.
const MIN_NEW_STRENGTH = 0.5;
const MIN_NEW_OCCURRENCES = 2;

/** How tags are stored: NFC, trimmed, inner whitespace collapsed, lowercase. */
function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Tag suggestions for a document that prefer the owner's existing tags (matched by stem, or
 * carried by similar insights) over new words, so the vocabulary does not sprawl.
 */
export function suggestTags(input: TagSuggestionInput): TagSuggestion[] {
  const limit = input.limit ?? 5;
  const maxNew = input.maxNewTags ?? 2;
  const tools = languageTools(input.language);
  const current = new Set((input.currentTags ?? []).map(normaliseTag));
  const keywordsByStem = new Map(input.keywords.map((keyword) => [keyword.stem, keyword]));
  const topWeight = Math.max(0, ...input.keywords.map((keyword) => keyword.weight)) || 1;

  const stemsOfTag = (tag: string): string[] => {
    const words = tokenise(tag);
    const stems = words
      .map((word) => candidateStem(word, tools))
      .filter((stem): stem is string => stem !== null);
    // A tag of short or common words ("ai", "to do") is still the owner's word: match it whole.
    return [...new Set(stems.length > 0 ? stems : words.map((word) => tools.stem(word.lower)))];
  };

  const support = similarSupport(input.similarInsights ?? []);
  const maxUsage = Math.max(1, ...input.existingTags.map((tag) => tag.count));
  const coveredStems = new Set<string>();
  for (const stem of [...current].flatMap(stemsOfTag)) coveredStems.add(stem);

  const suggestions: TagSuggestion[] = [];
  const seen = new Set<string>();
  for (const tag of input.existingTags) {
    const name = normaliseTag(tag.name);
    const stems = stemsOfTag(name);
    for (const stem of stems) coveredStems.add(stem);
    if (current.has(name) || seen.has(name)) continue;
    seen.add(name);

    const matched = stems.map((stem) => keywordsByStem.get(stem));
    const strength =
      stems.length > 0 && matched.every((keyword) => keyword !== undefined)
        ? Math.min(...matched.map((keyword) => (keyword?.weight ?? 0) / topWeight))
        : 0;
    const similar = support.get(name) ?? { share: 0, insights: 0 };
    if (strength < MIN_EXISTING_STRENGTH && similar.share < MIN_SIMILAR_SUPPORT) continue;

    const reasons: string[] = [];
    if (strength >= MIN_EXISTING_STRENGTH) {
      const terms = matched.map((keyword) => keyword?.term ?? '');
      const sameWords = terms.join(' ').toLowerCase() === name;
      reasons.push(
        `matches your tag *${name}*${sameWords ? '' : ` (${terms.map((term) => `*${term}*`).join(', ')})`}`,
      );
    }
    if (similar.share >= MIN_SIMILAR_SUPPORT) {
      reasons.push(`on ${similar.insights} similar insight${similar.insights === 1 ? '' : 's'}`);
    }
    const popularity = Math.log1p(tag.count) / Math.log1p(maxUsage);
    const evidence = Math.min(1, Math.max(strength, 0) + 0.5 * similar.share);
    suggestions.push({
      name,
      existing: true,
      score: round(0.5 + 0.45 * evidence + 0.05 * popularity),
      reason: reasons.join('; '),
    });
  }

  const fresh: TagSuggestion[] = [];
  for (const keyword of input.keywords) {
    const strength = keyword.weight / topWeight;
    if (fresh.length >= maxNew || strength < MIN_NEW_STRENGTH) break;
    const name = normaliseTag(keyword.term);
    if (
      keyword.occurrences < MIN_NEW_OCCURRENCES ||
      coveredStems.has(keyword.stem) ||
      seen.has(name) ||
      current.has(name) ||
      name.length < 3 ||
      !/^\p{L}/u.test(name)
    ) {
      continue;
    }
    seen.add(name);
    fresh.push({
      name,
      existing: false,
      score: round(0.45 * strength),
      reason: `frequent keyword *${keyword.term}* (${keyword.occurrences}×)`,
    });
  }

  return [...suggestions, ...fresh]
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}

function similarSupport(
  similarInsights: readonly SimilarInsightTags[],
): Map<string, { share: number; insights: number }> {
  const total = similarInsights.reduce((sum, insight) => sum + Math.max(0, insight.similarity), 0);
  const support = new Map<string, { share: number; insights: number }>();
  if (total === 0) return support;
  for (const insight of similarInsights) {
    for (const tag of new Set(insight.tags.map(normaliseTag))) {
      const entry = support.get(tag) ?? { share: 0, insights: 0 };
      entry.share += Math.max(0, insight.similarity) / total;
      entry.insights += 1;
      support.set(tag, entry);
    }
  }
  return support;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
