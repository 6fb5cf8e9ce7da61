// The flat data sheet of the round reports (model.ts FlatData): one row per unit × question × answer
// option with count, share, base and the unit of the base, from the same analysis the report is built
// from. The regional report's units are "Regionen" and the anonymised "Kommun 1…N" (never names; a
// municipality × question with fewer than scoring.suppressionMin answers is left out, as in the report);
// a delrapport's units are its own municipality and the region as others see it. Free-text and number
// questions have no options and are not in the sheet. Pure.
import type { Item } from '../instruments/schema.ts';
import { distributions, type AnalysisResponse, type DistributionFigure } from '../analysis/index.ts';
import { regionOf, visible, type Ctx } from './common.ts';
import type { Cell, Column, FlatData } from './model.ts';

export const FLAT_SHEET = 'Data';

export const FLAT_COLUMNS: Column[] = [
  { label: 'Enhet', width: 1.2 },
  { label: 'Område', width: 1.4 },
  { label: 'Fråga-id', width: 1 },
  { label: 'Fråga', width: 2 },
  { label: 'Svarsalternativ', width: 2 },
  { label: 'Värde', format: 'decimal', width: 0.6 },
  { label: 'Antal', format: 'int', width: 0.6 },
  { label: 'Andel', format: 'percent', width: 0.6 },
  { label: 'Bas', format: 'int', width: 0.6 },
  { label: 'Basens enhet', width: 1 },
];

/** A unit of the flat sheet and the (visible) figure of a question for it; null = not shown. */
export interface FlatUnit {
  label: string;
  figure: (item: Item) => DistributionFigure | null;
}

const BASE_UNIT = { respondents: 'svarande', municipalities: 'kommuner', mentions: 'omnämnanden' } as const;

/** Items with answer options (not free text, not numbers). */
const optionItems = (ctx: Ctx) => ctx.ins.items.filter((i) => i.type !== 'text' && i.type !== 'number');

export function flatRows(ctx: Ctx, units: FlatUnit[]): Cell[][] {
  const groups = new Map(ctx.ins.groups.map((g) => [g.id, g.label]));
  const rows: Cell[][] = [];
  for (const u of units)
    for (const item of optionItems(ctx)) {
      const fig = u.figure(item);
      if (!fig || fig.n === 0) continue;
      const area = (item.group && groups.get(item.group)) || '';
      const label = ctx.labels.get(item.id) ?? item.id;
      if (item.type === 'multi' && fig.perRespondent) {
        // A respondent may choose several options: shares of the respondents (they may sum to more than 100 %).
        const unit = ctx.selfAssessment ? 'kommuner' : 'svarande';
        for (const o of fig.perRespondent.options) rows.push([u.label, area, item.id, label, o.label, o.value, o.count, o.percent, fig.perRespondent.n, unit]);
        continue;
      }
      for (const o of [...fig.options, ...fig.dontKnow]) rows.push([u.label, area, item.id, label, o.label, o.value, o.count, o.percent, fig.n, BASE_UNIT[fig.base]]);
    }
  return rows;
}

function flatData(ctx: Ctx, units: FlatUnit[], note: string): FlatData {
  return { sheet: FLAT_SHEET, columns: FLAT_COLUMNS, rows: flatRows(ctx, units), note };
}

/** Per municipality code: the distribution of every question over that municipality's responses. */
function byMunicipality(ctx: Ctx, responses: readonly AnalysisResponse[]): Map<string, Map<string, DistributionFigure>> {
  const out = new Map<string, Map<string, DistributionFigure>>();
  for (const f of distributions(ctx.ins, responses, 'municipality')) {
    if (f.groupKey === null) continue;
    let m = out.get(f.groupKey);
    if (!m) out.set(f.groupKey, (m = new Map()));
    m.set(f.itemId, f);
  }
  return out;
}

/** Regional report: "Regionen" and each municipality as "Kommun k" (labels from anonymiseMunicipalities). */
export function regionalFlatData(ctx: Ctx, labels: Record<string, string>): FlatData {
  const per = byMunicipality(ctx, ctx.input.responses);
  const codes = [...per.keys()].filter((c) => labels[c]).sort((a, b) => Number(labels[a].replace(/\D/g, '')) - Number(labels[b].replace(/\D/g, '')));
  const units: FlatUnit[] = [
    {
      label: 'Regionen',
      figure: (item) => {
        const f = ctx.dist.get(item.id);
        return f ? visible(ctx, f) : null;
      },
    },
    ...codes.map((c) => ({
      label: labels[c],
      figure: (item: Item) => {
        const f = per.get(c)?.get(item.id);
        return f ? visible(ctx, f, c) : null;
      },
    })),
  ];
  return flatData(
    ctx,
    units,
    `En rad per enhet (Regionen, Kommun 1…N), fråga och svarsalternativ. Kommunerna redovisas utan namn; en kommuns svar på en fråga redovisas inte när färre än ${ctx.suppressionMin} har besvarat den.`,
  );
}

/** Delrapport: the own municipality (by name) and the region as others see it. */
export function delrapportFlatData(ctx: Ctx, name: string, own: readonly AnalysisResponse[]): FlatData {
  const region = regionOf(ctx);
  const regionDist = new Map(region.distributions.filter((d) => d.groupBy === 'all').map((d) => [d.itemId, d]));
  const ownDist = new Map(distributions(ctx.ins, own).map((d) => [d.itemId, d]));
  return flatData(
    ctx,
    [
      { label: name, figure: (item) => ownDist.get(item.id) ?? null },
      {
        label: 'Regionen',
        figure: (item) => {
          const f = regionDist.get(item.id);
          return f ? visible(ctx, f) : null;
        },
      },
    ],
    `En rad per enhet (${name}, Regionen), fråga och svarsalternativ.`,
  );
}
