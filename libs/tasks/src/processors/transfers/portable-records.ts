import {
  CATEGORY_COLOUR_PATTERN,
  CATEGORY_ICON_PATTERN,
  CATEGORY_LIMITS,
  INSIGHT_LIMITS,
  INSIGHT_SOURCE_TYPES,
  type InsightSourceType,
  RELATIONSHIP_LIMITS,
  RELATIONSHIP_VOCABULARY,
  type RelationshipCreator,
  type RelationshipType,
} from '@insight/contracts';
import { normaliseTags, type ReviewStateToImport, tagProblem } from '@insight/insights';

/** A record read from an import file, checked; `problem` says why it cannot be imported. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

type Fields = Record<string, unknown>;

const fail = <T>(problem: string): Checked<T> => ({ ok: false, problem });

function isoDate(value: unknown, fallback: Date): Date | null {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length <= max ? value : null;
}

export interface CheckedCategory {
  id: string;
  name: string;
  colour: string;
  icon: string;
  createdAt: Date;
  updatedAt: Date;
}

export function checkCategory(fields: Fields, now: Date): Checked<CheckedCategory> {
  const { id, name, colour, icon } = fields;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return fail('id must be a string');
  if (
    typeof name !== 'string' ||
    name.trim().length === 0 ||
    name.trim().length > CATEGORY_LIMITS.nameMaxLength
  ) {
    return fail(`name must be 1–${CATEGORY_LIMITS.nameMaxLength} characters`);
  }
  const checkedColour =
    typeof colour === 'string' && CATEGORY_COLOUR_PATTERN.test(colour) ? colour : '#64748b';
  const checkedIcon = typeof icon === 'string' && CATEGORY_ICON_PATTERN.test(icon) ? icon : 'label';
  const createdAt = isoDate(fields['createdAt'], now);
  const updatedAt = isoDate(fields['updatedAt'], createdAt ?? now);
  if (!createdAt || !updatedAt) return fail('createdAt/updatedAt must be ISO 8601 dates');
  return {
    ok: true,
    value: { id, name: name.trim(), colour: checkedColour, icon: checkedIcon, createdAt, updatedAt },
  };
}

export interface CheckedInsight {
  id: string;
  title: string;
  content: string;
  summary: string | null;
  tags: string[];
  categoryRef: string | null;
  sourceType: InsightSourceType;
  favorite: boolean;
  importance: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export function checkInsight(fields: Fields, now: Date): Checked<CheckedInsight> {
  const { id } = fields;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return fail('id must be a string');
  const title = typeof fields['title'] === 'string' ? fields['title'].trim() : '';
  if (title.length === 0) return fail('title is missing');
  if (title.length > INSIGHT_LIMITS.titleMaxLength) {
    return fail(`title is longer than ${INSIGHT_LIMITS.titleMaxLength} characters`);
  }
  const content =
    fields['content'] === undefined ? '' : text(fields['content'], INSIGHT_LIMITS.contentMaxLength);
  if (content === null)
    return fail(`content must be text of at most ${INSIGHT_LIMITS.contentMaxLength} characters`);
  const summary =
    fields['summary'] === undefined || fields['summary'] === null
      ? null
      : text(fields['summary'], INSIGHT_LIMITS.summaryMaxLength);
  if (summary === null && fields['summary'] !== undefined && fields['summary'] !== null) {
    return fail(`summary must be text of at most ${INSIGHT_LIMITS.summaryMaxLength} characters`);
  }
  const rawTags = fields['tags'] ?? [];
  if (!Array.isArray(rawTags) || !rawTags.every((tag): tag is string => typeof tag === 'string')) {
    return fail('tags must be a list of strings');
  }
  const tags = normaliseTags(rawTags);
  const badTag = tags.map(tagProblem).find((problem) => problem !== null);
  if (badTag) return fail(`tags: ${badTag}`);
  if (tags.length > INSIGHT_LIMITS.tagsMaxCount) return fail(`more than ${INSIGHT_LIMITS.tagsMaxCount} tags`);
  const categoryRef = fields['categoryId'];
  if (categoryRef !== undefined && categoryRef !== null && typeof categoryRef !== 'string') {
    return fail('categoryId must be a string or null');
  }
  const sourceType = fields['sourceType'] ?? 'import';
  if (!INSIGHT_SOURCE_TYPES.includes(sourceType as InsightSourceType)) return fail('sourceType is not known');
  const favorite = fields['favorite'] ?? false;
  if (typeof favorite !== 'boolean') return fail('favorite must be true or false');
  const importance = fields['importance'] ?? 0.5;
  if (typeof importance !== 'number' || importance < 0 || importance > 1) {
    return fail('importance must be a number from 0 to 1');
  }
  const createdAt = isoDate(fields['createdAt'], now);
  const updatedAt = isoDate(fields['updatedAt'], createdAt ?? now);
  const deletedAt =
    fields['deletedAt'] === undefined || fields['deletedAt'] === null
      ? null
      : isoDate(fields['deletedAt'], now);
  if (!createdAt || !updatedAt) return fail('createdAt/updatedAt must be ISO 8601 dates');
  if (fields['deletedAt'] && !deletedAt) return fail('deletedAt must be an ISO 8601 date or null');
  return {
    ok: true,
    value: {
      id,
      title,
      content,
      summary,
      tags,
      categoryRef: (categoryRef as string | null | undefined) ?? null,
      sourceType: sourceType as InsightSourceType,
      favorite,
      importance,
      createdAt,
      updatedAt,
      deletedAt,
    },
  };
}

export interface CheckedRelationship {
  sourceRef: string;
  targetRef: string;
  type: RelationshipType;
  strength: number;
  note: string | null;
  createdBy: RelationshipCreator;
  createdAt: Date;
  updatedAt: Date;
}

export function checkRelationship(fields: Fields, now: Date): Checked<CheckedRelationship> {
  const { sourceId, targetId, type } = fields;
  if (typeof sourceId !== 'string' || typeof targetId !== 'string') {
    return fail('sourceId and targetId must be strings');
  }
  if (sourceId === targetId) return fail('an insight cannot relate to itself');
  if (!RELATIONSHIP_VOCABULARY.some((info) => info.type === type))
    return fail(`type ${String(type)} is not known`);
  const strength = fields['strength'] ?? 0.5;
  if (typeof strength !== 'number' || strength < 0 || strength > 1)
    return fail('strength must be from 0 to 1');
  const note =
    fields['note'] === undefined || fields['note'] === null
      ? null
      : text(fields['note'], RELATIONSHIP_LIMITS.noteMaxLength);
  if (note === null && fields['note'] !== undefined && fields['note'] !== null) {
    return fail(`note must be text of at most ${RELATIONSHIP_LIMITS.noteMaxLength} characters`);
  }
  const createdBy = fields['createdBy'] === 'system' ? 'system' : 'user';
  const createdAt = isoDate(fields['createdAt'], now);
  const updatedAt = isoDate(fields['updatedAt'], createdAt ?? now);
  if (!createdAt || !updatedAt) return fail('createdAt/updatedAt must be ISO 8601 dates');
  return {
    ok: true,
    value: {
      sourceRef: sourceId,
      targetRef: targetId,
      type: type as RelationshipType,
      strength,
      note,
      createdBy,
      createdAt,
      updatedAt,
    },
  };
}

/** A review schedule read from a file: the stored fields, naming its insight by the file's id. */
export type CheckedReviewState = Omit<ReviewStateToImport, 'insightId'> & { insightRef: string };

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1e9;
const isMeasure = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

