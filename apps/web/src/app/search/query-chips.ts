import { RELATIONSHIP_TYPES, type RelationshipType } from '@insight/contracts';
import { english, type Translate } from '../i18n/translate';
import { relationshipTypeLabel } from '../insight/relationship-groups';

export type QueryChipKey = 'tag' | 'category' | 'type' | 'is' | 'before' | 'after';

/** A filter recognised in the search box, shown as a chip. */
export interface QueryChip {
  key: QueryChipKey;
  value: string;
  /** What the chip says in the active language, e.g. "Tag: focus", "Favourites", "Before 2026-01-01". */
  label: string;
  /** Why the API will refuse it; absent when it is fine. */
  problem?: string;
  /** Where the token is in the query, to remove exactly it. */
  start: number;
  end: number;
}

export interface ParsedQuery {
  chips: QueryChip[];
  /** The free words and "phrases", filters removed. */
  text: string;
}

// The same tokens as the API: key:"quoted value", key:value, "quoted phrase" or a bare word.
const TOKEN = /(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"?|(\S+)/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEYS: readonly string[] = ['tag', 'category', 'type', 'is', 'before', 'after'];

function validDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
}

function chipFor(key: QueryChipKey, value: string, t: Translate): Pick<QueryChip, 'label' | 'problem'> {
  const raw = { label: t('chips.raw', { key, value }) };
  switch (key) {
    case 'tag':
      return { label: t('chips.tag', { value: value.toLowerCase() }) };
    case 'category':
      return { label: t('chips.category', { value }) };
    case 'type': {
      const type = value.toLowerCase() as RelationshipType;
      return RELATIONSHIP_TYPES.includes(type)
        ? { label: t('chips.type', { value: relationshipTypeLabel(type, type, t).toLowerCase() }) }
        : { ...raw, problem: t('chips.notType', { types: RELATIONSHIP_TYPES.join(', ') }) };
    }
    case 'is':
      return /^favou?rite$/i.test(value)
        ? { label: t('chips.favourites') }
        : { ...raw, problem: t('chips.onlyFavourite') };
    case 'before':
    case 'after':
      return validDate(value)
        ? { label: t(key === 'before' ? 'chips.before' : 'chips.after', { value }) }
        : { ...raw, problem: t('chips.expectsDate') };
  }
}

/** Splits the search box's text into recognised filter chips and the free text left. */
export function parseQuery(raw: string, t: Translate = english): ParsedQuery {
  const chips: QueryChip[] = [];
  const text: string[] = [];
  for (const match of raw.matchAll(TOKEN)) {
    const [token, quotedKey, quotedValue, key, value] = match;
    const filterKey = (quotedKey ?? key)?.toLowerCase();
    const filterValue = (quotedValue ?? value)?.trim();
    if (filterKey && KEYS.includes(filterKey) && filterValue !== undefined) {
      if (!filterValue) continue;
      const start = match.index ?? 0;
      chips.push({
        key: filterKey as QueryChipKey,
        value: filterValue,
        ...chipFor(filterKey as QueryChipKey, filterValue, t),
        start,
        end: start + token.length,
      });
    } else {
      text.push(token);
    }
  }
  return { chips, text: text.join(' ') };
}

/** The query without one chip's token. */
export function removeChip(raw: string, chip: QueryChip): string {
  return `${raw.slice(0, chip.start)}${raw.slice(chip.end)}`.replace(/\s{2,}/g, ' ').trim();
}
