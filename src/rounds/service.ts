// Operations on rounds shared by the HTTP routes and the CLI: they check the rules (status,
// instrument, municipalities, respondent types) and throw AppError with a Swedish message.
// The CLI turns those into CliError.
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/db.ts';
import { loadBuiltInInstruments } from '../domain/instruments/catalog.ts';
import type { Instrument } from '../domain/instruments/schema.ts';
import { responseRates, SELF_ASSESSMENT_TYPE, type ResponseRates } from '../domain/rounds.ts';
import { AppError, badRequest, notFound } from '../domain/errors.ts';
import { canUseAssociation } from '../domain/association-scope.ts';
import type { Viewer } from '../domain/organisation.ts';
import { defaultAssociationId, getAssociation } from '../store/associations.ts';
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

/** The round, as far as the viewer may see it: another association's round does not exist for the viewer (404). */
export async function requireVisibleRound(db: Queryable, viewer: Viewer, id: number): Promise<Round> {
  const round = await requireRound(db, id);
  if (!canUseAssociation(viewer, round.associationId)) throw notFound(`Mätomgång ${id} finns inte`);
  return round;
}

/** The association a new round belongs to: the creator's, else the instance's default. */
export async function roundAssociationOf(db: Queryable, viewer: Pick<Viewer, 'associationId'> | undefined): Promise<number> {
  return viewer?.associationId ?? (await defaultAssociationId(db));
}

/**
 * A round's municipalities must be members of its association: 404 for an unknown code, 400 naming the
 * municipality and the association for a non-member ("Kommunen 1480 (Göteborg) är inte medlem i Fyrbodals
 * kommunalförbund"). Nothing is written before this check passes.
 */
export async function requireMembers(db: Queryable, associationId: number, codes: readonly string[]): Promise<void> {
  if (!codes.length) return;
  const rows = (
    await db.query<{ code: string; name: string; association_id: number | null }>(
      'SELECT code, name, association_id FROM municipalities WHERE code = ANY($1::text[])',
      [[...codes]],
    )
  ).rows;
  const found = new Map(rows.map((r) => [r.code, r]));
  for (const c of codes) if (!found.has(c)) throw notFound(`Kommunen med kod ${c} finns inte`);
  const outside = codes.map((c) => found.get(c)!).filter((m) => m.association_id === null || Number(m.association_id) !== associationId);
  if (!outside.length) return;
  const association = (await getAssociation(db, associationId))?.name ?? `förbund ${associationId}`;
  const names = outside.map((m) => `${m.code} (${m.name})`);
  throw badRequest(
    names.length === 1
      ? `Kommunen ${names[0]} är inte medlem i ${association}`
      : `Kommunerna ${names.join(', ')} är inte medlemmar i ${association}`,
  );
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
