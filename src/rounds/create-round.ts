// Creates a round as a draft (förbundsadmin): the instrument version (the library's default unless
// given), the period, the municipalities ('all' = every member) and the details; audited.
import type { Db } from '../db/db.ts';
import { badRequest, notFound } from '../domain/errors.ts';
import { ROUND_DETAIL_FIELDS, unknownRespondentTypes } from '../domain/round-details.ts';
import type { NewRoundSettings } from '../domain/round-schema.ts';
import { periodError } from '../domain/rounds.ts';
import { audit } from '../store/audit.ts';
import { getInstrumentForRound } from '../store/instruments.ts';
import { getMunicipality, listMunicipalities } from '../store/organisation.ts';
import { createRound, type Round } from '../store/rounds.ts';
import type { Actor } from './service.ts';

export interface CreateRoundInput extends NewRoundSettings {
  /** SCB codes, or 'all' for every municipality. */
  municipalities: string[] | 'all';
}

export async function createRoundChecked(db: Db, input: CreateRoundInput, actor: Actor): Promise<Round> {
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
  if (input.municipalities === 'all') codes = (await listMunicipalities(db)).map((m) => m.code);
  else {
    codes = [...new Set(input.municipalities)].sort();
    for (const c of codes) if (!(await getMunicipality(db, c))) throw notFound(`Kommunen med kod ${c} finns inte`);
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
      ...details,
    });
    await audit(tx, {
      actor: actor.id,
      action: 'round.created',
      target: `round:${round.id}`,
      ip: actor.ip,
      details: { instrument: `${instrument.id}@${instrument.version}`, title: round.title, municipalities: codes },
    });
    return round;
  });
}

