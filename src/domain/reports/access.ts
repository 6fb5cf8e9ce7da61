// Who may have which report of a round, and which rounds can be reported at all: the one rule the report
// routes enforce and the reports page follows (the page offers only what the server will render). Pure
// and browser-safe.
//
// - A draft round, or a round without any counted (submitted or imported) response, has no reports.
// - The anonymised regional report: the association; a kommunansvarig whose municipality takes part;
//   every signed-in user (läsare too) once the round is closed. It needs the answers of at least
//   MIN_REGIONAL_MUNICIPALITIES municipalities (each with enough respondents to be counted): with
//   fewer, "the region" would be one or two municipalities' own results under another name.
// - A delrapport: the association (every municipality of the round) and a kommunansvarig (own
//   municipalities in the round); never a läsare. All delrapporter as one zip: the same municipalities.
// - The region's analyst (regionanalytiker): no report of any round.
import { canSeeMunicipality, type Viewer } from '../organisation.ts';
import type { RoundStatus } from '../rounds.ts';

export type ReportViewer = Viewer;

export interface ReportableRound {
  status: RoundStatus;
  municipalities: readonly string[];
  /** Counted responses of the round (submitted or imported), all municipalities. */
  responses: number;
  /** Municipalities whose answers enter the regional values (at least scoring.suppressionMin counted responses). */
  regionalMunicipalities: number;
  /** The round holds published aggregates (issue 14): regional figures as published, reportable without responses. */
  published?: boolean;
}

/** The fewest municipalities whose answers make an anonymised regional report. */
export const MIN_REGIONAL_MUNICIPALITIES = 3;

/** Why the round's regional report is withheld (Swedish), or null when it can be made. */
export function regionalWithheldReason(round: ReportableRound): string | null {
  if (round.regionalMunicipalities >= MIN_REGIONAL_MUNICIPALITIES) return null;
  // Published aggregates are the source's own regional figures: no municipality's results to protect.
  if (round.published && round.responses === 0) return null;
  const n = round.regionalMunicipalities;
  return `Den anonymiserade regionala rapporten kräver svar från minst ${MIN_REGIONAL_MUNICIPALITIES} kommuner; i mätomgången har ${n === 0 ? 'ingen kommun' : n === 1 ? 'bara 1 kommun' : `bara ${n} kommuner`} tillräckligt många svarande. Med färre vore regionens värden enskilda kommuners egna resultat. Delrapporterna per kommun finns.`;
}

/** Why a round has no reports (Swedish, for a 409), or null when it has. */
export function notReportableReason(round: ReportableRound): string | null {
  if (round.status === 'draft') return 'Mätomgången är ett utkast. Rapporter finns när den har öppnats och fått svar.';
  if (round.responses === 0 && !round.published) return 'Mätomgången har inga inskickade svar ännu, så det finns ingen rapport att visa.';
  return null;
}

export interface ReportAccess {
  /** May get the anonymised regional report. */
  regional: boolean;
  /** Municipalities whose delrapport the viewer may get (in the round's order). */
  municipalities: string[];
}

/** The reports of a round the viewer may get; nothing for a round that cannot be reported. */
export function reportAccess(viewer: ReportViewer, round: ReportableRound): ReportAccess {
  if (notReportableReason(round) !== null) return { regional: false, municipalities: [] };
  // The region's analyst reads the associations' follow-up, no round's report (issue 14).
  if (viewer.role === 'regionanalytiker') return { regional: false, municipalities: [] };
  const user = { role: viewer.role, municipalities: [...viewer.municipalities] };
  // A round with only published aggregates has no municipality's results: no delrapporter.
  const municipalities =
    viewer.role === 'lasare' || (round.published && round.responses === 0) ? [] : round.municipalities.filter((c) => canSeeMunicipality(user, c));
  const regional =
    regionalWithheldReason(round) === null &&
    (viewer.role === 'forbundsadmin' || round.status === 'closed' || (viewer.role === 'kommunansvarig' && municipalities.length > 0));
  return { regional, municipalities };
}

/** True when the viewer may download at least one report of the round. */
export function canDownloadAny(access: ReportAccess): boolean {
  return access.regional || access.municipalities.length > 0;
}
