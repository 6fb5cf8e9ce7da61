// The overview (Översikt): what needs attention, per role. Pure: takes loaded rounds, respondents,
// initiatives and status reports and returns what each role should act on, each item with the page
// where the user acts. Dates are ISO (YYYY-MM-DD); "today" is supplied by the caller.
//
// Förbundsadmin
// - open rounds: days to the deadline (period end − today; negative = past), the response rate in total
//   and per municipality (completed ÷ respondents in the sample; null without respondents), the
//   municipalities below the chosen threshold (percent; a municipality without respondents is below);
//   for a self-assessment round the rate is the share of municipalities that have submitted;
// - overdue status reports for the latest quarter that has ended (followup.ts: a report is due 30 days
//   after the period; initiatives in Genomförande or Avslutad / Nyttohemtagning owe one);
// - initiatives waiting for a decision: in Idé, Kvalificering or Prioriterad and meeting every requirement
//   of the gate to the next stage forward (stages.ts), so the next move only needs the association's decision;
// - the next step of the year's cycle (nextStep).
// Kommunansvarig (their own municipalities only)
// - their open rounds with their response rate and the respondents who have not answered;
// - self-assessments to do: open self-assessment rounds where their municipality has not submitted;
// - status reports due from initiatives they take part in or proposed (the latest ended quarter).
// Läsare
// - recently closed rounds (their reports can be read), newest first.
import { addDays, DEFAULT_GRACE_DAYS, lastEndedQuarter, parsePeriod, REPORTING_STAGES } from './portfolio/followup.ts';
import { checkGate, DEFAULT_GATES, type GateConfig } from './portfolio/stages.ts';
import { overlapsYears, participating, STAGE_LABELS, type InitiativeData, type Stage } from './portfolio/types.ts';

export type DashboardRole = 'forbundsadmin' | 'kommunansvarig' | 'lasare';

export interface DashboardRound {
  id: number;
  title: string;
  status: 'draft' | 'open' | 'closed';
  /** 'self' = self-assessment (one kommunansvarig per municipality). */
  mode: 'respondents' | 'self';
  periodStart: string;
  periodEnd: string;
  /** ISO timestamp or date; null while not closed. */
  closedAt: string | null;
  municipalities: string[];
  /** Per municipality of the round: respondents in the sample, started (incl. completed) and completed. */
  progress: Array<{ municipality: string; total: number; started: number; completed: number }>;
}

export interface DashboardRespondent {
  id: number;
  roundId: number;
  municipality: string;
  name: string | null;
  respondentType: string | null;
  invitedAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  completedAt: string | null;
}

export interface DashboardInitiative extends InitiativeData {
  /** Criterion ids with a score. */
  scoredCriteria: string[];
}

export interface DashboardInput {
  today: string;
  role: DashboardRole;
  /** The user's own municipalities (kommunansvarig). */
  municipalities: string[];
  names: Record<string, string>;
  /** Response-rate threshold in percent (förbundsadmin). */
  threshold: number;
  rounds: DashboardRound[];
  /** Respondents of open rounds in the user's own municipalities (only used for kommunansvarig). */
  respondents: DashboardRespondent[];
  initiatives: DashboardInitiative[];
  statusReports: Array<{ initiativeId: number; period: string; realisedHours: number | null; realisedSek: number | null }>;
  gates?: GateConfig;
  /** Weighted qualification criteria (for the Prioriterad gate). */
  criteria: Array<{ id: string; label: string }>;
}

export interface MunicipalityRate {
  code: string;
  name: string;
  total: number;
  completed: number;
  /** Percent, one decimal; null without respondents. */
  rate: number | null;
  /** Self-assessment rounds: the municipality's self-assessment. */
  selfAssessment?: 'not_started' | 'in_progress' | 'submitted';
}

export interface OpenRoundView {
  id: number;
  title: string;
  mode: 'respondents' | 'self';
  periodEnd: string;
  /** periodEnd − today in days (negative after the deadline). */
  daysLeft: number;
  total: number;
  completed: number;
  /** Respondent rounds: completed ÷ total; self rounds: submitted ÷ municipalities. Percent, one decimal. */
  rate: number | null;
  municipalities: MunicipalityRate[];
  /** Municipalities whose rate is below the threshold (or without respondents), lowest first. */
  below: MunicipalityRate[];
}