export function checkReviewState(fields: Fields): Checked<CheckedReviewState> {
  const { insightId, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state } = fields;
  if (typeof insightId !== 'string' || insightId.length === 0 || insightId.length > 200) {
    return fail('insightId must be a string');
  }
  if (!isMeasure(stability) || !isMeasure(difficulty)) {
    return fail('stability and difficulty must be numbers of at least 0');
  }
  if (![scheduledDays, learningSteps, reps, lapses].every(isCount)) {
    return fail('scheduledDays, learningSteps, reps and lapses must be whole numbers of at least 0');
  }
  if (typeof state !== 'number' || ![0, 1, 2, 3].includes(state)) return fail('state must be 0, 1, 2 or 3');
  const dueAt = typeof fields['dueAt'] === 'string' ? isoDate(fields['dueAt'], new Date()) : null;
  if (!dueAt) return fail('dueAt must be an ISO 8601 date');
  const lastReviewedAt =
    fields['lastReviewedAt'] === undefined || fields['lastReviewedAt'] === null
      ? null
      : isoDate(fields['lastReviewedAt'], dueAt);
  if (fields['lastReviewedAt'] && !lastReviewedAt)
    return fail('lastReviewedAt must be an ISO 8601 date or null');
  const optedOut = fields['optedOut'] ?? false;
  if (typeof optedOut !== 'boolean') return fail('optedOut must be true or false');
  return {
    ok: true,
    value: {
      insightRef: insightId,
      dueAt,
      stability,
      difficulty,
      scheduledDays: scheduledDays as number,
      learningSteps: learningSteps as number,
      reps: reps as number,
      lapses: lapses as number,
      state,
      lastReviewedAt,
      optedOut,
    },
  };
}

export interface CheckedSuggestionDecision {
  sourceRef: string;
  targetRef: string;
  type: RelationshipType;
  score: number;
  reasons: string[];
  status: 'accepted' | 'rejected';
  createdAt: Date;
  updatedAt: Date;
}

export function checkSuggestionDecision(fields: Fields, now: Date): Checked<CheckedSuggestionDecision> {
  const { sourceId, targetId, type, status } = fields;
  if (typeof sourceId !== 'string' || typeof targetId !== 'string') {
    return fail('sourceId and targetId must be strings');
  }
  if (sourceId === targetId) return fail('an insight cannot be suggested for itself');
  if (status !== 'accepted' && status !== 'rejected') return fail('status must be accepted or rejected');
  if (!RELATIONSHIP_VOCABULARY.some((info) => info.type === type))
    return fail(`type ${String(type)} is not known`);
  const score = fields['score'] ?? 0.5;
  if (typeof score !== 'number' || score < 0 || score > 1) return fail('score must be from 0 to 1');
  const reasons = fields['reasons'] ?? [];
  if (
    !Array.isArray(reasons) ||
    reasons.length > 20 ||
    !reasons.every((reason): reason is string => typeof reason === 'string' && reason.length <= 500)
  ) {
    return fail('reasons must be a list of at most 20 short strings');
  }
  const createdAt = isoDate(fields['createdAt'], now);
  const updatedAt = isoDate(fields['updatedAt'], createdAt ?? now);
  if (!createdAt || !updatedAt) return fail('createdAt/updatedAt must be ISO 8601 dates');
  return {
    ok: true,
    value: {
      sourceRef: sourceId,
      targetRef: targetId,
      type: type as RelationshipType,
      score,
      reasons,
      status,
      createdAt,
      updatedAt,
    },
  };
}
