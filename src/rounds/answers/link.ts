// The personal link: its token is the respondent's only credential. A token only ever reaches its
// own respondent, and so only its own round.
import type { Queryable } from '../../db/db.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import type { Instrument } from '../../domain/instruments/schema.ts';
import { answeringBlockedMessage, COMPLETED_MESSAGE } from '../../domain/rounds.ts';
import { getInstrument } from '../../store/instruments.ts';
import { findLinkRound, lockRespondentForAnswer, TOKEN_PATTERN, type LockedRespondent } from '../../store/respondents.ts';

export const UNKNOWN_LINK = 'Länken är ogiltig eller har ersatts med en ny. Kontakta den som skickade den till dig.';

/** A token that cannot be one is an unknown link (404), like a token no respondent has. */
export function requireTokenShape(token: string): void {
  if (!TOKEN_PATTERN.test(token)) throw notFound(UNKNOWN_LINK);
}

/**
 * Locks the link's respondent and its round for an answer (the round's advisory lock shared: a
 * concurrent close waits until this answer is stored, or the answer sees the round closed;
 * store/respondents.ts lockRespondentForAnswer) and reads the round's status and instrument.
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

/** A link's round and the instrument it is answered in, as last seen. */
export interface LinkRound {
  roundId: number;
  instrument: Instrument;
}

/** The answer routes' per-server caches: instruments by version, and links by token. */
export interface LinkCaches {
  instrumentOf: InstrumentOf;
  /** The round and instrument of a link (undefined: no such link); kept after the first look-up. */
  roundOf: (db: Queryable, token: string) => Promise<LinkRound | undefined>;
  /** Drops a link whose round or instrument turned out to have changed (or that no longer exists). */
  forget: (token: string) => void;
}

/** At most this many links are remembered per server; then the memory starts over (a national round has about 12 000). */
export const LINK_CACHE_SIZE = 50_000;

/**
 * A link's round never changes, but the round's instrument may (edit-round, while nobody has answered):
 * the cached instrument is only a guess that save_link_answer checks (outcome `stale`), so a cache on
 * each of several servers stays correct without being told of changes.
 */
export function linkCaches(instrumentOf: InstrumentOf = instrumentCache()): LinkCaches {
  const links = new Map<string, LinkRound>();
  return {
    instrumentOf,
    roundOf: async (db, token) => {
      const hit = links.get(token);
      if (hit) return hit;
      const found = await findLinkRound(db, token);
      if (!found) return undefined;
      const link = { roundId: found.roundId, instrument: await instrumentOf(db, found) };
      if (links.size >= LINK_CACHE_SIZE) links.clear();
      links.set(token, link);
      return link;
    },
    forget: (token) => void links.delete(token),
  };
}