export interface ReportDue {
  initiativeId: number;
  title: string;
  period: string;
  dueDate: string;
  /** today − dueDate (positive = overdue, ≤ 0 = days left). */
  daysOverdue: number;
  overdue: boolean;
}

export interface WaitingDecision {
  initiativeId: number;
  title: string;
  stage: Stage;
  stageLabel: string;
  nextStage: Stage;
  nextStageLabel: string;
}

export type CycleStep = 'measure' | 'analyse' | 'report' | 'decide' | 'follow';

export interface NextStep {
  step: CycleStep;
  /** Swedish sentence (the web translates the fixed part by `kind`). */
  kind: 'close' | 'follow_round' | 'open_draft' | 'report' | 'decide' | 'follow_up' | 'plan';
  text: string;
  to: string;
  roundTitle?: string;
  count?: number;
}

export interface OwnRoundView {
  id: number;
  title: string;
  mode: 'respondents' | 'self';
  periodEnd: string;
  daysLeft: number;
  municipality: string;
  municipalityName: string;
  total: number;
  completed: number;
  rate: number | null;
  selfAssessment?: 'not_started' | 'in_progress' | 'submitted';
  /** Respondents who have not submitted (respondent rounds), in the order they were added. */
  notAnswered: Array<{ id: number; name: string | null; respondentType: string | null; invitedAt: string | null; remindedAt: string | null; reminderCount: number }>;
  to: string;
}

export interface PublishedRound {
  id: number;
  title: string;
  closedAt: string;
  to: string;
}

export type Dashboard =
  | {
      role: 'forbundsadmin';
      today: string;
      threshold: number;
      openRounds: OpenRoundView[];
      draftRounds: Array<{ id: number; title: string; to: string }>;
      overdue: { period: string; reports: ReportDue[] };
      waiting: WaitingDecision[];
      next: NextStep;
    }
  | {
      role: 'kommunansvarig';
      today: string;
      openRounds: OwnRoundView[];
      selfAssessments: OwnRoundView[];
      reportsDue: { period: string; reports: ReportDue[] };
    }
  | { role: 'lasare'; today: string; published: PublishedRound[] };

const pct1 = (count: number, n: number) => (n > 0 ? Math.round((count / n) * 1000) / 10 : null);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000);

function selfState(p: { started: number; completed: number } | undefined): 'not_started' | 'in_progress' | 'submitted' {
  if (p && p.completed > 0) return 'submitted';
  if (p && p.started > 0) return 'in_progress';
  return 'not_started';
}

/** Per-municipality rates of a round (in the round's municipality order, named). */
export function municipalityRates(round: DashboardRound, names: Record<string, string>): MunicipalityRate[] {
  return round.municipalities.map((code) => {
    const p = round.progress.find((x) => x.municipality === code);
    const total = p?.total ?? 0;
    const completed = p?.completed ?? 0;
    const r: MunicipalityRate = { code, name: names[code] ?? code, total, completed, rate: pct1(completed, total) };
    if (round.mode === 'self') {
      r.selfAssessment = selfState(p);
      r.rate = r.selfAssessment === 'submitted' ? 100 : 0;
    }
    return r;
  });
}

export function openRoundView(round: DashboardRound, today: string, threshold: number, names: Record<string, string>): OpenRoundView {
  const municipalities = municipalityRates(round, names);
  const total = municipalities.reduce((s, m) => s + m.total, 0);
  const completed = municipalities.reduce((s, m) => s + m.completed, 0);
  const rate =
    round.mode === 'self'
      ? pct1(municipalities.filter((m) => m.selfAssessment === 'submitted').length, municipalities.length)
      : pct1(completed, total);
  const below = municipalities
    .filter((m) => m.rate === null || m.rate < threshold)
    .sort((a, b) => (a.rate ?? -1) - (b.rate ?? -1) || a.name.localeCompare(b.name, 'sv'));
  return { id: round.id, title: round.title, mode: round.mode, periodEnd: round.periodEnd, daysLeft: daysBetween(today, round.periodEnd), total, completed, rate, municipalities, below };
}

