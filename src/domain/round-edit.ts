// What the association may change in a round, in which status, and when a round may be deleted;
// what opening, closing and reopening will do (the confirmation summaries); the state of a
// municipality's self-assessment. Pure and IO-free: the routes, the CLI and the web share it.
//
// The rules (one place; docs/rounds.md has them as a table):
// - Utkast: everything may be changed (instrument only while no respondent has been added).
// - Öppen: what respondents answer is fixed: instrument, respondent types and the municipalities
//   already included (municipalities may be added, not removed), and the start date (the round has
//   started). The title, the end date (not before today), the introduction, the contact person,
//   the estimated time and the e-mail texts may be changed: they correct or extend, they do not
//   change the questions or who is asked.
// - Stängd: only the title (reports name it); reopen the round to change anything else.
// - Whatever the status: a municipality or respondent type whose respondents have answers is never
//   removed (its answers would be lost); respondents without answers go with it.
// - Delete: only a draft, and only while no respondent has answered (imported answers included).
import type { RoundDetails } from './round-details.ts';
import type { RoundAction, RoundStatus } from './rounds.ts';

/** The settings of a round the association edits. */
export interface RoundSettings extends RoundDetails {
  instrument: string;
  instrumentVersion: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  municipalities: string[];
}

/** One kind of change to a round. Municipalities are split: adding is allowed more often than removing. */
export type RoundChange =
  | 'instrument'
  | 'title'
  | 'periodStart'
  | 'periodEnd'
  | 'addMunicipalities'
  | 'removeMunicipalities'
  | keyof RoundDetails;

/** Changes allowed while a round is open (anything else is refused with its reason). */
const OPEN_ALLOWED = new Set<RoundChange>([
  'title',
  'periodEnd',
  'addMunicipalities',
  'introduction',
  'contactName',
  'contactEmail',
  'estimatedMinutes',
  'invitationSubject',
  'invitationBody',
  'reminderSubject',
  'reminderBody',
]);

/** Why a change is refused while the round is open. */
const OPEN_REASONS: Partial<Record<RoundChange, string>> = {
  instrument: 'Instrumentet kan inte bytas när mätomgången är öppen: respondenterna besvarar redan dess frågor.',
  respondentTypes:
    'Respondenttyperna kan inte ändras när mätomgången är öppen: det ändrar vilka som tillfrågas och vilka frågor de får.',
  removeMunicipalities: 'Kommuner kan inte tas bort när mätomgången är öppen; nya kommuner kan läggas till.',
  periodStart: 'Startdatumet kan inte ändras när mätomgången är öppen: den har redan startat. Slutdatumet kan ändras.',
};

const CLOSED_ALLOWED = new Set<RoundChange>(['title']);
const CLOSED_REASON = 'Mätomgången är stängd: bara rubriken kan ändras. Öppna den igen för att ändra något annat.';

/** Swedish names of the changes (for messages and the web's hints). */
export const ROUND_CHANGE_LABELS: Record<RoundChange, string> = {
  instrument: 'instrument',
  title: 'rubrik',
  periodStart: 'periodens början',
  periodEnd: 'periodens slut',
  addMunicipalities: 'lägga till kommuner',
  removeMunicipalities: 'ta bort kommuner',
  respondentTypes: 'respondenttyper',
  introduction: 'introduktion',
  contactName: 'kontaktperson',
  contactEmail: 'kontaktpersonens e-postadress',
  estimatedMinutes: 'beräknad tid',
  invitationSubject: 'inbjudans ämnesrad',
  invitationBody: 'inbjudans text',
  reminderSubject: 'påminnelsens ämnesrad',
  reminderBody: 'påminnelsens text',
};

/** Whether a kind of change is allowed in a status. */
export function changeAllowed(status: RoundStatus, change: RoundChange): boolean {
  if (status === 'draft') return true;
  if (status === 'open') return OPEN_ALLOWED.has(change);
  return CLOSED_ALLOWED.has(change);
}

const sameList = (a: readonly string[] | null, b: readonly string[] | null) =>
  (a === null) === (b === null) && [...(a ?? [])].sort().join('\u0000') === [...(b ?? [])].sort().join('\u0000');

