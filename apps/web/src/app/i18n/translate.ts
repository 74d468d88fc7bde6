import en from './en';

/** Translates a key with its parameters in the active language (Transloco's `translate`, or a stand-in). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

function lookup(dictionary: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      dictionary,
    );
}

/**
 * A translator over one dictionary with Transloco's `{{ name }}` interpolation. Pure helpers
 * default to English through it, so they work (and are testable) without Angular; the app
 * passes Transloco's own translate instead.
 */
export function translatorFor(dictionary: object): Translate {
  return (key, params = {}) => {
    const text = lookup(dictionary, key);
    if (typeof text !== 'string') return key;
    return text.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

export const english: Translate = translatorFor(en);

/** The translation of `key`, or `fallback` when no language has it (e.g. a name the API added later). */
export function translateOr(
  t: Translate,
  key: string,
  fallback: string,
  params?: Record<string, unknown>,
): string {
  const text = t(key, params);
  return text === key ? fallback : text;
}
