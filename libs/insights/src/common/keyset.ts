import { trusted } from 'mongoose';
import type { SortOrder } from '@insight/contracts';
import type { CursorPosition } from './page-cursor';

export interface KeysetConditions {
  /** Operators for the sort field (bounds and the cursor's value), or undefined when unbounded. */
  range?: Record<string, Date>;
  /** Items strictly beyond the cursor: a later sort value, or the same value and a later `_id`. */
  or?: Record<string, unknown>[];
}

/**
 * Keyset pagination over (field, _id) with optional inclusive bounds on the field. The cursor's
 * value tightens the bound so the index range shrinks as pages advance. Operator objects are
 * built here from typed values and marked trusted for the global sanitizeFilter.
 */
export function keysetConditions(
  field: string,
  order: SortOrder,
  after?: CursorPosition,
  bounds: { from?: Date; to?: Date } = {},
): KeysetConditions {
  let { from: lower, to: upper } = bounds;
  if (after) {
    if (order === 'desc') upper = upper && upper < after.value ? upper : after.value;
    else lower = lower && lower > after.value ? lower : after.value;
  }
  const range =
    lower || upper ? { ...(lower ? { $gte: lower } : {}), ...(upper ? { $lte: upper } : {}) } : undefined;
  if (!after) return { range };
  const beyond = order === 'desc' ? '$lt' : '$gt';
  return {
    range,
    or: [{ [field]: trusted({ [beyond]: after.value }) }, { _id: trusted({ [beyond]: after.id }) }],
  };
}
