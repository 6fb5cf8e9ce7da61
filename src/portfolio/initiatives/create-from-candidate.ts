// An initiative proposed from a samverkanskandidat of the analysis: a capability weak in several
// municipalities. Either a round and item (the evidence is taken from the analysis, as the caller may
// see it) or evidence given by the caller (automation, other analysis tools).
import type { Db } from '../../db/db.ts';
import { getCandidate } from '../../analysis/service.ts';
import { badRequest, forbidden, notFound } from '../../domain/errors.ts';
import { candidateRefusal, proposingMunicipalityFor, suggestedMunicipalities } from '../../domain/portfolio/initiative-policy.ts';
import {
  EMPTY_INITIATIVE_FIELDS,
  type CandidateEvidence,
  type InitiativeFields,
  type InitiativeView,
} from '../../domain/portfolio/index.ts';
import type { candidateFromRoundSchema } from '../../domain/portfolio/initiative-schema.ts';
import type { z } from 'zod';
import { requireAssociationMembers } from '../../associations/members.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';
import { audit } from '../../store/audit.ts';
import { createInitiative, setParticipation } from '../../store/initiatives.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { checkReferences, stageLogActor, viewById, type Caller } from './common.ts';

type FromRound = z.output<typeof candidateFromRoundSchema>;

/** The evidence of a round's candidate, as the caller may see it. */
async function evidenceOfRound(db: Db, q: FromRound, caller: Caller): Promise<CandidateEvidence> {
  const filters = { respondentType: q.filters.respondentType || null, area: q.filters.area || null };
  const c = await getCandidate(db, { role: caller.user.role, municipalities: caller.user.municipalities }, { roundId: q.roundId, itemId: q.itemId, filters });
  if (!c.candidate.municipalities.length) throw badRequest('Förmågan är inte svag i din kommun enligt analysen');
  return {
    instrumentId: c.round.instrument,
    itemId: q.itemId,
    capabilityLabel: c.candidate.label.slice(0, 300),
    municipalities: c.candidate.municipalities,
    evidence: {
      roundId: c.round.id,
      roundTitle: c.round.title,
      instrumentTitle: c.round.instrumentTitle,
      weak: c.candidate.weak,
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
      threshold: c.candidate.threshold,
    },
    title: q.title,
    area: q.area,
    proposingMunicipality: q.proposingMunicipality,
  };
}

export async function createFromCandidate(
  db: Db,
  input: FromRound | CandidateEvidence,
  caller: Caller,
): Promise<InitiativeView & { suggestedMunicipalities?: string[] }> {
  const { user } = caller;
  const body = 'roundId' in input ? await evidenceOfRound(db, input, caller) : input;
  const codes = [...new Set(body.municipalities)].sort();
  const refusal = candidateRefusal(user, codes);
  if (refusal) throw forbidden(refusal);
  const proposing = proposingMunicipalityFor(user, body.proposingMunicipality ?? (user.role === 'kommunansvarig' ? codes[0] : null));
  if ('refusal' in proposing) throw forbidden(proposing.refusal);
  for (const c of codes) if (!(await getMunicipality(db, c))) throw notFound(`Kommunen med kod ${c} finns inte`);
  // The initiative belongs to the caller's association: the candidate's municipalities must be its members.
  const associationId = viewerAssociation(user);
  await requireAssociationMembers(db, associationId, codes, 'municipalities');
  await checkReferences(db, { area: body.area ?? null, proposingMunicipality: proposing.code }, associationId);
  const weak = body.evidence.weak as { n?: unknown } | undefined;
  const of = weak && typeof weak.n === 'number' ? ` av ${weak.n}` : '';
  const fields: InitiativeFields = {
    ...EMPTY_INITIATIVE_FIELDS,
    // Capped like every title (at most 200), so that the initiative can be edited later.
    title: body.title ?? `Samverkan kring ${body.capabilityLabel}`.slice(0, 200).trim(),
    need: `Förmågan "${body.capabilityLabel}" är svag i ${codes.length}${of} kommuner enligt analysen (instrument ${body.instrumentId}, ${body.itemId}). En gemensam insats kan lyfta förmågan där den är svagast.`,
    area: body.area ?? null,
    proposingMunicipality: proposing.code,
    links: [{ kind: 'formaga', label: body.capabilityLabel, instrumentId: body.instrumentId, itemId: body.itemId }],
  };
  const evidence = {
    source: 'samverkanskandidat',
    instrumentId: body.instrumentId,
    itemId: body.itemId,
    capabilityLabel: body.capabilityLabel,
    municipalities: codes,
    analysis: body.evidence,
  };
  const id = await db.transaction(async (tx) => {
    const newId = await createInitiative(tx, fields, stageLogActor(caller), { evidence, reason: 'Skapat från en samverkanskandidat i analysen', associationId });
    // A key user's own weak municipalities are prefilled as interested; for the association the weak
    // municipalities stay in the evidence (suggested participants) until they declare interest themselves.
    if (user.role === 'kommunansvarig') for (const c of codes) await setParticipation(tx, newId, c, 'intresserad', user.id);
    await audit(tx, { actor: user.id, action: 'initiative.created_from_candidate', target: String(newId), ip: caller.ip, details: { itemId: body.itemId } });
    return newId;
  });
  return { ...(await viewById(db, user, id)), suggestedMunicipalities: suggestedMunicipalities(user, codes) };
}
