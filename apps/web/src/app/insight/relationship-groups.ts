import {
  RELATIONSHIP_VOCABULARY,
  type RelationshipFromInsight,
  type RelationshipType,
} from '@insight/contracts';
import { english, type Translate, translateOr } from '../i18n/translate';

export interface RelationshipGroup {
  type: RelationshipType;
  /** The name read from this insight's side, e.g. "Supported by" for an incoming `supports`. */
  label: string;
  items: { id: string; otherInsightId: string; title: string; note: string | null; createdBy: string }[];
}

const ORDER = new Map(RELATIONSHIP_VOCABULARY.map((info, index) => [info.type, index]));
const LABELS = new Map(RELATIONSHIP_VOCABULARY.map((info) => [info.type, info.label]));

/**
 * A relationship type's name in the active language, by its key; the vocabulary's (English)
 * label when no translation has the key (a type the API added after this client was built).
 */
export function relationshipTypeLabel(type: string, fallback: string, t: Translate = english): string {
  return translateOr(t, `relTypes.${type}`, fallback);
}

/** Relationships of one insight grouped by the name they have from its side, in vocabulary order. */
export function groupRelationships(
  relationships: readonly RelationshipFromInsight[],
  titles: ReadonlyMap<string, string>,
  t: Translate = english,
): RelationshipGroup[] {
  const groups = new Map<RelationshipType, RelationshipGroup>();
  for (const relationship of relationships) {
    let group = groups.get(relationship.type);
    if (!group) {
      group = {
        type: relationship.type,
        label: relationshipTypeLabel(
          relationship.type,
          LABELS.get(relationship.type) ?? relationship.type,
          t,
        ),
        items: [],
      };
      groups.set(relationship.type, group);
    }
    group.items.push({
      id: relationship.id,
      otherInsightId: relationship.otherInsightId,
      title: titles.get(relationship.otherInsightId) ?? t('analysis.untitled'),
      note: relationship.note,
      createdBy: relationship.createdBy,
    });
  }
  return [...groups.values()].sort((a, b) => (ORDER.get(a.type) ?? 99) - (ORDER.get(b.type) ?? 99));
}

/** Analysis fields as label/value pairs in the active language, whatever the worker stored, for display. */
export function analysisEntries(
  analysis: Record<string, unknown> | null,
  t: Translate = english,
  language = 'en',
): { label: string; value: string }[] {
  if (!analysis) return [];
  return Object.entries(analysis)
    .filter(([key]) => !INTERNAL_FIELDS.has(key))
    .map(([key, value]) => ({
      label: translateOr(t, `analysis.${key}`, humanise(key)),
      value: formatField(key, value, t, language),
    }))
    .filter((entry) => entry.value !== '');
}

/** Bookkeeping of the worker, not something to read. */
const INTERNAL_FIELDS = new Set(['insightVersion', 'analysedAt']);

function formatField(key: string, value: unknown, t: Translate, language: string): string {
  if (key === 'readingTimeMinutes' && typeof value === 'number')
    return t('analysis.minutes', { count: Math.max(1, Math.round(value)) });
  if (key === 'sentiment' && typeof value === 'number') {
    const mood = value > 0.1 ? 'positive' : value < -0.1 ? 'negative' : 'neutral';
    return t(`analysis.${mood}`, { score: value.toFixed(2) });
  }
  if (key === 'language' && typeof value === 'string') return languageName(value, language);
  return formatValue(value);
}

/** "pt" → "Portuguese" (or "português" when the page is in Portuguese); the code when unknown. */
function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function humanise(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        typeof item === 'object' && item !== null
          ? String(
              (item as Record<string, unknown>)['term'] ??
                (item as Record<string, unknown>)['word'] ??
                (item as Record<string, unknown>)['name'] ??
                JSON.stringify(item),
            )
          : String(item),
      )
      .join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => `${humanise(k).toLowerCase()} ${formatValue(v)}`)
      .join(', ');
  }
  return '';
}
