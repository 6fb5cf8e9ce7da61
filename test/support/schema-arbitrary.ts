// fast-check arbitraries from a route's zod schema (through its JSON Schema, z.toJSONSchema with the
// input side): valid values, and values with one part replaced by a boundary, malformed or unicode
// edge case. Used by the fuzz driver (fuzz.ts).
import fc from 'fast-check';
import { z } from 'zod';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any> | boolean;

/** The JSON Schema of a zod schema (input side), or `true` (anything) when it cannot be expressed. */
export function jsonSchemaOf(schema: z.ZodType): Schema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as Schema;
  } catch {
    return true;
  }
}

/** Strings that have broken servers: NUL, lone surrogates, direction marks, emoji, combining marks, long text, syntax. */
export const EDGE_STRINGS: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '😀'.repeat(40),
  'e\u0301\u0302\u0303'.repeat(20),
  '\uFEFFbom',
  'İıß',
  '\n\r\t',
  '١٢٣',
  'a'.repeat(10_001),
  'å'.repeat(300),
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '%00',
  '../../etc/passwd',
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  '2024-02-30',
  '0000-00-00',
  '9999-12-31',
  '2024-13-01T25:61:00Z',
  '{"a":1}',
];

/** The text PostgreSQL cannot store (the finding): drawn as often as all other edge strings together. */
export const UNSAFE_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800'];
export const edgeText: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...UNSAFE_STRINGS), fc.constantFrom(...EDGE_STRINGS));

export const EDGE_NUMBERS: number[] = [0, -1, 1, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 1999, 2101];

/** Any value of the wrong kind: used to replace a part of a valid value. */
export const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': '' }, Array(600).fill('x')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
);

const MAX_DEPTH = 8;

function resolve(s: Schema, root: Schema): Schema {
  if (typeof s === 'object' && typeof s.$ref === 'string' && typeof root === 'object') {
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(s.$ref);
    const target = m ? root[m[1]]?.[decodeURIComponent(m[2])] : undefined;
    return target ?? true;
  }
  return s;
}

const isoDate = fc.date({ min: new Date('1990-01-01'), max: new Date('2110-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function stringArb(s: Record<string, any>): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 40);
  const cap = Math.min(max, Math.max(min, 60));
  switch (s.format) {
    case 'email':
      // Mostly addresses zod accepts (never a demo account's: failed sign-ins would lock it).
      return fc.oneof(fc.stringMatching(/^[a-z][a-z0-9.]{0,12}@(example\.se|fuzz\.test)$/).filter((e) => !e.includes('..') && !/\.@/.test(e)), fc.emailAddress());
    case 'date':
      return isoDate;
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2110-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'uuid':
      return fc.uuid();
  }
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= max);
    } catch {
      /* a pattern JavaScript cannot compile: plain strings */
    }
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: cap }),
    fc.string({ minLength: min, maxLength: cap, unit: 'grapheme' }),
    fc.constant('a'.repeat(min)),
    fc.constant('å'.repeat(Math.min(max, 5000))),
  );
}

function numberArb(s: Record<string, any>, integer: boolean): fc.Arbitrary<number> {
  let min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6;
  let max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6;
  min = Math.max(min, -Number.MAX_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (min > max) return fc.constant(min);
  const edges = fc.constantFrom(min, max);
  if (integer) return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), edges.map(Math.round));
  return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), edges);
}

/** Real values by property name (area ids, municipality codes, …), so that generated bodies reach past the checks against the data. */
export type Hints = Record<string, string[]>;