/** The changes from `current` to `next` (fields missing from `next` are unchanged). */
export function roundChanges(current: RoundSettings, next: Partial<RoundSettings>): RoundChange[] {
  const out: RoundChange[] = [];
  if (
    (next.instrument !== undefined && next.instrument !== current.instrument) ||
    (next.instrumentVersion !== undefined && next.instrumentVersion !== current.instrumentVersion)
  )
    out.push('instrument');
  for (const k of ['title', 'periodStart', 'periodEnd'] as const) if (next[k] !== undefined && next[k] !== current[k]) out.push(k);
  if (next.municipalities) {
    if (next.municipalities.some((c) => !current.municipalities.includes(c))) out.push('addMunicipalities');
    if (current.municipalities.some((c) => !next.municipalities!.includes(c))) out.push('removeMunicipalities');
  }
  if (next.respondentTypes !== undefined && !sameList(current.respondentTypes, next.respondentTypes)) out.push('respondentTypes');
  for (const k of [
    'introduction',
    'contactName',
    'contactEmail',
    'estimatedMinutes',
    'invitationSubject',
    'invitationBody',
    'reminderSubject',
    'reminderBody',
  ] as const)
    if (next[k] !== undefined && next[k] !== current[k]) out.push(k);
  return out;
}

/** What the edit rules know besides the round: its respondents and answers, and the date. */
export interface EditFacts {
  /** Today, ISO date (YYYY-MM-DD). */
  today: string;
  /** Respondents in the round (any status). */
  respondents: number;
  /** Municipality codes with at least one respondent with answers. */
  answeredMunicipalities: readonly string[];
  /** Respondent types with at least one respondent with answers. */
  answeredTypes: readonly string[];
  /** The instrument's respondent types (of the version after the edit). */
  instrumentTypes: ReadonlyArray<{ id: string; label: string }>;
  /** Names of municipalities by code, for messages. */
  municipalityName?: (code: string) => string;
}

export type EditVerdict = { ok: true; changes: RoundChange[] } | { ok: false; code: 'invalid' | 'conflict'; message: string };

/**
 * Checks an edit: 409 when the round's status or its answers forbid a change (with the reason),
 * 400 when the new settings are invalid in themselves. `next` is the complete result of the edit.
 */
export function checkRoundEdit(current: RoundSettings & { status: RoundStatus }, next: RoundSettings, facts: EditFacts): EditVerdict {
  const changes = roundChanges(current, next);
  for (const c of changes)
    if (!changeAllowed(current.status, c))
      return { ok: false, code: 'conflict', message: current.status === 'closed' ? CLOSED_REASON : (OPEN_REASONS[c] ?? CLOSED_REASON) };
  if (next.periodStart > next.periodEnd) return { ok: false, code: 'invalid', message: 'Periodens slutdatum ligger före startdatumet.' };
  if (current.status === 'open' && changes.includes('periodEnd') && next.periodEnd < facts.today)
    return { ok: false, code: 'invalid', message: 'Periodens slut kan inte ligga före dagens datum när mätomgången är öppen.' };
  if (!next.municipalities.length) return { ok: false, code: 'invalid', message: 'Kommuner: välj minst en kommun.' };
  if (changes.includes('instrument') && facts.respondents > 0)
    return {
      ok: false,
      code: 'conflict',
      message: `Instrumentet kan inte bytas när urvalet har respondenter (${facts.respondents}); ta bort dem först eller skapa en ny mätomgång.`,
    };
  const known = new Set(facts.instrumentTypes.map((t) => t.id));
  const unknown = (next.respondentTypes ?? []).filter((t) => !known.has(t));
  if (unknown.length) return { ok: false, code: 'invalid', message: `Respondenttyper: finns inte i instrumentet: ${unknown.join(', ')}.` };
  const removed = current.municipalities.filter((c) => !next.municipalities.includes(c));
  const answered = removed.filter((c) => facts.answeredMunicipalities.includes(c));
  if (answered.length) {
    const names = answered.map((c) => facts.municipalityName?.(c) ?? c).join(', ');
    return {
      ok: false,
      code: 'conflict',
      message: `${names} kan inte tas bort ur mätomgången: respondenter där har redan svarat, och svaren skulle gå förlorade.`,
    };
  }
  const excluded = excludedTypes(current.respondentTypes, next.respondentTypes, facts.instrumentTypes);
  const answeredTypes = excluded.filter((t) => facts.answeredTypes.includes(t));
  if (answeredTypes.length) {
    const label = (id: string) => facts.instrumentTypes.find((t) => t.id === id)?.label ?? id;
    return {
      ok: false,
      code: 'conflict',
      message: `Respondenttypen ${answeredTypes.map(label).join(', ')} kan inte tas bort: respondenter av den typen har redan svarat.`,
    };
  }
  return { ok: true, changes };
}

