// Regional follow-up (DOMAIN.md §10; VGR Analys 2025:40 tables 1, 3, 5, 7 and 2, 4, 6, 8): the indicators each
// association reports to the region and the funding follow-up per cost type. Pure.
//
// Three separate figures per indicator, none replacing another:
// - expected: the value in the decision ("Förväntat");
// - published: the outcome as published, with its source and date ("Utfall per aug. 2025", VGR Analys 2025:40);
// - computed: the outcome samverka computes from its own data, with its base (what is counted, n) and a mark
//   when it rests on synthesised demo data or on incomplete data (not every member municipality compared).
// The definition travels with the figure: Fyrbodal counts its municipalities among "aktörer", GR only other
// actors (associations.actors_include_municipalities and indicator_definition).
//
// For a year Y an initiative *counts* when its current stage is Prioriterad, Genomförande or Avslutad /
// Nyttohemtagning and its planned years overlap Y (open ends overlap every year). Only participations
// of kind 'deltar' count (interest is not participation).
//
// - andel_lansgemensamma = member municipalities taking part in at least one counting initiative with a
//   regional scope, divided by the number of member municipalities; percent, one decimal.
// - aktorer = distinct other actors taking part in counting initiatives, plus (when the association counts
//   them, as Fyrbodal: "11 av Fyrbodals 14 kommuner, samt kommunalförbundet…" = 15) the distinct member
//   municipalities taking part.
// - aktiva_natverk = the association's networks marked active whose years overlap Y.
// - andel_okad_mognad = increased / n from the change between two maturity rounds (supplied by the caller).
// A figure is not computed (computed = null) when samverka holds no underlying data for the association
// (no initiatives, no networks, no comparison of two rounds); a row without expected, published or computed
// value is left out (GR, Sjuhärad and Skaraborg have no maturity indicator).
import type { z } from 'zod';
import type { BarsChart } from '../charts/spec.ts';
import { checkMoneyUnit, checkTableTotals, checkTotal, type MoneyUnit, type QualityFlag, type QualityFlagCode } from '../analysis/quality.ts';
import type { fundingProject, network } from './portfolio-schema.ts';
import { COST_TYPE_LABELS, COST_TYPES, formatSek as kr, overlapsYears, type CostType, type Scope, type Stage } from './types.ts';

