// Edits a round (förbundsadmin): what may change depends on its status (src/domain/round-edit.ts,
// 409 with the reason; 400 for invalid settings). Respondents without answers go with a
// municipality or respondent type no longer included. Audited in the same transaction.
import type { Db } from '../db/db.ts';
import { checkRoundEdit, excludedTypes, type RoundChange, type RoundSettings } from '../domain/round-edit.ts';
import { ROUND_DETAIL_FIELDS, type RoundDetails } from '../domain/round-details.ts';
import type { RoundEditSettings } from '../domain/round-schema.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { getInstrumentForRound } from '../store/instruments.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { answerFacts, removeRoundMunicipalities, removeUnansweredOfTypes, setRoundInstrument } from '../store/round-edit.ts';
import { addRoundMunicipalities, getRound, lockRound, updateRound, updateRoundDetails, type Round } from '../store/rounds.ts';
import { instrumentOfRound, requireMembers, type Actor } from './service.ts';

/** Today's date in Sweden (YYYY-MM-DD). */
export const todayInSweden = (now = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

export interface EditRoundInput extends RoundEditSettings {
  /** The complete list of municipalities after the edit. */
  municipalities?: string[];
  addMunicipalities?: string[];
  removeMunicipalities?: string[];
}

export interface EditResult {
  round: Round;
  changes: RoundChange[];
  /** Respondents without answers removed with a municipality or a respondent type no longer included. */
  removedRespondents: number;
}

/** Applies an edit if the rules allow it (409 with the reason otherwise; 400 for invalid settings). */
export async function editRound(db: Db, id: number, input: EditRoundInput, actor: Actor, today = todayInSweden()): Promise<EditResult> {
  const all = await listMunicipalities(db);
  const names = new Map(all.map((m) => [m.code, m.name]));
  for (const c of [...(input.municipalities ?? []), ...(input.addMunicipalities ?? []), ...(input.removeMunicipalities ?? [])])
    if (!names.has(c)) throw notFound(`Kommunen med kod ${c} finns inte`);
  return db.transaction(async (tx) => {
    const current = await lockRound(tx, id);
    if (!current) throw notFound(`Mätomgång ${id} finns inte`);
    // The instrument after the edit: a new id without a version takes the default version (src/domain/instruments/library.ts).
    const wantsInstrument =
      (input.instrument !== undefined && input.instrument !== current.instrument) ||
      (input.instrumentVersion !== undefined && input.instrumentVersion !== current.instrumentVersion);
    const instrument = wantsInstrument
      ? await getInstrumentForRound(tx, input.instrument ?? current.instrument, input.instrumentVersion)
      : await instrumentOfRound(tx, current);
    if (!instrument)
      throw notFound(`Instrumentet ${input.instrument ?? current.instrument}${input.instrumentVersion ? ` version ${input.instrumentVersion}` : ''} finns inte`);
    let municipalities = input.municipalities ? [...new Set(input.municipalities)] : [...current.municipalities];
    for (const c of input.addMunicipalities ?? []) if (!municipalities.includes(c)) municipalities.push(c);
    municipalities = municipalities.filter((c) => !(input.removeMunicipalities ?? []).includes(c)).sort();
    // Municipalities added to the round must be members of its association (400 naming them).
    await requireMembers(tx, current.associationId, municipalities.filter((c) => !current.municipalities.includes(c)));
    const details = Object.fromEntries(ROUND_DETAIL_FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]])) as Partial<RoundDetails>;
    const next: RoundSettings = {
      ...current,
      ...details,
      instrument: instrument.id,
      instrumentVersion: instrument.version,
      title: input.title ?? current.title,
      periodStart: input.periodStart ?? current.periodStart,
      periodEnd: input.periodEnd ?? current.periodEnd,
      municipalities,
    };
    const facts = await answerFacts(tx, id);
    const verdict = checkRoundEdit(current, next, {
      today,
      respondents: facts.respondents,
      answeredMunicipalities: facts.answeredMunicipalities,
      answeredTypes: facts.answeredTypes,
      instrumentTypes: instrument.respondentTypes,
      municipalityName: (c) => names.get(c) ?? c,
    });
    if (!verdict.ok) throw new AppError(verdict.code, verdict.message);
    const { changes } = verdict;
    if (!changes.length) return { round: current, changes, removedRespondents: 0 };
    if (changes.includes('instrument')) await setRoundInstrument(tx, id, instrument.id, instrument.version);
    await updateRound(tx, id, { title: next.title, periodStart: next.periodStart, periodEnd: next.periodEnd });
    await updateRoundDetails(tx, id, details);
    const added = municipalities.filter((c) => !current.municipalities.includes(c));
    const removed = current.municipalities.filter((c) => !municipalities.includes(c));
    await addRoundMunicipalities(tx, id, added);
    let removedRespondents = await removeRoundMunicipalities(tx, id, removed);
    removedRespondents += await removeUnansweredOfTypes(tx, id, excludedTypes(current.respondentTypes, next.respondentTypes, instrument.respondentTypes));
    await audit(tx, {
      actor: actor.id,
      action: 'round.updated',
      target: `round:${id}`,
      ip: actor.ip,
      details: { title: next.title, changes, addedMunicipalities: added, removedMunicipalities: removed, removedRespondents },
    });
    return { round: (await getRound(tx, id))!, changes, removedRespondents };
  });
}

