// The one rule for text that can never be stored or shown: the NUL character (U+0000, which
// PostgreSQL refuses in text) and a lone UTF-16 surrogate (half of a character; not valid Unicode,
// PostgreSQL refuses it once encoded). Every input is checked with it: the HTTP layer walks params,
// query and JSON bodies (src/server/input-hygiene.ts), imports walk the parsed file. Pure and IO-free.
import { z } from 'zod';

export const UNSAFE_TEXT_MESSAGE = 'Texten innehåller ett otillåtet tecken (NUL eller ett ensamt surrogattecken)';

export type UnsafeTextReason = 'nul' | 'lone-surrogate';

// Without the u flag a regex sees UTF-16 code units: a high surrogate not followed by a low one, or a
// low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` cannot be accepted as text, or undefined when it can. */
export function unsafeTextReason(s: string): UnsafeTextReason | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'lone-surrogate';
  return undefined;
}

/**
 * The path of the first unsafe text in a parsed value (keys are checked as well as values), or
 * undefined. Objects nested deeper than `maxDepth` are not walked (JSON bodies are limited in size).
 */
export function findUnsafeText(value: unknown, maxDepth = 64): Array<string | number> | undefined {
  const walk = (v: unknown, path: Array<string | number>, depth: number): Array<string | number> | undefined => {
    if (typeof v === 'string') return unsafeTextReason(v) ? path : undefined;
    if (v === null || typeof v !== 'object' || depth > maxDepth) return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], [...path, i], depth + 1);
        if (p) return p;
      }
      return undefined;
    }
    // Bytes and dates from a parser are not text. (Query objects have their own prototype: walked.)
    if (ArrayBuffer.isView(v) || v instanceof Date || v instanceof RegExp) return undefined;
    for (const [k, x] of Object.entries(v)) {
      if (unsafeTextReason(k)) return [...path, k];
      const p = walk(x, [...path, k], depth + 1);
      if (p) return p;
    }
    return undefined;
  };
  return walk(value, [], 0);
}

/** A zod string that refuses unsafe text (for schemas used outside the HTTP layer, e.g. the CLI). */
export const safeText = () => z.string().refine((s) => !unsafeTextReason(s), UNSAFE_TEXT_MESSAGE);

/**
 * An optional reference (area, respondent type, …): an empty or blank string means "not given",
 * the same as leaving the field out, so it never reaches the database as a key that does not exist.
 */
export function optionalRef<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullish());
}
