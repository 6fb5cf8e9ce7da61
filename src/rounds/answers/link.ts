// The personal link: its token is the respondent's only credential. A token only ever reaches its
// own respondent, and so only its own round.
import type { Queryable } from '../../db/db.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import type { Instrument } from '../../domain/instruments/schema.ts';
import { answeringBlockedMessage, COMPLETED_MESSAGE } from '../../domain/rounds.ts';
import { getInstrument } from '../../store/instruments.ts';
import { lockRespondentForAnswer, TOKEN_PATTERN, type LockedRespondent } from '../../store/respondents.ts';

export const UNKNOWN_LINK = 'Länken är ogiltig eller har ersatts med en ny. Kontakta den som skickade den till dig.';

/** A token that cannot be one is an unknown link (404), like a token no respondent has. */
export function requireTokenShape(token: string): void {
  if (!TOKEN_PATTERN.test(token)) throw notFound(UNKNOWN_LINK);
}

/**
 * Locks the link's respondent (and its round FOR SHARE: a concurrent close waits until this answer
 * is stored, or it sees the round closed) and reads the round's status and instrument, in one query.
 */
export async function lockForAnswer(tx: Queryable, token: string): Promise<LockedRespondent> {
  const respondent = await lockRespondentForAnswer(tx, token);
  if (!respondent) throw notFound(UNKNOWN_LINK);
  return respondent;
}

/** Answers may change until the respondent submits and while the round is open (409 otherwise). */
export function requireAnswerable(respondent: LockedRespondent): void {
  if (respondent.completedAt) throw conflict(COMPLETED_MESSAGE, { completedAt: respondent.completedAt });
  const blocked = answeringBlockedMessage(respondent.roundStatus);
  if (blocked) throw conflict(blocked);
}

export type InstrumentOf = (tx: Queryable, r: Pick<LockedRespondent, 'instrument' | 'instrumentVersion'>) => Promise<Instrument>;

/**
 * Instrument versions used by rounds never change (store/instruments.ts), so the answer routes keep
 * them; a miss reads the version inside the caller's transaction. One cache per server.
 */
export function instrumentCache(): InstrumentOf {
  const instruments = new Map<string, Instrument>();
  return async (tx, r) => {
    const key = `${r.instrument}@${r.instrumentVersion}`;
    let ins = instruments.get(key);
    if (!ins) {
      ins = await getInstrument(tx, r.instrument, r.instrumentVersion);
      if (!ins) throw new AppError('internal', `Instrumentet ${key} saknas i databasen`);
      instruments.set(key, ins);
    }
    return ins;
  };
}
