// The CSV template of published aggregates: the columns of docs/published-figures.md and one row per
// option of every question with options of the round's instrument (values left empty to fill in).
import { PUBLISHED_COLUMNS } from './published-import.ts';
import { optionsOfItem } from './published.ts';
import type { Instrument } from './instruments/schema.ts';

const q = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function publishedTemplateCsv(instrument: Instrument): string {
  const lines = [PUBLISHED_COLUMNS.join(';')];
  for (const item of instrument.items)
    for (const o of optionsOfItem(instrument, item))
      lines.push([item.id, '', o.code, '', '', '', item.type === 'multi' ? 'omnämnanden' : 'respondenter', '', '', '', 'nej', ''].map(q).join(';'));
  return `\uFEFF${lines.join('\n')}\n`;
}
