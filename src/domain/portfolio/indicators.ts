// Regional follow-up (DOMAIN.md §10; VGR Analys 2025:40 tables 1, 3, 5, 7 and 2, 4, 6, 8): the indicators the
// association reports to the region, computed from the portfolio where the data is in samverka, and
// the funding follow-up per cost type.
//
// For a year Y an initiative *counts* when its current stage is Prioriterad, Genomförande or Avslutad /
// Nyttohemtagning and its planned years overlap Y (open ends overlap every year). Only participations
// of kind 'deltar' count (interest is not participation).
//
// - andel_lansgemensamma  "Andel kommuner som deltar i länsgemensamma initiativ" = the member
//   municipalities that take part in at least one counting initiative with a regional scope ('regional'
//   by default), divided by the number of member municipalities; percent, one decimal.
// - aktorer  "Antal delregionala aktörer som deltar genom projektet" = distinct other actors taking part
//   in counting initiatives, plus (by default, as Fyrbodal counts in VGR Analys 2025:40 table 1: "11 av Fyrbodals
//   14 kommuner, samt kommunalförbundet…, Business Region Väst, Innovatum och Högskolan i Väst" = 15)
//   the distinct member municipalities taking part. Göteborgsregionen counts other actors only (table 3);
//   set actorsIncludeMunicipalities = false for that definition.
// - aktiva_natverk  "Delregionalt digitaliseringsnätverk är aktivt" = networks marked active whose years
//   overlap Y.
// - andel_okad_mognad  "Andel kommuner som visar på ökad digital mognad" = increased / n from the change
//   between two measurement rounds (supplied by the caller from the analysis module); percent, one
//   decimal. Without a comparison (null) the indicator is not computed and the reported value is shown.
//
// A computed outcome is *synthesised* when demo data contributes to it (a demo initiative's participation
// or actors, an active demo network, a demo maturity round): the page and the exports say so. The reported
// (published) outcome is returned beside it with its source (report title and year).
import type { z } from 'zod';
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

export interface IndicatorTarget {
  expected: number | null;
  /** The outcome as reported/published (e.g. "Utfall per aug. 2025"); null if none. */
  reported: number | null;
  note: string;
  /** Where the reported outcome is published: report title and year; '' when not given. */
  source?: string;
}

export interface IndicatorInput {
  year: number;
  /** Member municipality codes (the base of the shares). */
  members: string[];
  initiatives: IndicatorInitiative[];
  networks: Array<Pick<Network, 'active' | 'startYear' | 'endYear'> & { demo?: boolean }>;
  /** From the analysis module's change classification between two rounds, or null; `demo` when a round is demo data. */
  maturity: { increased: number; n: number; demo?: boolean } | null;
  targets: Partial<Record<IndicatorKey, IndicatorTarget>>;
}

export interface IndicatorOptions {
  countingStages?: Stage[];
  regionalScopes?: Scope[];
  actorsIncludeMunicipalities?: boolean;
}

export interface IndicatorRow {
  indicator: IndicatorKey;
  label: string;
  unit: 'antal' | 'procent';
  expected: number | null;
  /** Computed value when `computed`, else the reported value. */
  outcome: number | null;
  computed: boolean;
  /** What the figure counts, in Swedish. */
  base: string;
  /** Size of the base (member municipalities, networks, compared municipalities), or null for plain counts. */
  n: number | null;
  /** Numerator behind a share, or the parts of a count. */
  count: number | null;
  reported: number | null;
  /** The published source of `reported` (report title and year), '' when none is given. */
  reportedSource: string;
  /** The computed outcome rests (partly) on synthesised demo data. */
  synthesised: boolean;
  note: string;
  /** Whether the outcome reaches the expected value (null without both). */
  met: boolean | null;
}

