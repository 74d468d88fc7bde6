import type { TransformFnParams } from 'class-transformer';
import { normaliseEmail } from '@insight/insights';

// Only strings are touched: anything else (numbers, objects such as {"$gt": ""}) reaches the
// validators unchanged and is refused there with a field error.

/** Trims surrounding whitespace. */
export function trimmed({ value }: TransformFnParams): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** E-mail addresses are stored and compared trimmed and lowercase. */
export function normalisedEmail({ value }: TransformFnParams): unknown {
  return typeof value === 'string' ? normaliseEmail(value) : value;
}
