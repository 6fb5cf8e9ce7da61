// Operations on rounds shared by the HTTP routes and the CLI: they check the rules (status,
// instrument, municipalities, respondent types) and throw AppError with a Swedish message.
// The CLI turns those into CliError.
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/db.ts';
import { loadBuiltInInstruments } from '../domain/instruments/catalog.ts';
import type { Instrument } from '../domain/instruments/schema.ts';
import { responseRates, SELF_ASSESSMENT_TYPE, type ResponseRates } from '../domain/rounds.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { getInstrument, syncBuiltInInstruments } from '../store/instruments.ts';
import { listAreas } from '../store/organisation.ts';
import { respondentProgress } from '../store/respondents.ts';
import { getRound, type Round } from '../store/rounds.ts';

export interface Actor {
  id: number | null;
  name?: string;
  ip?: string;
}

/** Syncs the built-in instrument files into the database (run on start and by the CLI). */
export async function syncInstruments(db: Db): Promise<void> {
  const instruments = await loadBuiltInInstruments();
  await db.transaction((tx) => syncBuiltInInstruments(tx, instruments));
}

// Versions used by a round never change (store/instruments.ts), so they can be cached.
const instrumentCache = new WeakMap<Queryable, Map<string, Instrument>>();

/** The exact instrument version a round uses. */
export async function instrumentOfRound(db: Queryable, round: Pick<Round, 'instrument' | 'instrumentVersion'>): Promise<Instrument> {
  let cache = instrumentCache.get(db);
  if (!cache) instrumentCache.set(db, (cache = new Map()));
  const key = `${round.instrument}@${round.instrumentVersion}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ins = await getInstrument(db, round.instrument, round.instrumentVersion);
  if (!ins) throw new AppError('internal', `Instrumentet ${key} saknas i databasen`);
  cache.set(key, ins);
  return ins;
}

export const respondentLink = (config: Pick<Config, 'baseUrl'>, token: string) => `${config.baseUrl.replace(/\/+$/, '')}/svar/${token}`;

export async function requireRound(db: Queryable, id: number): Promise<Round> {
  const round = await getRound(db, id);
  if (!round) throw notFound(`Mätomgång ${id} finns inte`);
  return round;
}

/** The round must include the municipality (404 otherwise). */
export function requireRoundMunicipality(round: Round, code: string): void {
  if (!round.municipalities.includes(code)) throw notFound(`Kommunen ${code} ingår inte i mätomgången`);
}

/** Response rates of a municipality in a round (or the whole round when `code` is undefined). */
export async function rateReport(db: Queryable, round: Round, code?: string): Promise<ResponseRates> {
  const instrument = await instrumentOfRound(db, round);
  const respondentTypes = instrument.respondentTypes.map((t) => ({ id: t.id, label: t.label }));
  if (instrument.mode === 'self-assessment') respondentTypes.push({ id: SELF_ASSESSMENT_TYPE, label: 'Kommunansvarig' });
  const areas = (await listAreas(db)).map((a) => ({ id: a.id, label: a.name }));
  return responseRates(await respondentProgress(db, round.id, code), { respondentTypes, areas });
}
