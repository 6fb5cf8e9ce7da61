// Comparisons within the instance (issue 14, deliver 6): a municipality against its association, the
// region (all associations of its region) and all municipalities of the instance; the region's analyst
// gets one aggregate per association. Per measure of an instrument (overall, dimension, group, item) over
// the latest closed round per association of compatible instrument versions.
//
// Anonymised by construction: an aggregate holds only the mean of municipality percentages and how many
// municipalities it rests on, never a code or a name; the only municipality named is the viewer's own.
// Two rules guard every aggregate (DOMAIN.md §5):
// - a municipality with fewer than `minRespondents` respondents in its round is left out (suppression of
//   small groups; a self-assessment has one respondent, the municipality itself, so 1 there);
// - an aggregate resting on fewer than `minMunicipalities` municipalities shows no figure, only
//   "för få kommuner".
// Pure; property-tested in test/benchmarks.test.ts.
import type { MunicipalityScores } from '../analysis/types.ts';
import type { Instrument } from '../instruments/schema.ts';
import { itemShortLabel } from '../instruments/short.ts';
import { scoredItems } from '../analysis/scores.ts';
import type { ReferenceMark } from './references.ts';

export const TOO_FEW_MUNICIPALITIES = 'för få kommuner';
export const DEFAULT_MIN_MUNICIPALITIES = 3;

/** A measure of the comparison: 'overall', 'dimension:<id>', 'group:<id>', 'item:<id>'. */
export interface BenchmarkMeasure {
  key: string;
  kind: 'overall' | 'dimension' | 'group' | 'item';
  label: string;
  /** The full text (items: the question). */
  text: string;
}

/** One association's latest closed round of the instrument, with its municipalities' scores. */
export interface AssociationRound {
  associationId: number;
  associationName: string;
  regionName: string | null;
  round: { id: number; title: string; version: string; periodEnd: string };
  /** Per participating municipality with answers: its respondents and scores. */
  municipalities: readonly MunicipalityScores[];
}

export type BenchmarkViewer =
  | { kind: 'municipality'; code: string; name: string; associationId: number }
  | { kind: 'region' };

export interface BenchmarkSettings {
  minMunicipalities: number;
  /** Respondents a municipality needs to enter an aggregate (the instrument's suppressionMin; 1 for a self-assessment). */
  minRespondents: number;
}

export interface AggregateValue {
  /** Mean of the municipalities' percentages; null when fewer than minMunicipalities have one. */
  value: number | null;
  /** Municipalities with a value (after leaving out small ones). */
  n: number;
  /** "för få kommuner" when the figure is withheld. */
  withheld?: string;
}

export interface BenchmarkAggregate {
  /** 'association', 'region', 'instance' for a municipality's view; 'association:<id>', 'region', 'instance' for the analyst. */
  key: string;
  label: string;
  /** What the aggregate covers, in words. */
  description: string;
  /** Municipalities that enter (enough respondents, any value). */
  municipalities: number;
  /** Left out for too few respondents. */
  leftOut: number;
  values: Record<string, AggregateValue>;
}

export interface BenchmarkComparison {
  instrument: { id: string; title: string; version: string };
  settings: BenchmarkSettings;
  measures: BenchmarkMeasure[];
  /** The viewer's own municipality (named; its own figures in full). */
  own: { code: string; name: string; respondents: number; values: Record<string, number | null>; round: string | null } | null;
  aggregates: BenchmarkAggregate[];
  /** Which associations' rounds enter, by association (no municipality). */
  rounds: Array<{ association: string; year: number; version: string }>;
  references: ReferenceMark[];
  notes: string[];
}

/** The measures of an instrument, in order: overall, dimensions, groups, items. */
export function benchmarkMeasures(instrument: Instrument): BenchmarkMeasure[] {
  const out: BenchmarkMeasure[] = [{ key: 'overall', kind: 'overall', label: 'Totalt', text: 'Totalt (procent av skalans maximum)' }];
  for (const d of instrument.dimensions) out.push({ key: `dimension:${d.id}`, kind: 'dimension', label: d.label, text: d.label });
  for (const g of instrument.groups) out.push({ key: `group:${g.id}`, kind: 'group', label: g.label, text: g.label });
  for (const { item } of scoredItems(instrument)) out.push({ key: `item:${item.id}`, kind: 'item', label: itemShortLabel(item), text: item.text });
  return out;
}