/** Values the schema accepts (mostly: patterns and refinements beyond JSON Schema are not honoured). */
export function validArb(s: Schema, root: Schema = s, depth = 0, hints: Hints = {}): fc.Arbitrary<Json> {
  s = resolve(s, root);
  if (s === true || s === false || depth > MAX_DEPTH) return fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>;
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as Json[]));
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Schema) => validArb(a, root, depth + 1, hints)));
  if (Array.isArray(s.allOf) && s.allOf.length) return validArb(s.allOf[0], root, depth + 1, hints);
  const type = s.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t: string) => validArb({ ...s, type: t }, root, depth, hints)));
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (Array.isArray(s.prefixItems)) return fc.tuple(...s.prefixItems.map((p: Schema) => validArb(p, root, depth + 1, hints)));
      const min = s.minItems ?? 0;
      const max = Math.max(min, Math.min(s.maxItems ?? 4, 4));
      return fc.array(validArb(s.items ?? true, root, depth + 1, hints), { minLength: min, maxLength: max });
    }
    case 'object':
    default: {
      if (type === undefined && !s.properties && !s.additionalProperties) return fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>;
      const props: Record<string, Schema> = s.properties ?? {};
      const required: string[] = s.required ?? [];
      const model = Object.fromEntries(
        Object.entries(props).map(([k, v]) => {
          const plain = validArb(v, root, depth + 1, hints);
          const known = hints[k];
          if (!known?.length) return [k, plain];
          const text = JSON.stringify(resolve(v, root));
          const real = text.includes('"array"') ? fc.array(fc.constantFrom(...known), { minLength: 1, maxLength: 3 }) : fc.constantFrom(...known);
          return [k, text.includes('"string"') && !text.includes('"enum"') && !text.includes('"const"') ? fc.oneof({ weight: 3, arbitrary: real as fc.Arbitrary<Json> }, { weight: 1, arbitrary: plain }) : plain];
        }),
      );
      const known = fc.record(model, { requiredKeys: required.filter((k) => k in props) });
      if (!Object.keys(props).length && s.additionalProperties && s.additionalProperties !== false) {
        const keys = s.propertyNames ? (stringArb(resolve(s.propertyNames, root) as Record<string, any>) as fc.Arbitrary<string>) : fc.string({ maxLength: 12 });
        return fc.dictionary(keys, validArb(s.additionalProperties, root, depth + 1, hints), { maxKeys: 4 }) as fc.Arbitrary<Json>;
      }
      return known as fc.Arbitrary<Json>;
    }
  }
}

/** Every path to a part of a value (the value itself is []). */
function paths(v: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (out.length > 500) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(v: Json, path: Array<string | number>, x: Json | undefined): Json {
  if (!path.length) return x === undefined ? null : x;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length || x !== undefined) copy[head as number] = setAt(copy[head as number], rest, x);
    else copy.splice(head as number, 1);
    return copy;
  }
  const copy = { ...(v as Record<string, Json>) };
  if (rest.length || x !== undefined) copy[head as string] = setAt(copy[head as string], rest, x);
  else delete copy[head as string];
  return copy;
}

export type Mutation = 'replace' | 'delete' | 'extra-key' | 'unicode';

/** A valid value with one part replaced, removed or added: malformed, boundary and unicode cases. */
export function mutatedArb(s: Schema, hints: Hints = {}): fc.Arbitrary<Json> {
  return fc
    .tuple(validArb(s, s, 0, hints), fc.nat(), fc.constantFrom<Mutation>('replace', 'replace', 'delete', 'extra-key', 'unicode'), edgeValue, edgeText)
    .map(([v, n, kind, edge, text]) => mutate(v, n, kind, edge, text));
}

/** `v` with one part replaced by `edge`, removed, an extra key added, or `text` appended to one of its strings (the n-th, cyclically). */
export function mutate(v: Json, n: number, kind: Mutation, edge: Json, text: string): Json {
  {
    {
      const all = paths(v);
      const path = all[n % all.length];
      switch (kind) {
        case 'replace':
          return setAt(v, path, edge);
        case 'delete':
          return path.length ? setAt(v, path, undefined) : v;
        case 'extra-key':
          return v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [text || 'extra']: edge } : setAt(v, path, edge);
        case 'unicode': {
          const strings = all.filter((p) => typeof get(v, p) === 'string');
          const target = strings.length ? strings[n % strings.length] : path;
          return setAt(v, target, `${typeof get(v, target) === 'string' ? get(v, target) : ''}${text}`);
        }
      }
    }
  }
}

function get(v: Json, path: Array<string | number>): Json | undefined {
  let x: any = v;
  for (const p of path) x = x?.[p];
  return x;
}
