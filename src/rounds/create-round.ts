// Creates a round as a draft (förbundsadmin): the instrument version (the library's default unless
// given), the period, the municipalities ('all' = every member) and the details; audited.
import type { Db } from '../db/db.ts';
import { badRequest, notFound } from '../domain/errors.ts';
import { ROUND_DETAIL_FIELDS, unknownRespondentTypes } from '../domain/round-details.ts';
import type { NewRoundSettings } from '../domain/round-schema.ts';
import { periodError } from '../domain/rounds.ts';
import { audit } from '../store/audit.ts';
import { getInstrumentForRound } from '../store/instruments.ts';
import { createRound, type Round } from '../store/rounds.ts';
import { requireMembers, type Actor } from './service.ts';

export interface CreateRoundInput extends NewRoundSettings {
  /** SCB codes, or 'all' for every municipality. */
  municipalities: string[] | 'all';
}

/**
 * `associationId`: the association the round belongs to (the creator's; the CLI's --association). 'all' is
 * every member of it; any other code must be a member (400 naming the municipality otherwise).
 */
export async function createRoundChecked(db: Db, input: CreateRoundInput, actor: Actor, associationId: number): Promise<Round> {
  const instrument = await getInstrumentForRound(db, input.instrument, input.instrumentVersion);
  if (!instrument)
    throw notFound(
      input.instrumentVersion
        ? `Instrumentet ${input.instrument} version ${input.instrumentVersion} finns inte`
        : `Instrumentet ${input.instrument} finns inte`,
    );
  const period = periodError(input.periodStart, input.periodEnd);
  if (period) throw badRequest(period);
  const unknownTypes = unknownRespondentTypes(input.respondentTypes ?? null, instrument.respondentTypes);
  if (unknownTypes.length) throw badRequest(`Respondenttyperna finns inte i instrumentet: ${unknownTypes.join(', ')}`);
  const details = Object.fromEntries(ROUND_DETAIL_FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  let codes: string[];
  if (input.municipalities === 'all')
    codes = (await db.query<{ code: string }>('SELECT code FROM municipalities WHERE association_id = $1 ORDER BY code', [associationId])).rows.map((m) => m.code);
  else {
    codes = [...new Set(input.municipalities)].sort();
    await requireMembers(db, associationId, codes);
  }
  if (!codes.length) throw badRequest('Välj minst en kommun');
  return db.transaction(async (tx) => {
    const round = await createRound(tx, {
      instrument: instrument.id,
      instrumentVersion: instrument.version,
      title: input.title,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      municipalities: codes,
      createdBy: actor.id,
      associationId,
      ...details,
    });
    await audit(tx, {
      actor: actor.id,
      action: 'round.created',
      target: `round:${round.id}`,
      ip: actor.ip,
      details: { instrument: `${instrument.id}@${instrument.version}`, title: round.title, municipalities: codes, associationId },
    });
    return round;
  });
}