/** The respondent types a round includes (null selection = all of the instrument's types). */
export function includedRespondentTypes<T extends { id: string }>(instrumentTypes: readonly T[], selection: readonly string[] | null): T[] {
  return selection ? instrumentTypes.filter((t) => selection.includes(t.id)) : [...instrumentTypes];
}

/** Types included before and not after an edit. */
export function excludedTypes(before: readonly string[] | null, after: readonly string[] | null, instrumentTypes: ReadonlyArray<{ id: string }>): string[] {
  const was = includedRespondentTypes(instrumentTypes, before).map((t) => t.id);
  const is = new Set(includedRespondentTypes(instrumentTypes, after).map((t) => t.id));
  return was.filter((t) => !is.has(t));
}

/** Why a respondent type cannot be used in the round, or null. */
export function respondentTypeRefusal(type: string | null, selection: readonly string[] | null, label?: string): string | null {
  if (!type || !selection || selection.includes(type)) return null;
  return `Respondenttypen ${label ?? type} ingår inte i mätomgången.`;
}

/** Why a round cannot be deleted, or null when it can. */
export function deleteRefusal(status: RoundStatus, answeredRespondents: number): string | null {
  if (answeredRespondents > 0)
    return `Mätomgången kan inte tas bort: ${answeredRespondents === 1 ? '1 respondent har' : `${answeredRespondents} respondenter har`} svarat, och svaren skulle gå förlorade.${status === 'open' ? ' Stäng mätomgången i stället.' : ''}`;
  if (status !== 'draft')
    return status === 'open'
      ? 'Bara ett utkast kan tas bort: mätomgången är öppen och länkar kan ha skickats ut. Stäng den i stället.'
      : 'Bara ett utkast kan tas bort: mätomgången har varit öppen.';
  return null;
}

// ---- Confirmation summaries ---------------------------------------------------------------------

/** Counts of a round's sample, for the summary of a status change. */
export interface SampleCounts {
  municipalities: number;
  /** Respondents in the sample. */
  respondents: number;
  invited: number;
  /** Not invited, not completed, with e-mail address. */
  notInvitedWithEmail: number;
  /** Started (saved an answer) and not completed. */
  started: number;
  completed: number;
  /** Respondents with a personal link who have not completed: their links stop (close) or work again (reopen). */
  openLinks: number;
}

export interface TransitionPreview extends SampleCounts {
  action: RoundAction;
  mode: 'survey' | 'self-assessment';
  /** The status after the change. */
  to: RoundStatus;
  /** Respondents can answer until this date (open, reopen). */
  periodEnd: string;
  /** True when the period's end lies before today (reopening after the end). */
  periodEnded: boolean;
  /** E-mails sent by the status change itself: none (invitations are sent per municipality). */
  mailsSent: 0;
}

export function transitionPreview(
  action: RoundAction,
  to: RoundStatus,
  round: { periodEnd: string; mode: 'survey' | 'self-assessment' },
  counts: SampleCounts,
  today: string,
): TransitionPreview {
  return { action, to, mode: round.mode, periodEnd: round.periodEnd, periodEnded: round.periodEnd < today, mailsSent: 0, ...counts };
}

// ---- Self-assessment state ----------------------------------------------------------------------

export type SelfAssessmentState = 'not-started' | 'in-progress' | 'submitted';

export const SELF_ASSESSMENT_STATE_LABELS: Record<SelfAssessmentState, string> = {
  'not-started': 'Ej påbörjad',
  'in-progress': 'Pågår',
  submitted: 'Inskickad',
};

/** The state of a municipality's self-assessment from its (single) respondent, if any. */
export function selfAssessmentState(
  r: { startedAt: string | null; completedAt: string | null; answerCount: number } | undefined,
): { state: SelfAssessmentState; startedAt: string | null; completedAt: string | null; answerCount: number } {
  if (!r) return { state: 'not-started', startedAt: null, completedAt: null, answerCount: 0 };
  const state: SelfAssessmentState = r.completedAt ? 'submitted' : r.startedAt || r.answerCount > 0 ? 'in-progress' : 'not-started';
  return { state, startedAt: r.startedAt, completedAt: r.completedAt, answerCount: r.answerCount };
}
