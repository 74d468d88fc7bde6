import type { TransformFnParams } from 'class-transformer';
import { ValidateIf } from 'class-validator';
import { normaliseEmail, normaliseTags } from '@insight/insights';

// Transforms touch only strings: anything else (numbers, objects such as {"$gt": ""}) reaches
// the validators unchanged and is refused there with a field error.

/**
 * Text without control characters (Unicode category Cc). Spelled as ranges rather than `\P{Cc}`
 * because the pattern is published in the OpenAPI document, and clients' regex engines (Python's
 * `re`, used by API fuzzers) have no Unicode property classes.
 */
// eslint-disable-next-line no-control-regex
export const PRINTABLE_TEXT = /^[^\u0000-\u001F\u007F-\u009F]*$/;

/**
 * The field may be left out, but not sent as null: unlike `@IsOptional()`, a null still runs
 * the validators (and fails them), so `{"title": null}` is refused instead of reaching the store.
 */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Trims a string; anything else passes through for the validators to refuse. */
export function trimmed({ value }: TransformFnParams): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** E-mail addresses are stored and compared trimmed and lowercase. */
export function normalisedEmail({ value }: TransformFnParams): unknown {
  return typeof value === 'string' ? normaliseEmail(value) : value;
}

/** Normalises a list of tags in a body; anything but a list of strings passes through to be refused. */
export function normalisedTags({ value }: TransformFnParams): unknown {
  return Array.isArray(value) && value.every((tag): tag is string => typeof tag === 'string')
    ? normaliseTags(value)
    : value;
}

/** Normalises repeated `?tag=` parameters; one parameter arrives as a string, several as a list. */
export function normalisedTagParameters(params: TransformFnParams): unknown {
  return normalisedTags({
    ...params,
    value: typeof params.value === 'string' ? [params.value] : params.value,
  });
}

/** `true`/`false` from a query string; anything else passes through for @IsBoolean to refuse. */
export function queryBoolean({ value }: TransformFnParams): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** An integer from a query string; anything else passes through for @IsInt to refuse. */
export function queryInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value;
}
