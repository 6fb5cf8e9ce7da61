// Published aggregates in the analysis views (issue 14): a round that holds a report's figures as
// published shows them as figures of their own — per option the percent AS PUBLISHED, with the stated base
// and n, the source and "publicerade aggregat" in every figure's notes — and carries their data-quality
// flags. A round without respondent-level answers shows only these. Pure.
import type { Instrument } from '../instruments/schema.ts';
import { itemShortLabel } from '../instruments/short.ts';
import { baseLine, compatibleVersions, publishedChange, PUBLISHED_LABEL, type PublishedFigure } from '../published.ts';
import type { DistributionFigure } from './types.ts';
import type { QualityFlag } from './quality.ts';
import type { AnalysisView, Figure } from './views.ts';

/** The notes under a published figure: the base line, the source, what is not stated, the source's remark. */
export function publishedNotes(f: PublishedFigure): string[] {
  return [
    `${baseLine(f)}.`,
    `Källa: ”${f.source.title}”${f.source.page ? `, ${f.source.page}` : ''}.`,
    ...(f.partial || f.unstated.length
      ? [
          f.unstated.length
            ? `Ej angivna i källan (inte noll): ${f.unstated.map((o) => o.label).join(', ')}.`
            : 'Källan anger bara några av alternativen.',
        ]
      : []),
    ...(f.note ? [f.note] : []),
  ];
}

export function publishedAnalysisFigures(instrument: Instrument, figures: readonly PublishedFigure[]): Figure[] {
  return figures
    .filter((f) => f.rows.length)
    .map((f) => {
      const item = instrument.items.find((i) => i.id === f.itemId);
      return {
        id: `publicerad-${f.itemId}`,
        title: `${f.figure ? `${f.figure}: ` : ''}${item ? itemShortLabel(item) : f.itemId} (${PUBLISHED_LABEL})`,
        chart: 'bar',
        base: f.base.unit,
        n: f.base.n ?? 0,
        notes: publishedNotes(f),
        columns: [
          { key: 'option', label: 'Alternativ', format: 'text' },
          { key: 'percent', label: 'Andel (publicerad)', format: 'pct', series: true },
          ...(f.measure === 'count' ? [{ key: 'count', label: 'Antal (publicerat)', format: 'count' as const }] : []),
        ],
        rows: f.rows.map((r) => ({
          key: r.options.join('+'),
          label: r.label,
          cells: { option: r.label, percent: r.percent, ...(f.measure === 'count' ? { count: r.count } : {}) },
        })),
        max: 100,
      } satisfies Figure;
    });
}

/**
 * The view with the round's published figures: placed first, the view's notes saying they are published
 * aggregates and citing the sources; without respondent-level answers the (empty) computed figures are dropped.
 */
export function withPublished(
  view: AnalysisView,
  instrument: Instrument,
  published: { figures: readonly PublishedFigure[]; flags: QualityFlag[]; sources: string[] },
): AnalysisView {
  if (!published.figures.length) return view;
  const onlyPublished = view.summary.respondents.n === 0;
  return {
    ...view,
    notes: [
      `Mätomgången innehåller ${PUBLISHED_LABEL}: siffrorna är återgivna som de publicerades, inte beräknade av samverka ur enskilda svar. ` +
        `Källa: ${published.sources.map((s) => `”${s}”`).join(', ')}.`,
      ...(published.flags.length ? [`${published.flags.length} datakvalitetsflaggor för de publicerade siffrorna (se Datakvalitet).`] : []),
      ...view.notes,
    ],
    figures: [...publishedAnalysisFigures(instrument, published.figures), ...(onlyPublished ? [] : view.figures)],
    published: { label: PUBLISHED_LABEL, sources: published.sources, flags: published.flags },
  };
}

/** The flags as text lines after a view (CLI). */
export function publishedFlagsText(flags: readonly QualityFlag[]): string {
  if (!flags.length) return '\n\nDatakvalitet: inga flaggor för de publicerade aggregaten.';
  return `\n\nDatakvalitet (${flags.length} flaggor för de publicerade aggregaten):\n${flags.map((f) => `  [${f.code}] ${f.message}`).join('\n')}`;
}

/**
 * Change from a round's published aggregates to a later respondent-level round of a compatible instrument
 * version (same instrument, same major version): per published row the published percent, the later
 * round's percent of the same option(s) (its overall distribution, "Vet ej" included in the base) and the
 * difference in percentage points. Incompatible versions give no figures.
 */
export function publishedChangeFigures(
  before: { round: { title: string; instrument: string; instrumentVersion: string }; figures: readonly PublishedFigure[] },
  after: { round: { title: string; instrument: string; instrumentVersion: string }; instrument: Instrument; distributions: readonly DistributionFigure[] },
): Figure[] {
  if (!compatibleVersions(before.round, after.round)) return [];
  const out: Figure[] = [];
  for (const f of before.figures) {
    if (!f.rows.length) continue;
    const d = after.distributions.find((x) => x.itemId === f.itemId && x.groupBy === 'all');
    if (!d || d.n === 0) continue;
    const percents = Object.fromEntries([...d.options, ...d.dontKnow].map((o) => [o.code, o.percent]));
    const rows = publishedChange(f, { n: d.n, base: d.base, percents });
    const item = after.instrument.items.find((i) => i.id === f.itemId);
    out.push({
      id: `publicerad-forandring-${f.itemId}`,
      title: `${f.figure ? `${f.figure}: ` : ''}${item ? itemShortLabel(item) : f.itemId} – publicerat mot ${after.round.title}`,
      chart: 'bar',
      base: d.base,
      n: d.n,
      notes: [
        `${before.round.title}: ${baseLine(f)}; källa ”${f.source.title}”${f.source.page ? `, ${f.source.page}` : ''}.`,
        `${after.round.title}: beräknat ur enskilda svar, bas: ${d.base === 'mentions' ? 'omnämnanden' : 'respondenter'} (n = ${d.n}).`,
        'Förändringen anges i procentenheter; de publicerade siffrorna och svaren har olika underlag och ska jämföras med försiktighet.',
      ],
      columns: [
        { key: 'option', label: 'Alternativ', format: 'text' },
        { key: 'published', label: `${before.round.title} (publicerat)`, format: 'pct', series: true },
        { key: 'later', label: after.round.title, format: 'pct', series: true },
        { key: 'change', label: 'Förändring', format: 'pp' },
      ],
      rows: rows.map((r) => ({ key: r.options.join('+'), label: r.label, cells: { option: r.label, published: r.published, later: r.later, change: r.change } })),
      max: 100,
    });
  }
  return out;
}