/**
 * Initiatives owing a status report for `period` without one: in a reporting stage, planned years
 * overlapping the period's year. Due `graceDays` after the period ends; sorted most overdue first, then by title.
 */
export function reportsDue(
  initiatives: readonly Pick<InitiativeData, 'id' | 'title' | 'stage' | 'startYear' | 'endYear'>[],
  reports: ReadonlyArray<{ initiativeId: number; period: string }>,
  period: string,
  today: string,
  graceDays = DEFAULT_GRACE_DAYS,
): ReportDue[] {
  const p = parsePeriod(period);
  if (!p) throw new Error(`Ogiltig period "${period}"`);
  const due = addDays(p.end, graceDays);
  const have = new Set(reports.filter((r) => r.period === p.label).map((r) => r.initiativeId));
  return initiatives
    .filter((i) => REPORTING_STAGES.includes(i.stage) && overlapsYears(i, p.year, p.year) && !have.has(i.id))
    .map((i) => {
      const daysOverdue = daysBetween(due, today);
      return { initiativeId: i.id, title: i.title, period: p.label, dueDate: due, daysOverdue, overdue: daysOverdue > 0 };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.title.localeCompare(b.title, 'sv'));
}

const FORWARD: Partial<Record<Stage, Stage>> = { ide: 'kvalificering', kvalificering: 'prioriterad', prioriterad: 'genomforande' };

/** Initiatives in Idé, Kvalificering or Prioriterad that meet every requirement of the next stage's gate. */
export function waitingForDecision(
  initiatives: readonly DashboardInitiative[],
  statusReports: DashboardInput['statusReports'],
  criteria: DashboardInput['criteria'],
  gates: GateConfig = DEFAULT_GATES,
): WaitingDecision[] {
  const out: WaitingDecision[] = [];
  for (const i of initiatives) {
    const next = FORWARD[i.stage];
    if (!next) continue;
    const ctx = { criteria, scoredCriteria: i.scoredCriteria, statusReports: statusReports.filter((r) => r.initiativeId === i.id) };
    if (checkGate(i, next, gates, ctx).length === 0)
      out.push({ initiativeId: i.id, title: i.title, stage: i.stage, stageLabel: STAGE_LABELS[i.stage], nextStage: next, nextStageLabel: STAGE_LABELS[next] });
  }
  const order: Stage[] = ['prioriterad', 'kvalificering', 'ide'];
  return out.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || a.title.localeCompare(b.title, 'sv'));
}

/**
 * The next step of the year's cycle (measure → analyse → report → decide → follow up), first match:
 * an open round past its deadline → close it; an open round → follow its response rate; a draft → open it;
 * a round closed within the last 90 days → reports and samverkanskandidater; initiatives waiting for a
 * decision → decide; overdue status reports → follow up; otherwise plan the next round.
 */
export function nextStep(
  rounds: readonly DashboardRound[],
  today: string,
  waiting: number,
  overdue: number,
): NextStep {
  const open = rounds.filter((r) => r.status === 'open').sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.id - b.id);
  const late = open.find((r) => r.periodEnd < today);
  if (late) return { step: 'measure', kind: 'close', text: `Stäng mätomgången ${late.title}: slutdatumet har passerat.`, to: `/matomgangar/${late.id}`, roundTitle: late.title };
  if (open[0])
    return {
      step: 'measure',
      kind: 'follow_round',
      text: `Följ svarsfrekvensen i ${open[0].title} och påminn dem som inte har svarat.`,
      to: `/matomgangar/${open[0].id}`,
      roundTitle: open[0].title,
    };
  const draft = rounds.filter((r) => r.status === 'draft').sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.id - b.id)[0];
  if (draft) return { step: 'measure', kind: 'open_draft', text: `Öppna mätomgången ${draft.title}.`, to: `/matomgangar/${draft.id}`, roundTitle: draft.title };
  const recent = rounds
    .filter((r) => r.status === 'closed' && r.closedAt && daysBetween(r.closedAt, today) <= 90)
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))[0];
  if (recent)
    return {
      step: 'report',
      kind: 'report',
      text: `Ta fram rapporterna och samverkanskandidaterna för ${recent.title}.`,
      to: `/rapporter?omgang=${recent.id}`,
      roundTitle: recent.title,
    };
  if (waiting > 0) return { step: 'decide', kind: 'decide', text: `Besluta om ${waiting} initiativ som uppfyller kraven för nästa steg.`, to: '/portfolj/prioritering', count: waiting };
  if (overdue > 0) return { step: 'follow', kind: 'follow_up', text: `Följ upp ${overdue} försenade statusrapporter.`, to: '/portfolj/uppfoljning', count: overdue };
  return { step: 'measure', kind: 'plan', text: 'Planera nästa mätomgång.', to: '/matomgangar/ny' };
}

