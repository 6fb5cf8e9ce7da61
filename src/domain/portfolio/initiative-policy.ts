// Who may do what with an initiative, and what they see of it (DOMAIN.md §7). Pure rules; the use
// cases in src/portfolio/initiatives/ apply them and throw.
//
// - förbundsadmin: everything (qualify, score, move stages, actors, any municipality's participation).
// - kommunansvarig: proposes initiatives (stage Idé) for one of their own municipalities; edits their
//   municipality's proposals while in Idé; declares interest/participation for their own
//   municipalities only; reports status for initiatives their municipality proposes or takes part in.
// - läsare: reads the portfolio.
// The evidence of a samverkanskandidat names weak municipalities (identifiable results): only the
// association sees it whole.
import type { Viewer as SignedIn } from '../organisation.ts';
import { participating, type Participation, type Stage } from './types.ts';

/** Who is asking: a signed-in user's role and municipalities, or null for nobody signed in. */
export type Viewer = SignedIn | null;

/** What the rules look at of an initiative. */
export interface PolicyInitiative {
  stage: Stage;
  proposingMunicipality: string | null;
  participations: Participation[];
}

/** Stages in which an initiative is closed: no participation changes, no scoring. */
export const CLOSED_STAGES: readonly Stage[] = ['nyttohemtagning', 'avslutad_utan_genomforande'];
/** Stages in which status reports are given. */
export const REPORTABLE_STAGES: readonly Stage[] = ['prioriterad', 'genomforande', 'nyttohemtagning'];

export const isAdmin = (v: Viewer) => v?.role === 'forbundsadmin';
/** Whether the viewer is kommunansvarig for `code`. */
export const ownsMunicipality = (v: Viewer, code: string | null) => code !== null && v?.role === 'kommunansvarig' && v.municipalities.includes(code);

/** Whether the viewer may change the initiative's fields. */
export const canEdit = (v: Viewer, i: PolicyInitiative) => isAdmin(v) || (i.stage === 'ide' && ownsMunicipality(v, i.proposingMunicipality));

/** Why the viewer may not change the initiative's fields (null: they may). */
export function editRefusal(v: Viewer, i: PolicyInitiative, newProposing?: string | null): string | null {
  if (!canEdit(v, i))
    return i.stage !== 'ide' && ownsMunicipality(v, i.proposingMunicipality)
      ? 'Förslaget kan bara ändras av kommunen medan det är i steget Idé; därefter ändrar förbundet'
      : 'Du kan bara ändra din egen kommuns förslag';
  if (!isAdmin(v) && newProposing !== undefined && !ownsMunicipality(v, newProposing)) return OWN_PROPOSAL;
  return null;
}

const OWN_PROPOSAL = 'Du kan bara föreslå initiativ för din egen kommun';

/**
 * The proposing municipality of a new initiative: the association names any (or none); a
 * kommunansvarig names one of their own, or gets their only one. A refusal is a message, with
 * `field` when the viewer has to choose.
 */
export function proposingMunicipalityFor(
  v: Viewer,
  requested: string | null | undefined,
): { code: string | null } | { refusal: string; field?: 'proposingMunicipality' } {
  if (isAdmin(v)) return { code: requested ?? null };
  if (v?.role !== 'kommunansvarig') return { refusal: OWN_PROPOSAL };
  const code = requested ?? (v.municipalities.length === 1 ? v.municipalities[0] : null);
  if (!code) return { refusal: 'Ange vilken av dina kommuner som föreslår initiativet', field: 'proposingMunicipality' };
  return ownsMunicipality(v, code) ? { code } : { refusal: OWN_PROPOSAL };
}

/** Why the viewer may not propose from a candidate weak in `codes` (null: they may). */
export function candidateRefusal(v: Viewer, codes: readonly string[]): string | null {
  if (isAdmin(v)) return null;
  return v?.role === 'kommunansvarig' && codes.every((c) => ownsMunicipality(v, c)) ? null : 'Du kan bara skapa förslag utifrån din egen kommuns resultat';
}

/** Only the association decides stages, scores and the actors of an initiative. */
export const canDecide = (v: Viewer) => isAdmin(v);

/** Whether the viewer may declare or withdraw `code`'s interest or participation. */
export const canSetParticipation = (v: Viewer, code: string) => isAdmin(v) || ownsMunicipality(v, code);

/** Whether the viewer may report status for the initiative. */
export const canReport = (v: Viewer, i: PolicyInitiative) =>
  isAdmin(v) || ownsMunicipality(v, i.proposingMunicipality) || participating(i).some((c) => ownsMunicipality(v, c));

/** The evidence as the association sees it (whole) or anyone else (capability, count, their own municipalities). */
export type VisibleEvidence = Record<string, unknown>;

/** The evidence of a samverkanskandidat as the viewer may see it. */
export function visibleEvidence(v: Viewer, e: Record<string, unknown> | null): VisibleEvidence | null {
  if (!e || isAdmin(v)) return e;
  const codes = Array.isArray(e.municipalities) ? (e.municipalities as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  return {
    source: e.source,
    instrumentId: e.instrumentId,
    itemId: e.itemId,
    capabilityLabel: e.capabilityLabel,
    weakMunicipalities: codes.length,
    ownMunicipalities: codes.filter((c) => v?.municipalities.includes(c)),
  };
}

/** The weak municipalities suggested as participants of a new initiative: the association's to see only. */
export const suggestedMunicipalities = (v: Viewer, codes: string[]) => (isAdmin(v) ? codes : undefined);
