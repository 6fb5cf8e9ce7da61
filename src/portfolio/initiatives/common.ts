// What the initiative use cases share: the caller, loading an initiative or a 404, the view of an
// initiative a user gets (policy applied), reference checks and the gate context of a stage move.
import { fieldError } from '../../contracts/messages.ts';
import type { Queryable } from '../../db/db.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { canEdit, CLOSED_STAGES, visibleEvidence, type Viewer } from '../../domain/portfolio/initiative-policy.ts';
import {
  interested,
  participating,
  STAGE_LABELS,
  weightedScore,
  type Criterion,
  type GateContext,
  type InitiativeRecord,
  type InitiativeView,
} from '../../domain/portfolio/index.ts';
import type { User } from '../../store/accounts.ts';
import { requireAssociationMembers } from '../../associations/members.ts';
import { getInitiative, initiativeAssociation, listCriteria, listStatusReports } from '../../store/initiatives.ts';
import { getMunicipality, listAreas } from '../../store/organisation.ts';

/** Who calls a use case, and from where (for the audit log). */
export interface Caller {
  /** `associationId`: the association the caller works in (absent: a use case called without account, every association). */
  user: Pick<User, 'id' | 'name' | 'role' | 'municipalities'> & { associationId?: number | null };
  ip?: string;
}

export const CONCURRENT_EDIT_MESSAGE = 'Initiativet har ändrats av någon annan sedan du öppnade det. Ladda om och gör om ändringen.';

export const stageLogActor = (c: Caller) => ({ userId: c.user.id, userName: c.user.name });

export async function requireInitiative(db: Queryable, id: number): Promise<InitiativeRecord> {
  const i = await getInitiative(db, id);
  if (!i) throw notFound('Initiativet finns inte');
  return i;
}

/** The initiative, which must not be closed: participation in a closed initiative does not change. */
export async function requireOpenInitiative(db: Queryable, id: number): Promise<InitiativeRecord> {
  const i = await requireInitiative(db, id);
  if (CLOSED_STAGES.includes(i.stage)) throw conflict(`Initiativet är avslutat (${STAGE_LABELS[i.stage]}); deltagandet kan inte ändras`);
  return i;
}

/** The initiative as `viewer` sees it. */
export function viewOf(viewer: Viewer, i: InitiativeRecord, criteria: readonly Criterion[]): InitiativeView {
  return {
    ...i,
    evidence: visibleEvidence(viewer, i.evidence),
    stageLabel: STAGE_LABELS[i.stage],
    participating: participating(i),
    interested: interested(i),
    qualification: weightedScore(i.scores, criteria),
    canEdit: canEdit(viewer, i),
  };
}

/** The stored initiative `id` as `viewer` sees it (after a change). */
export async function viewById(db: Queryable, viewer: Viewer, id: number): Promise<InitiativeView> {
  return viewOf(viewer, await requireInitiative(db, id), await listCriteria(db));
}

/**
 * An area or proposing municipality that does not exist is refused; a proposing municipality must be a
 * member of the initiative's association (`associationId`; undefined: not checked) — a 400 otherwise.
 */
export async function checkReferences(db: Queryable, f: { area?: string | null; proposingMunicipality?: string | null }, associationId?: number) {
  if (f.area && !(await listAreas(db)).some((a) => a.id === f.area))
    throw fieldError('area', `Verksamhetsområdet "${f.area}" finns inte`);
  if (f.proposingMunicipality && !(await getMunicipality(db, f.proposingMunicipality)))
    throw notFound(`Kommunen med kod ${f.proposingMunicipality} finns inte`);
  if (f.proposingMunicipality) await requireAssociationMembers(db, associationId, [f.proposingMunicipality], 'proposingMunicipality');
}

/** The association an existing initiative belongs to (for its gates and its members), or a 404. */
export async function associationOfInitiative(db: Queryable, id: number): Promise<number> {
  const a = await initiativeAssociation(db, id);
  if (a === null) throw notFound('Initiativet finns inte');
  return a;
}

/** What the gates of a stage move look at besides the initiative: weighted criteria and status reports. */
export async function gateContext(db: Queryable, i: InitiativeRecord): Promise<GateContext> {
  const criteria = (await listCriteria(db)).filter((c) => c.weight > 0);
  return {
    criteria: criteria.map((c) => ({ id: c.id, label: c.label })),
    scoredCriteria: i.scores.map((s) => s.criterionId),
    statusReports: await listStatusReports(db, i.id),
  };
}