const pct1 = (count: number, n: number) => (n > 0 ? Math.round((count / n) * 1000) / 10 : null);

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
  const activeNetworks = active.length;
  const demoNetworks = active.some((n) => n.demo);

  const row = (
    key: IndicatorKey,
    computed: boolean,
    value: number | null,
    base: string,
    n: number | null,
    count: number | null,
    synthesised = false,
  ): IndicatorRow => {
    const t = input.targets[key];
    const outcome = computed ? value : (t?.reported ?? null);
    return {
      indicator: key,
      label: INDICATOR_LABELS[key],
      unit: INDICATOR_UNITS[key],
      expected: t?.expected ?? null,
      outcome,
      computed,
      base,
      n,
      count,
      reported: t?.reported ?? null,
      reportedSource: t?.reported === null || t?.reported === undefined ? '' : (t.source ?? ''),
      synthesised: computed && synthesised,
      note: t?.note ?? '',
      met: outcome === null || t?.expected === null || t?.expected === undefined ? null : outcome >= t.expected,
    };
  };

  const actorCount = actors.size + (includeMunicipalities ? anyMunicipality.size : 0);
  return [
    row(
      'aktorer',
      true,
      actorCount,
      includeMunicipalities
        ? `aktörer: ${anyMunicipality.size} deltagande medlemskommuner och ${actors.size} andra aktörer`
        : `andra aktörer än kommunerna (${actors.size})`,
      null,
      actorCount,
      demoActors,
    ),
    row(
      'andel_lansgemensamma',
      members.size > 0,
      pct1(inRegional.size, members.size),
      `medlemskommuner som deltar i minst ett länsgemensamt initiativ (${inRegional.size} av ${members.size})`,
      members.size,
      inRegional.size,
      demoRegional,
    ),
    row(
      'aktiva_natverk',
      true,
      activeNetworks,
      `aktiva nätverk (${activeNetworks} av ${input.networks.length} registrerade)`,
      input.networks.length,
      activeNetworks,
      demoNetworks,
    ),
    input.maturity && input.maturity.n > 0
      ? row(
          'andel_okad_mognad',
          true,
          pct1(input.maturity.increased, input.maturity.n),
          `kommuner med ökad mognad mellan två mätomgångar (${input.maturity.increased} av ${input.maturity.n} jämförda)`,
          input.maturity.n,
          input.maturity.increased,
          input.maturity.demo ?? false,
        )
      : row('andel_okad_mognad', false, null, 'rapporterad uppgift: ingen jämförelse mellan två mätomgångar finns', null, null),
  ];
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

export interface FundingFollowUp {
  rows: FundingRow[];
  total: { applied: number; requisitioned: number; remaining: number };
  /** requisitioned / applied, percent with one decimal. */
  requisitionedPercent: number | null;
  /** Swedish notes: over-requisitioned cost types and published totals that do not match the rows. */
  issues: string[];
}

/**
 * Remaining = applied − requisitioned per cost type and in total (rows in COST_TYPES order). When the
 * source publishes its own totals, they are compared with the sums of the rows and differences are
 * reported as issues (DOMAIN.md §12: totals that do not match their parts are flagged).
 */
export function fundingFollowUp(
  rows: readonly FundingRowInput[],
  published?: { applied?: number; requisitioned?: number; remaining?: number },
): FundingFollowUp {
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
  const issues: string[] = [];
  for (const r of out)
    if (r.overspent) issues.push(`${r.label}: rekvirerat ${kr(r.requisitioned)} överstiger ansökt ${kr(r.applied)} med ${kr(-r.remaining)}.`);
  const names = { applied: 'Ansökan', requisitioned: 'Rekvirerat', remaining: 'Kvarstår' } as const;
  for (const k of ['applied', 'requisitioned', 'remaining'] as const) {
    const p = published?.[k];
    if (p !== undefined && p !== total[k])
      issues.push(`${names[k]} totalt anges till ${kr(p)} men raderna summerar till ${kr(total[k])} (skillnad ${kr(p - total[k])}).`);
  }
  return { rows: out, total, requisitionedPercent: applied > 0 ? Math.round((requisitioned / applied) * 1000) / 10 : null, issues };
}

/** A funding project (e.g. the regional grant) with applied and requisitioned amounts per cost type (schema: portfolio-schema.ts). */
export type FundingProject = z.infer<typeof fundingProject>;

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
