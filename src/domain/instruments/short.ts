// Short names of items: the labels of radar spokes, bar categories and heatmap rows. Every new
// definition has one per item (schema.ts: `short`, 1–40 characters). Definitions stored before short
// names existed still load: this module is the one place that decides what stands in for a missing one.
// Pure and IO-free.
import type { Instrument, Item } from './schema.ts';

/** Longest short name, in characters. */
export const SHORT_MAX = 40;

/** An item as stored, possibly from before short names existed. */
export type StoredItem = Omit<Item, 'short'> & { short?: string };
export type StoredInstrument = Omit<Instrument, 'items'> & { items: StoredItem[] };

/**
 * The label of an item in charts: its short name; for a stored legacy item without one, its question
 * text when that fits in SHORT_MAX characters, else the text cut at a word boundary with "…".
 */
export function itemShortLabel(item: Pick<StoredItem, 'short' | 'text'>): string {
  const short = typeof item.short === 'string' ? item.short.trim() : '';
  if (short) return short;
  const text = item.text.trim().replace(/\s+/g, ' ');
  if (text.length <= SHORT_MAX) return text;
  const cut = text.slice(0, SHORT_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SHORT_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** A stored definition with every item's short name present (legacy items get itemShortLabel's stand-in). */
export function withShortNames(stored: StoredInstrument): Instrument {
  if (stored.items.every((i) => typeof i.short === 'string' && i.short.trim())) return stored as Instrument;
  return { ...stored, items: stored.items.map((i) => ({ ...i, short: itemShortLabel(i) })) };
}

/**
 * True when `next` is a stored legacy definition (`stored`, an item without a short name) with short
 * names added and nothing else changed: the one change allowed to a version a round already uses.
 */
export function addsShortNamesOnly(stored: StoredInstrument, next: StoredInstrument): boolean {
  if (stored.items.every((i) => typeof i.short === 'string')) return false;
  const strip = (ins: StoredInstrument) => canonical({ ...ins, items: ins.items.map(({ short: _short, ...rest }) => rest) });
  return strip(stored) === strip(next);
}

/** JSON with object keys sorted (a stored jsonb definition does not keep the file's key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
