// Published aggregates in the regional report (issue 14): the method section says the figures are
// published aggregates and cites the source; a table lists every data-quality flag (figure, flag, expected,
// found); a section shows each published figure as published with its base, n and source. Pure.
import { QUALITY_FLAG_LABELS, type QualityFlag } from '../analysis/quality.ts';
import { baseLine, PUBLISHED_LABEL, type PublishedFigure } from '../published.ts';
import type { Block, Section } from './model.ts';

export interface PublishedReportInput {
  figures: PublishedFigure[];
  flags: QualityFlag[];
  sources: string[];
}

/** The method section's part about published aggregates and their flags (the report's method appendix). */
export function publishedMethodBlocks(p: PublishedReportInput): Block[] {
  if (!p.figures.length) return [];
  return [
    { kind: 'subheading', text: 'Publicerade aggregat' },
    {
      kind: 'paragraph',
      text:
        `Mätomgången innehåller ${PUBLISHED_LABEL} för ${p.figures.length} frågor: siffrorna återges exakt som de publicerades och är inte ` +
        `beräknade av samverka ur enskilda svar. Källa: ${p.sources.map((s) => `”${s}”`).join(', ')}. Varje figur anger basen som källan anger den ` +
        '(respondenter, kommuner eller omnämnanden, n och antal svarande kommuner); alternativ som källan inte anger är inte angivna, varken noll eller "Vet ej".',
    },
    p.flags.length
      ? {
          kind: 'table',
          caption: `Datakvalitetsflaggor för de publicerade aggregaten (${p.flags.length})`,
          columns: [
            { label: 'Figur', width: 2 },
            { label: 'Flagga', width: 2 },
            { label: 'Förväntat', format: 'decimal' },
            { label: 'Funnet', format: 'decimal' },
            { label: 'Beskrivning', width: 5 },
          ],
          rows: p.flags.map((f) => [f.subject, QUALITY_FLAG_LABELS[f.code], f.expected ?? null, f.actual ?? null, f.message]),
          note: 'Flaggorna gäller källans egna siffror; de publiceras som de är men ska läsas med flaggan i åtanke.',
        }
      : { kind: 'paragraph', style: 'note', text: 'De publicerade aggregaten har inga datakvalitetsflaggor.' },
  ];
}

/** One table per published figure, as published. */
export function publishedSection(p: PublishedReportInput): Section | null {
  const figs = p.figures.filter((f) => f.rows.length);
  if (!figs.length) return null;
  const blocks: Block[] = [];
  for (const f of figs) {
    blocks.push({ kind: 'subheading', text: `${f.figure ? `${f.figure}: ` : ''}${f.itemText}` });
    blocks.push({
      kind: 'table',
      caption: `${f.figure ?? f.itemId} – ${baseLine(f)}`,
      columns: [{ label: 'Alternativ', width: 3 }, { label: 'Andel (publicerad)', format: 'percent' }, ...(f.measure === 'count' ? [{ label: 'Antal', format: 'int' as const }] : [])],
      rows: f.rows.map((r) => [r.label, r.percent, ...(f.measure === 'count' ? [r.count] : [])]),
      note: [
        `Källa: ”${f.source.title}”${f.source.page ? `, ${f.source.page}` : ''}.`,
        f.unstated.length ? `Ej angivna i källan: ${f.unstated.map((o) => o.label).join(', ')}.` : '',
        f.note ?? '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  }
  return { id: 'publicerade', heading: 'Publicerade aggregat', sheet: 'Publicerade', blocks };
}