const ownsInitiative = (i: InitiativeData, codes: readonly string[]) =>
  (i.proposingMunicipality !== null && codes.includes(i.proposingMunicipality)) || participating(i).some((c) => codes.includes(c));

/** What needs the user's attention, by role. */
export function buildDashboard(input: DashboardInput): Dashboard {
  const { today, names } = input;
  const period = lastEndedQuarter(today);
  if (input.role === 'lasare') {
    const published = input.rounds
      .filter((r) => r.status === 'closed' && r.closedAt)
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || b.id - a.id)
      .slice(0, 5)
      .map((r) => ({ id: r.id, title: r.title, closedAt: (r.closedAt ?? '').slice(0, 10), to: `/rapporter?omgang=${r.id}` }));
    return { role: 'lasare', today, published };
  }

  if (input.role === 'kommunansvarig') {
    const own = input.municipalities;
    const views: OwnRoundView[] = [];
    for (const r of input.rounds.filter((x) => x.status === 'open').sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.id - b.id))
      for (const m of municipalityRates(r, names).filter((x) => own.includes(x.code)))
        views.push({
          id: r.id,
          title: r.title,
          mode: r.mode,
          periodEnd: r.periodEnd,
          daysLeft: daysBetween(today, r.periodEnd),
          municipality: m.code,
          municipalityName: m.name,
          total: m.total,
          completed: m.completed,
          rate: r.mode === 'self' ? null : m.rate,
          selfAssessment: m.selfAssessment,
          notAnswered:
            r.mode === 'self'
              ? []
              : input.respondents
                  .filter((p) => p.roundId === r.id && p.municipality === m.code && p.completedAt === null)
                  .sort((a, b) => a.id - b.id)
                  .map((p) => ({ id: p.id, name: p.name, respondentType: p.respondentType, invitedAt: p.invitedAt, remindedAt: p.remindedAt, reminderCount: p.reminderCount })),
          to: `/matomgangar/${r.id}/kommuner/${m.code}`,
        });
    const mine = input.initiatives.filter((i) => ownsInitiative(i, own));
    return {
      role: 'kommunansvarig',
      today,
      openRounds: views.filter((v) => v.mode === 'respondents'),
      selfAssessments: views.filter((v) => v.mode === 'self' && v.selfAssessment !== 'submitted'),
      reportsDue: { period, reports: reportsDue(mine, input.statusReports, period, today).map((r) => ({ ...r })) },
    };
  }

  const openRounds = input.rounds
    .filter((r) => r.status === 'open')
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.id - b.id)
    .map((r) => openRoundView(r, today, input.threshold, names));
  const overdue = reportsDue(input.initiatives, input.statusReports, period, today).filter((r) => r.overdue);
  const waiting = waitingForDecision(input.initiatives, input.statusReports, input.criteria, input.gates);
  return {
    role: 'forbundsadmin',
    today,
    threshold: input.threshold,
    openRounds,
    draftRounds: input.rounds.filter((r) => r.status === 'draft').map((r) => ({ id: r.id, title: r.title, to: `/matomgangar/${r.id}` })),
    overdue: { period, reports: overdue },
    waiting,
    next: nextStep(input.rounds, today, waiting.length, overdue.length),
  };
}
