// Follow-up of initiatives (DOMAIN.md §7 "Follow-up"; Förstudierapport gemensam it-organisation 2024: effekthemtagning reported
// continuously): status reports per period, overdue detection and realised against estimated benefit.
//
// Periods are written "2025" (year), "2025-H1"/"2025-H2" (half-year) or "2025-Q1"…"2025-Q4" (quarter).
// A report for a period is due `graceDays` (default 30) days after the period ends. An initiative owes a
// report for a period when it is in a reporting stage (default Genomförande and Avslutad /
// Nyttohemtagning) and its planned years overlap the period's year; it is overdue when `today` is after
// the due date and no report exists for exactly that period.
import { z } from 'zod';
import { overlapsYears, type Stage } from './types.ts';
import type { benefitFollowUpSchema, statusReportSchema } from './initiative-schema.ts';

export interface Period {
  label: string;
  year: number;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const PERIOD_PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;

/** Parses a period label; null when malformed. */
export function parsePeriod(label: string): Period | null {
  const m = PERIOD_PATTERN.exec(label.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  const part = m[2];
  let from = 1;
  let to = 12;
  if (part?.startsWith('H')) [from, to] = part === 'H1' ? [1, 6] : [7, 12];
  if (part?.startsWith('Q')) {
    const q = Number(part[1]);
    [from, to] = [q * 3 - 2, q * 3];
  }
  return { label: m[0], year, start: iso(year, from, 1), end: iso(year, to, lastDay(year, to)) };
}

/** Adds days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * "Today" given for previews and tests (?today=ÅÅÅÅ-MM-DD): a real date whose last ended quarter is a
 * period parsePeriod accepts (years 2000–2100), so that the follow-up and the dashboard can use it.
 */
export const todaySchema = z.iso
  .date({ error: 'Datum ska skrivas ÅÅÅÅ-MM-DD' })
  // (A date that is no date at all has its own message above.)
  .refine((d) => Number.isNaN(Date.parse(d)) || (d >= '2000-04-01' && d <= '2100-12-31'), 'Datum ska ligga mellan 2000-04-01 och 2100-12-31');

/** The latest quarter that has ended on or before `today` (ISO date). */
export function lastEndedQuarter(today: string): string {
  const [y, m] = today.split('-').map(Number);
  const q = Math.floor((m - 1) / 3); // quarters fully ended this year
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}

export interface FollowUpInitiative {
  id: number;
  title: string;
  stage: Stage;
  startYear: number | null;
  endYear: number | null;
}

export interface OverdueReport {
  initiativeId: number;
  title: string;
  period: string;
  dueDate: string;
  daysOverdue: number;
}

export interface OverdueOptions {
  /** ISO date. */
  today: string;
  graceDays?: number;
  stages?: Stage[];
}

export const REPORTING_STAGES: Stage[] = ['genomforande', 'nyttohemtagning'];
export const DEFAULT_GRACE_DAYS = 30;

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Initiatives whose status report for `period` is missing after its due date. Throws on a malformed period. */
export function overdueReports(
  initiatives: readonly FollowUpInitiative[],
  reports: ReadonlyArray<{ initiativeId: number; period: string }>,
  period: string,
  opts: OverdueOptions,
): OverdueReport[] {
  const p = parsePeriod(period);
  if (!p) throw new Error(`Ogiltig period "${period}": ange t.ex. 2025, 2025-H1 eller 2025-Q2`);
  const due = addDays(p.end, opts.graceDays ?? DEFAULT_GRACE_DAYS);
  if (opts.today <= due) return [];
  const stages = opts.stages ?? REPORTING_STAGES;
  const have = new Set(reports.filter((r) => r.period === p.label).map((r) => r.initiativeId));
  return initiatives
    .filter((i) => stages.includes(i.stage) && overlapsYears(i, p.year, p.year) && !have.has(i.id))
    .map((i) => ({ initiativeId: i.id, title: i.title, period: p.label, dueDate: due, daysOverdue: daysBetween(due, opts.today) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
}

export type BenefitFollowUp = z.output<typeof benefitFollowUpSchema>;

/** Realised benefits (summed over all reports) against the yearly estimate. */
export function benefitFollowUp(
  estimated: { hoursPerYear: number | null; sekPerYear: number | null },
  reports: ReadonlyArray<{ period: string; status: string; progress: number; realisedHours: number | null; realisedSek: number | null }>,
): BenefitFollowUp {
  const hours = reports.reduce((s, r) => s + (r.realisedHours ?? 0), 0);
  const sek = reports.reduce((s, r) => s + (r.realisedSek ?? 0), 0);
  const share = (x: number, of: number | null) => (of && of > 0 ? Math.round((x / of) * 1000) / 10 : null);
  const order = (label: string) => {
    const p = parsePeriod(label);
    return p ? p.end + (label.length === 4 ? 'a' : label.includes('H') ? 'b' : 'c') : label;
  };
  const latest = [...reports].sort((a, b) => order(b.period).localeCompare(order(a.period)))[0];
  return {
    estimated: { hoursPerYear: estimated.hoursPerYear, sekPerYear: estimated.sekPerYear },
    realised: { hours, sek },
    sekShareOfYearlyEstimate: share(sek, estimated.sekPerYear),
    hoursShareOfYearlyEstimate: share(hours, estimated.hoursPerYear),
    latest: latest ? { period: latest.period, status: latest.status, progress: latest.progress } : null,
  };
}

/** A stored status report of an initiative for one period. */
export type StatusReport = z.output<typeof statusReportSchema>;
