import { FormControl, FormGroup, Validators } from '@angular/forms';
import {
  type CreateInsightRequest,
  type Insight,
  INSIGHT_LIMITS,
  type InsightSourceType,
} from '@insight/contracts';

/** What the capture dialog and the edit form hold; the value is a CreateInsightRequest. */
export interface InsightDraft {
  title: string;
  content: string;
  tags: string[];
  categoryId: string | null;
  favorite: boolean;
}

export type InsightForm = FormGroup<{
  title: FormControl<string>;
  content: FormControl<string>;
  tags: FormControl<string[]>;
  categoryId: FormControl<string | null>;
  favorite: FormControl<boolean>;
}>;

export const EMPTY_DRAFT: InsightDraft = {
  title: '',
  content: '',
  tags: [],
  categoryId: null,
  favorite: false,
};

export function createInsightForm(initial: Partial<InsightDraft> = {}): InsightForm {
  const value = { ...EMPTY_DRAFT, ...initial };
  return new FormGroup({
    title: new FormControl(value.title, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(INSIGHT_LIMITS.titleMaxLength)],
    }),
    content: new FormControl(value.content, {
      nonNullable: true,
      validators: [Validators.maxLength(INSIGHT_LIMITS.contentMaxLength)],
    }),
    tags: new FormControl(value.tags, { nonNullable: true }),
    categoryId: new FormControl<string | null>(value.categoryId),
    favorite: new FormControl(value.favorite, { nonNullable: true }),
  });
}

export function draftOf(insight: Insight): InsightDraft {
  const { title, content, tags, categoryId, favorite } = insight;
  return { title, content, tags, categoryId, favorite };
}

export function toRequest(draft: InsightDraft, sourceType?: InsightSourceType): CreateInsightRequest {
  return {
    title: draft.title.trim(),
    content: draft.content,
    tags: draft.tags,
    categoryId: draft.categoryId,
    favorite: draft.favorite,
    ...(sourceType ? { sourceType } : {}),
  };
}

/** A tag as the API stores it: trimmed and lowercase; '' when nothing is left. */
export function normaliseTag(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, INSIGHT_LIMITS.tagMaxLength);
}

/** Tags of `all` that start with (first) or contain what is typed, not already chosen, at most 8. */
export function suggestTags(all: readonly string[], typed: string, chosen: readonly string[]): string[] {
  const needle = normaliseTag(typed);
  const available = all.filter((tag) => !chosen.includes(tag));
  if (!needle) return available.slice(0, 8);
  const starts = available.filter((tag) => tag.startsWith(needle));
  const contains = available.filter((tag) => !tag.startsWith(needle) && tag.includes(needle));
  return [...starts, ...contains].slice(0, 8);
}
