// The answer options of an item and the band a text names: what the respondent form needs besides
// the instrument's types, kept free of zod so that the form's code does not load the schemas. Pure.
import type { Instrument, Item, Option } from './schema.ts';

/** The answer options of an item: inline options, else the options of its scale. */
export function optionsOf(instrument: Pick<Instrument, 'scales'>, item: Item): Option[] {
  if (item.options?.length) return item.options;
  if (item.scale) return instrument.scales.find((s) => s.id === item.scale)?.options ?? [];
  return [];
}

/**
 * The answer band of a number item (e.g. "1–10 timmar", a figure published as a band) that `text` names by
 * its code or its label, whatever the dash, spacing or case; undefined for an item without bands or a text
 * naming none. A text that is a plain number is a number, not a band: callers try the number first.
 */
export function numberBand(item: Pick<Item, 'type' | 'options'>, text: string): Option | undefined {
  if (item.type !== 'number' || !item.options?.length) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[‐‑–—−]/g, '-').replace(/[\s\u00a0]/g, '');
  const wanted = norm(text);
  return wanted ? item.options.find((o) => norm(o.code) === wanted || norm(o.label) === wanted) : undefined;
}