export const INDICATORS = ['aktorer', 'andel_lansgemensamma', 'aktiva_natverk', 'andel_okad_mognad'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

export const INDICATOR_LABELS: Record<IndicatorKey, string> = {
  aktorer: 'Antal delregionala aktörer som deltar genom projektet',
  andel_lansgemensamma: 'Andel kommuner som deltar i länsgemensamma initiativ',
  aktiva_natverk: 'Delregionalt digitaliseringsnätverk är aktivt',
  andel_okad_mognad: 'Andel kommuner som visar på ökad digital mognad',
};

export const INDICATOR_UNITS: Record<IndicatorKey, 'antal' | 'procent'> = {
  aktorer: 'antal',
  andel_lansgemensamma: 'procent',
  aktiva_natverk: 'antal',
  andel_okad_mognad: 'procent',
};

/** How samverka computes each indicator (the association's own definition of "aktörer" is added to it). */
export const INDICATOR_DEFINITIONS: Record<IndicatorKey, string> = {
  aktorer: 'Beräknas som antalet olika aktörer som deltar i initiativ som räknas året (Prioriterad, Genomförande, Avslutad/Nyttohemtagning).',
  andel_lansgemensamma: 'Medlemskommuner som deltar i minst ett länsgemensamt initiativ som räknas året, delat med antalet medlemskommuner.',
  aktiva_natverk: 'Förbundets delregionala nätverk som är markerade som aktiva under året.',
  andel_okad_mognad:
    'Kommuner vars samlade mognad har ökat minst instrumentets minsta meningsfulla förändring mellan den första och den senaste stängda mätomgången av Digital mognad, delat med antalet jämförda kommuner.',
};

/**
 * Indicators that are a yes/no statement ("… är aktivt"): expected 1 means "Ja"; the outcome is "Ja" when
 * the count behind it (e.g. active networks) is at least 1. Reports show them as Ja/Nej.
 */
export const YES_NO_INDICATORS: ReadonlySet<IndicatorKey> = new Set<IndicatorKey>(['aktiva_natverk']);

/** "Ja"/"Nej" for a yes/no indicator's value (a count: at least 1 is "Ja"); null stays null. */
export function yesNo(v: number | null): 'Ja' | 'Nej' | null {
  return v === null ? null : v >= 1 ? 'Ja' : 'Nej';
}

export const COUNTING_STAGES: Stage[] = ['prioriterad', 'genomforande', 'nyttohemtagning'];

export interface IndicatorInitiative {
  id: number;
  stage: Stage;
  scope: Scope;
  startYear: number | null;
  endYear: number | null;
  /** Municipality codes with kind 'deltar'. */
  participating: string[];
  /** Ids of other actors taking part. */
  actors: number[];
  /** Synthesised demo data (its participations make a computed outcome synthesised too). */
  demo?: boolean;
}

/** What is stored per association, year and indicator: the expected value and the published outcome. */
export interface IndicatorTarget {
  expected: number | null;
  /** The outcome as published (e.g. "Utfall per aug. 2025"); null if none. */
  reported: number | null;
  note: string;
  /** Where the published outcome is published: report title and year; '' when not given. */
  source?: string;
  /** The date the published outcome refers to, as published ("aug. 2025"); '' when not given. */
  asOf?: string;
  /** The number of member municipalities the published text states (checked against the members). */
  statedMembers?: number | null;
}

export interface IndicatorInput {
  year: number;
  /** Member municipality codes of the association (the base of the shares). */
  members: string[];
  initiatives: IndicatorInitiative[];
  networks: Array<Pick<Network, 'active' | 'startYear' | 'endYear'> & { demo?: boolean }>;
  /** From the analysis module's change classification between two rounds, or null; `demo` when a round is demo data. */
  maturity: { increased: number; n: number; demo?: boolean } | null;
  targets: Partial<Record<IndicatorKey, IndicatorTarget>>;
  /** The association's own definition of its indicators, as published (associations.indicator_definition). */
  definition?: string;
  /** The association's name, for flags. */
  association?: string;
}

export interface IndicatorOptions {
  countingStages?: Stage[];
  regionalScopes?: Scope[];
  actorsIncludeMunicipalities?: boolean;
}

/** The published outcome, as published: value, source and the date it refers to. */
export interface PublishedOutcome {
  value: number;
  /** Report title and year; '' when not given. */
  source: string;
  /** "aug. 2025" for "Utfall per aug. 2025"; '' when not given. */
  asOf: string;
}

/** The outcome samverka computes from its own data. */
export interface ComputedOutcome {
  value: number | null;
  /** What the figure counts, in Swedish. */
  base: string;
  /** Size of the base (member municipalities, networks, compared municipalities), or null for plain counts. */
  n: number | null;
  /** Numerator behind a share, or the parts of a count. */
  count: number | null;
  /** Rests (partly) on synthesised demo data. */
  synthesised: boolean;
  /** Rests on incomplete data (e.g. not every member municipality could be compared). */
  incomplete: boolean;
  /** Why it is marked, in Swedish; '' when neither mark applies. */
  caveat: string;
}

export interface IndicatorRow {
  indicator: IndicatorKey;
  label: string;
  unit: 'antal' | 'procent';
  /** How the figure is defined: samverka's computation and the association's own definition. */
  definition: string;
  /** Förväntat (the decision's value). */
  expected: number | null;
  /** Utfall as published, with source and date; null when nothing is published. */
  published: PublishedOutcome | null;
  /** Utfall computed in samverka, with its base; null when samverka holds no underlying data. */
  computed: ComputedOutcome | null;
  /** Why there is no computed outcome, in Swedish; '' when there is one. */
  notComputed: string;
  /** The published comment (e.g. why 75 % is a subjective estimate). */
  note: string;
}

/** A flag on the follow-up: a data-quality check (quality.ts) or an overspent cost type or a member count. */
export interface FollowUpFlag extends Omit<QualityFlag, 'code'> {
  code: QualityFlagCode | 'OVERSPENT' | 'MEMBER_COUNT';
}

export const FOLLOW_UP_FLAG_LABELS: Record<FollowUpFlag['code'], string> = {
  PERCENT_SUM: 'Andelarna summerar inte till 100 %',
  TOTAL_MISMATCH: 'Summan stämmer inte med delarna',
  BASE_MISMATCH: 'Frågorna redovisas på olika bas',
  MENTIONS_AS_SHARE: 'Omnämnanden redovisade som andel av svarande',
  MONEY_UNIT: 'Beloppen är angivna i fel enhet',
  OVERSPENT: 'Mer rekvirerat än ansökt',
  MEMBER_COUNT: 'Antalet medlemskommuner stämmer inte',
};

const pct1 = (count: number, n: number) => (n > 0 ? Math.round((count / n) * 1000) / 10 : null);

const caveatOf = (synthesised: boolean, incomplete: string) =>
  [synthesised ? 'Beräknat ur syntetiserade demodata.' : '', incomplete].filter(Boolean).join(' ');

export function computeIndicators(input: IndicatorInput, opts: IndicatorOptions = {}): IndicatorRow[] {
  const stages = opts.countingStages ?? COUNTING_STAGES;
  const regional = opts.regionalScopes ?? ['regional'];
  const includeMunicipalities = opts.actorsIncludeMunicipalities ?? true;
  const members = new Set(input.members);
  const counting = input.initiatives.filter((i) => stages.includes(i.stage) && overlapsYears(i, input.year, input.year));

  const inRegional = new Set<string>();
  const anyMunicipality = new Set<string>();
  const actors = new Set<number>();
  // Whether a demo initiative contributes to the counts (actors; regional participation).
  let demoActors = false;
  let demoRegional = false;
  for (const i of counting) {
    for (const m of i.participating) {
      if (!members.has(m)) continue;
      anyMunicipality.add(m);
      if (i.demo && includeMunicipalities) demoActors = true;
      if (regional.includes(i.scope)) {
        inRegional.add(m);
        if (i.demo) demoRegional = true;
      }
    }
    for (const a of i.actors) actors.add(a);
    if (i.demo && i.actors.length) demoActors = true;
  }
  const active = input.networks.filter((n) => n.active && overlapsYears(n, input.year, input.year));
  const demoNetworks = active.some((n) => n.demo);
  const own = input.definition?.trim() ?? '';
  const actorRule = includeMunicipalities
    ? 'Förbundet räknar sina medlemskommuner bland aktörerna.'
    : 'Förbundet räknar bara andra aktörer än kommunerna och förbundet självt.';

  const row = (key: IndicatorKey, computed: ComputedOutcome | null, notComputed = ''): IndicatorRow | null => {
    const t = input.targets[key];
    const published = t && t.reported !== null && t.reported !== undefined ? { value: t.reported, source: t.source ?? '', asOf: t.asOf ?? '' } : null;
    const expected = t?.expected ?? null;
    if (expected === null && published === null && computed === null) return null;
    const definition = [INDICATOR_DEFINITIONS[key], ...(key === 'aktorer' ? [actorRule, own] : [])].filter(Boolean).join(' ');
    return {
      indicator: key,
      label: INDICATOR_LABELS[key],
      unit: INDICATOR_UNITS[key],
      definition,
      expected,
      published,
      computed,
      notComputed: computed ? '' : notComputed,
      note: t?.note ?? '',
    };
  };
  const outcome = (value: number | null, base: string, n: number | null, count: number | null, synthesised: boolean, incomplete = ''): ComputedOutcome => ({
    value,
    base,
    n,
    count,
    synthesised,
    incomplete: incomplete !== '',
    caveat: caveatOf(synthesised, incomplete),
  });

  const hasPortfolio = input.initiatives.length > 0;
  const noPortfolio = 'Inte beräknat: inga initiativ är registrerade för förbundet i samverka.';
  const actorCount = actors.size + (includeMunicipalities ? anyMunicipality.size : 0);
  const rows = [
    row(
      'aktorer',
      hasPortfolio
        ? outcome(
            actorCount,
            includeMunicipalities
              ? `aktörer: ${anyMunicipality.size} deltagande medlemskommuner och ${actors.size} andra aktörer`
              : `andra aktörer än kommunerna (${actors.size})`,
            null,
            actorCount,
            demoActors,
          )
        : null,
      noPortfolio,
    ),
    row(
      'andel_lansgemensamma',
      hasPortfolio && members.size > 0
        ? outcome(
            pct1(inRegional.size, members.size),
            `medlemskommuner som deltar i minst ett länsgemensamt initiativ (${inRegional.size} av ${members.size})`,
            members.size,
            inRegional.size,
            demoRegional,
          )
        : null,
      noPortfolio,
    ),
    row(
      'aktiva_natverk',
      input.networks.length
        ? outcome(active.length, `aktiva nätverk (${active.length} av ${input.networks.length} registrerade)`, input.networks.length, active.length, demoNetworks)
        : null,
      'Inte beräknat: inga nätverk är registrerade för förbundet i samverka.',
    ),
    row(
      'andel_okad_mognad',
      input.maturity && input.maturity.n > 0
        ? outcome(
            pct1(input.maturity.increased, input.maturity.n),
            `kommuner med ökad mognad mellan två mätomgångar (${input.maturity.increased} av ${input.maturity.n} jämförda)`,
            input.maturity.n,
            input.maturity.increased,
            input.maturity.demo ?? false,
            members.size > 0 && input.maturity.n < members.size
              ? `Ofullständigt underlag: ${input.maturity.n} av ${members.size} medlemskommuner kunde jämföras.`
              : '',
          )
        : null,
      'Inte beräknat: det finns ingen jämförelse mellan två stängda mätomgångar av Digital mognad.',
    ),
  ];
  return rows.filter((r): r is IndicatorRow => r !== null);
}

/**
 * Flags on the published indicator figures: a stated number of member municipalities that differs from the
 * association's members (GR: "14 kommuner inklusive Kungsbacka" against 13 members).
 */
export function indicatorFlags(input: Pick<IndicatorInput, 'members' | 'targets' | 'association'>): FollowUpFlag[] {
  const flags: FollowUpFlag[] = [];
  for (const key of INDICATORS) {
    const stated = input.targets[key]?.statedMembers;
    if (stated === null || stated === undefined || stated === input.members.length) continue;
    const who = input.association ?? 'Förbundet';
    flags.push({
      code: 'MEMBER_COUNT',
      severity: 'warning',
      subject: `${INDICATOR_LABELS[key]}: antal medlemskommuner`,
      message: `${INDICATOR_LABELS[key]}: det publicerade underlaget anger ${stated} kommuner, men ${who} har ${input.members.length} medlemskommuner (differens ${stated - input.members.length}).`,
      expected: input.members.length,
      actual: stated,
      difference: stated - input.members.length,
    });
  }
  return flags;
}

// ---- Funding follow-up ------------------------------------------------------------------------

export interface FundingRowInput {
  costType: CostType;
  /** Beslutat/ansökt belopp, SEK. */
  applied: number;
  /** Rekvirerat hittills, SEK. */
  requisitioned: number;
}

export interface FundingRow extends FundingRowInput {
  label: string;
  /** applied − requisitioned (negative = more requisitioned than applied for). */
  remaining: number;
  overspent: boolean;
}

/** The published table's own totals (the "Totalt" row), as published; null where not stated. */
export interface FundingStated {
  applied: number | null;
  requisitioned: number | null;
  remaining: number | null;
}

/** What the published funding table states beside its rows. */
export interface FundingPublication {
  /** The unit the table states its money in, as published ("(tkr)"). */
  unit?: MoneyUnit;
  stated?: FundingStated | null;
  /** The decided total in kronor (known from the decision), to check the stated unit against. */
  decidedTotal?: number | null;
  /** The table's name for the flags' subjects (e.g. "Tabell 4"); '' for none. */
  table?: string;
}

export interface FundingFollowUp {
  rows: FundingRow[];
  /** Sums of the rows. */
  total: { applied: number; requisitioned: number; remaining: number };
  /** The published totals, as published (null when the table states none). */
  stated: FundingStated | null;
  /** The unit the published table states, as published. */
  unit: MoneyUnit;
  /** requisitioned / applied, percent with one decimal. */
  requisitionedPercent: number | null;
  /** Overspent cost types and data-quality flags on the published totals and unit. */
  flags: FollowUpFlag[];
}

export const FUNDING_COLUMN_LABELS = ['Ansökan', 'Rekvirerat', 'Kvarstår'] as const;

/**
 * The funding chart (through the one chart pipeline, domain/charts): applied and requisitioned per cost
 * type, in kronor, in the rows' order. `t` translates the cost types and the series names.
 */
export function fundingChart(rows: readonly Pick<FundingRow, 'label' | 'applied' | 'requisitioned'>[], t: (sv: string) => string = (s) => s): BarsChart {
  return {
    type: 'bars',
    categories: rows.map((r) => t(r.label)),
    series: [
      { label: t(FUNDING_COLUMN_LABELS[0]), role: 'target' },
      { label: t(FUNDING_COLUMN_LABELS[1]), role: 'value' },
    ],
    values: rows.map((r) => [r.applied, r.requisitioned]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}

/**
 * Remaining = applied − requisitioned per cost type and in total (rows in COST_TYPES order); a negative
 * remainder is flagged as overspent. The published totals are kept as published and checked against the
 * rows (checkTableTotals: each column's sum) and against themselves (Kvarstår = Ansökan − Rekvirerat); the
 * stated unit is checked against the decided total (checkMoneyUnit).
 */
export function fundingFollowUp(rows: readonly FundingRowInput[], published: FundingPublication = {}): FundingFollowUp {
  const ordered = [...rows].sort((a, b) => COST_TYPES.indexOf(a.costType) - COST_TYPES.indexOf(b.costType));
  const out: FundingRow[] = ordered.map((r) => ({
    ...r,
    label: COST_TYPE_LABELS[r.costType],
    remaining: r.applied - r.requisitioned,
    overspent: r.requisitioned > r.applied,
  }));
  const applied = out.reduce((s, r) => s + r.applied, 0);
  const requisitioned = out.reduce((s, r) => s + r.requisitioned, 0);
  const total = { applied, requisitioned, remaining: applied - requisitioned };
  const prefix = published.table ? `${published.table}: ` : '';
  const flags: FollowUpFlag[] = [];
  for (const r of out)
    if (r.overspent)
      flags.push({
        code: 'OVERSPENT',
        severity: 'warning',
        subject: `${prefix}${r.label}`,
        message: `${prefix}${r.label}: rekvirerat ${kr(r.requisitioned)} överstiger ansökt ${kr(r.applied)} med ${kr(-r.remaining)}.`,
        expected: r.applied,
        actual: r.requisitioned,
        difference: r.requisitioned - r.applied,
      });
  const stated = published.stated ?? null;
  const unit = published.unit ?? 'kr';
  if (stated) {
    flags.push(
      ...checkTableTotals(
        {
          columns: FUNDING_COLUMN_LABELS,
          rows: out.map((r) => ({ label: `${prefix}${r.label}`, cells: [r.applied, r.requisitioned, r.remaining] })),
          totals: { label: `${prefix}Totalt`, cells: [stated.applied, stated.requisitioned, stated.remaining] },
        },
        0,
      ),
    );
    if (stated.applied !== null && stated.requisitioned !== null) {
      const f = checkTotal(`${prefix}Totalt / Kvarstår (Ansökan − Rekvirerat)`, stated.remaining, [stated.applied, -stated.requisitioned], 0);
      if (f) flags.push(f);
    }
  }
  const unitFlag = checkMoneyUnit(`${prefix}Beloppens enhet`, unit, stated?.applied ?? applied, published.decidedTotal ?? null);
  if (unitFlag) flags.push(unitFlag);
  return { rows: out, total, stated, unit, requisitionedPercent: applied > 0 ? Math.round((requisitioned / applied) * 1000) / 10 : null, flags };
}

/** A funding project (e.g. the regional grant) with applied and requisitioned amounts per cost type (schema: portfolio-schema.ts). */
export type FundingProject = z.infer<typeof fundingProject>;

/** The publication a stored funding project carries (its stated totals, unit and decided total). */
export function fundingPublication(p: FundingProject, table = ''): FundingPublication {
  const stated = p.statedApplied === null && p.statedRequisitioned === null && p.statedRemaining === null
    ? null
    : { applied: p.statedApplied, requisitioned: p.statedRequisitioned, remaining: p.statedRemaining };
  return { unit: p.unit, stated, decidedTotal: p.decidedTotal, table };
}

export type FundingProjectView = FundingProject & { followUp: FundingFollowUp };

/** An association as the follow-up names it. */
export interface AssociationRef {
  id: number;
  shortId: string;
  name: string;
  actorsIncludeMunicipalities: boolean;
  indicatorDefinition: string;
  /** Number of member municipalities. */
  members: number;
}

/** One association's follow-up for a year. */
export interface AssociationFollowUp {
  association: AssociationRef;
  year: number;
  indicators: IndicatorRow[];
  funding: FundingProjectView[];
  /** Every flag of the association's figures: indicators (member count) and funds (overspend, totals, unit). */
  flags: FollowUpFlag[];
}

/** A closed round of the maturity instrument (dates YYYY-MM-DD). */
export interface MaturityRound {
  id: number;
  periodStart: string;
  periodEnd: string;
}

/**
 * The two closed maturity rounds behind "andel kommuner som visar på ökad digital mognad" for `year`:
 * the earliest round (by period start, then id) and the latest one whose period ends in or before the
 * year (by period end, then start, then id). Null when there are not two distinct such rounds.
 */
export function maturityRoundPair<T extends MaturityRound>(closed: readonly T[], year: number): { before: T; after: T } | null {
  const byStart = [...closed].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.id - b.id);
  const until = closed
    .filter((r) => Number(r.periodEnd.slice(0, 4)) <= year)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart) || a.id - b.id);
  const before = byStart[0];
  const after = until.at(-1);
  if (!before || !after || before.id === after.id || !until.includes(before)) return null;
  return { before, after };
}

/** A sub-regional network (counted by "aktiva nätverk" while active in the year; schema: portfolio-schema.ts). */
export type Network = z.infer<typeof network>;