function valueOf(s: MunicipalityScores, key: string): number | null {
  if (key === 'overall') return s.overall.pct;
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const v = kind === 'dimension' ? s.dimensions[id]?.pct : kind === 'group' ? s.groups[id]?.pct : kind === 'item' ? s.items[id]?.pct : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function aggregate(
  key: string,
  label: string,
  description: string,
  rounds: readonly AssociationRound[],
  measures: readonly BenchmarkMeasure[],
  settings: BenchmarkSettings,
): BenchmarkAggregate {
  const all = rounds.flatMap((r) => r.municipalities);
  const entering = all.filter((m) => m.n >= settings.minRespondents);
  const values: Record<string, AggregateValue> = {};
  for (const m of measures) {
    const xs = entering.map((s) => valueOf(s, m.key)).filter((v): v is number => v !== null);
    values[m.key] =
      xs.length >= settings.minMunicipalities
        ? { value: xs.reduce((a, b) => a + b, 0) / xs.length, n: xs.length }
        : { value: null, n: xs.length, withheld: TOO_FEW_MUNICIPALITIES };
  }
  return { key, label, description, municipalities: entering.length, leftOut: all.length - entering.length, values };
}

/** The comparison a viewer sees. `rounds`: each association's latest closed round of compatible versions (the caller picks them). */
export function compareBenchmarks(
  instrument: Instrument,
  rounds: readonly AssociationRound[],
  viewer: BenchmarkViewer,
  settings: BenchmarkSettings,
  references: readonly ReferenceMark[] = [],
): BenchmarkComparison {
  const measures = benchmarkMeasures(instrument);
  const aggregates: BenchmarkAggregate[] = [];
  let own: BenchmarkComparison['own'] = null;
  const notes: string[] = [
    `Varje jämförelsevärde är medelvärdet av kommunernas procent av skalans maximum (varje kommun räknas en gång), från varje förbunds senaste stängda mätomgång med en jämförbar version av instrumentet.`,
    `Kommuner med färre än ${settings.minRespondents} svarande räknas inte in. Ett värde som vilar på färre än ${settings.minMunicipalities} kommuner visas inte (${TOO_FEW_MUNICIPALITIES}).`,
    'Jämförelsevärdena är anonymiserade: inga kommuner namnges utom din egen.',
  ];
  if (viewer.kind === 'municipality') {
    const mine = rounds.find((r) => r.associationId === viewer.associationId);
    const ownScores = mine?.municipalities.find((m) => m.municipality === viewer.code) ?? null;
    own = {
      code: viewer.code,
      name: viewer.name,
      respondents: ownScores?.n ?? 0,
      values: Object.fromEntries(measures.map((m) => [m.key, ownScores ? valueOf(ownScores, m.key) : null])),
      round: mine?.round.title ?? null,
    };
    if (!ownScores) notes.push(`${viewer.name} har inga svar i förbundets senaste stängda mätomgång av instrumentet.`);
    if (mine) aggregates.push(aggregate('association', mine.associationName, `Kommunerna i ${mine.associationName}`, [mine], measures, settings));
    else notes.push('Förbundet har ingen stängd mätomgång av instrumentet.');
    const region = mine?.regionName ?? null;
    if (region)
      aggregates.push(
        aggregate('region', region, `Alla förbunds kommuner i ${region}`, rounds.filter((r) => r.regionName === region), measures, settings),
      );
  } else {
    for (const r of [...rounds].sort((a, b) => a.associationId - b.associationId))
      aggregates.push(aggregate(`association:${r.associationId}`, r.associationName, `Kommunerna i ${r.associationName}`, [r], measures, settings));
    const regions = [...new Set(rounds.map((r) => r.regionName).filter((x): x is string => !!x))].sort();
    for (const region of regions)
      aggregates.push(aggregate('region', region, `Alla förbunds kommuner i ${region}`, rounds.filter((r) => r.regionName === region), measures, settings));
  }
  aggregates.push(aggregate('instance', 'Alla kommuner', 'Alla kommuner i samverka', rounds, measures, settings));
  return {
    instrument: { id: instrument.id, title: instrument.title, version: instrument.version },
    settings,
    measures,
    own,
    aggregates,
    rounds: [...rounds]
      .sort((a, b) => a.associationId - b.associationId)
      .map((r) => ({ association: r.associationName, year: Number(r.round.periodEnd.slice(0, 4)), version: r.round.version })),
    references: [...references],
    notes,
  };
}
