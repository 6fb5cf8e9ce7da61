// Measurement rounds (DOMAIN.md §4): status transitions and response rates. Pure and IO-free.

export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: 'Utkast',
  open: 'Öppen',
  closed: 'Stängd',
};

export const ROUND_ACTIONS = ['open', 'close', 'reopen'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

/** The status a round moves to: draft → open → closed → open (reopen). */
export function nextStatus(current: RoundStatus, action: RoundAction): { ok: true; status: RoundStatus } | { ok: false; message: string } {
  switch (action) {
    case 'open':
      if (current === 'draft') return { ok: true, status: 'open' };
      if (current === 'open') return { ok: false, message: 'Mätomgången är redan öppen' };
      return { ok: false, message: 'Mätomgången är stängd; använd "öppna igen" för att öppna den på nytt' };
    case 'close':
      if (current === 'open') return { ok: true, status: 'closed' };
      if (current === 'closed') return { ok: false, message: 'Mätomgången är redan stängd' };
      return { ok: false, message: 'Mätomgången har inte öppnats ännu och kan inte stängas' };
    case 'reopen':
      if (current === 'closed') return { ok: true, status: 'open' };
      return { ok: false, message: 'Bara en stängd mätomgång kan öppnas igen' };
  }
}

/** Why a respondent cannot answer, or null when the round takes answers. */
export function answeringBlockedMessage(status: RoundStatus): string | null {
  if (status === 'open') return null;
  if (status === 'draft') return 'Mätomgången har inte öppnats ännu';
  return 'Mätomgången är stängd';
}

export const COMPLETED_MESSAGE = 'Enkäten är redan inskickad och kan inte ändras';

/** Respondents can be added, changed or removed while the round is not closed. */
export function sampleEditableMessage(status: RoundStatus): string | null {
  return status === 'closed' ? 'Mätomgången är stängd; urvalet kan inte ändras' : null;
}

export interface RespondentProgress {
  respondentType: string | null;
  area: string | null;
  invited: boolean;
  started: boolean;
  completed: boolean;
}

export interface RateRow {
  /** Respondent type id or area id; null for "not given" and for the total. */
  key: string | null;
  label: string;
  /** Respondents in the sample (all sources: links, self-assessment, imported). */
  total: number;
  invited: number;
  /** Has saved at least one answer (completed included). */
  started: number;
  completed: number;
  /** completed ÷ total × 100, unrounded; null when total = 0. Base: respondents in the sample. */
  responseRate: number | null;
}

export interface ResponseRates {
  base: 'respondents';
  total: RateRow;
  byRespondentType: RateRow[];
  byArea: RateRow[];
}

const NOT_GIVEN = 'Ej angiven';

function row(key: string | null, label: string, list: RespondentProgress[]): RateRow {
  const total = list.length;
  const completed = list.filter((r) => r.completed).length;
  return {
    key,
    label,
    total,
    invited: list.filter((r) => r.invited).length,
    started: list.filter((r) => r.started || r.completed).length,
    completed,
    responseRate: total === 0 ? null : (completed / total) * 100,
  };
}

function grouped(
  list: RespondentProgress[],
  keyOf: (r: RespondentProgress) => string | null,
  labels: ReadonlyArray<{ id: string; label: string }>,
): RateRow[] {
  const out: RateRow[] = [];
  const known = new Set(labels.map((l) => l.id));
  // Every known group is listed (also with zero respondents), in the given order.
  for (const l of labels) out.push(row(l.id, l.label, list.filter((r) => keyOf(r) === l.id)));
  const unknownKeys = [...new Set(list.map(keyOf).filter((k): k is string => k !== null && !known.has(k)))].sort();
  for (const k of unknownKeys) out.push(row(k, k, list.filter((r) => keyOf(r) === k)));
  const none = list.filter((r) => keyOf(r) === null);
  if (none.length) out.push(row(null, NOT_GIVEN, none));
  return out;
}

/** Invited / started / completed, in total and by respondent type (role) and verksamhetsområde. */
export function responseRates(
  respondents: RespondentProgress[],
  labels: { respondentTypes: ReadonlyArray<{ id: string; label: string }>; areas: ReadonlyArray<{ id: string; label: string }> },
): ResponseRates {
  return {
    base: 'respondents',
    total: row(null, 'Totalt', respondents),
    byRespondentType: grouped(respondents, (r) => r.respondentType, labels.respondentTypes),
    byArea: grouped(respondents, (r) => r.area, labels.areas),
  };
}

/** The respondent type of a kommunansvarig answering a self-assessment instrument. */
export const SELF_ASSESSMENT_TYPE = 'kommunansvarig';

/** Checks a round's period (ISO dates); returns a Swedish message or null. */
export function periodError(start: string, end: string): string | null {
  if (start > end) return 'Periodens slutdatum ligger före startdatumet';
  return null;
}
