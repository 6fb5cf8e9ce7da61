// Stored instrument versions. Rounds reference (id, version), so a round always keeps the
// exact definition it was created with; a version in use by a round is never overwritten.
import type { Queryable } from '../db/db.ts';
import { byVersionDesc, defaultRoundVersion } from '../domain/instruments/library.ts';
import type { Instrument } from '../domain/instruments/schema.ts';
import type { RoundStatus } from '../domain/rounds.ts';
import { addsShortNamesOnly, withShortNames, type StoredInstrument } from '../domain/instruments/short.ts';

export interface InstrumentSummary {
  id: string;
  version: string;
  title: string;
  description: string;
  mode: Instrument['mode'];
  itemCount: number;
  /** Every stored version of the instrument, newest first. */
  versions: string[];
  source: 'builtin' | 'import';
}


export type StoreResult = 'created' | 'updated' | 'unchanged' | 'in-use';

/**
 * Stores an instrument version. A new (id, version) is inserted; an existing one is updated
 * only while no round uses it ('in-use' otherwise, with the stored definition kept), or when the
 * change only adds the short names a legacy definition lacks (short.ts, addsShortNamesOnly).
 */
export async function storeInstrument(db: Queryable, instrument: Instrument, source: 'builtin' | 'import'): Promise<StoreResult> {
  const def = JSON.stringify(instrument);
  const existing = (
    await db.query<{ same: boolean; used: boolean; definition: StoredInstrument }>(
      `SELECT definition = $3::text::jsonb AS same, definition,
              EXISTS (SELECT 1 FROM rounds r WHERE r.instrument_id = i.id AND r.instrument_version = i.version) AS used
         FROM instruments i WHERE i.id = $1 AND i.version = $2`,
      [instrument.id, instrument.version, def],
    )
  ).rows[0];
  if (!existing) {
    await db.query(
      `INSERT INTO instruments (id, version, definition, source) VALUES ($1, $2, $3::text::jsonb, $4)
       ON CONFLICT (id, version) DO NOTHING`,
      [instrument.id, instrument.version, def, source],
    );
    return 'created';
  }
  if (existing.same) return 'unchanged';
  if (existing.used && !addsShortNamesOnly(existing.definition, instrument)) return 'in-use';
  await db.query('UPDATE instruments SET definition = $3::text::jsonb, source = $4, updated_at = now() WHERE id = $1 AND version = $2', [
    instrument.id,
    instrument.version,
    def,
    source,
  ]);
  return 'updated';
}

/** Syncs the built-in instrument files into the database (idempotent). */
export async function syncBuiltInInstruments(db: Queryable, instruments: Instrument[]): Promise<Record<string, StoreResult>> {
  const out: Record<string, StoreResult> = {};
  for (const ins of instruments) out[`${ins.id}@${ins.version}`] = await storeInstrument(db, ins, 'builtin');
  return out;
}

/** Every instrument with its newest version's title and mode. */
export async function listInstruments(db: Queryable): Promise<InstrumentSummary[]> {
  const rows = (
    await db.query<{ id: string; version: string; definition: Instrument; source: 'builtin' | 'import' }>(
      'SELECT id, version, definition, source FROM instruments ORDER BY id',
    )
  ).rows;
  const byId = new Map<string, typeof rows>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()].map((list) => {
    list.sort((a, b) => byVersionDesc(a.version, b.version));
    const d = list[0].definition;
    return {
      id: d.id,
      version: list[0].version,
      title: d.title,
      description: d.description,
      mode: d.mode,
      itemCount: d.items.length,
      versions: list.map((r) => r.version),
      source: list[0].source,
    };
  });
}

/** An instrument version; without `version` the newest one. */
export async function getInstrument(db: Queryable, id: string, version?: string): Promise<Instrument | undefined> {
  if (version !== undefined) {
    const row = (await db.query<{ definition: StoredInstrument }>('SELECT definition FROM instruments WHERE id = $1 AND version = $2', [id, version])).rows[0];
    return row && withShortNames(row.definition);
  }
  const rows = (await db.query<{ version: string; definition: StoredInstrument }>('SELECT version, definition FROM instruments WHERE id = $1', [id])).rows;
  rows.sort((a, b) => byVersionDesc(a.version, b.version));
  return rows[0] && withShortNames(rows[0].definition);
}

/** The instrument a new round uses: the version named, or else the default of the library's rule (no unfinished draft). */
export async function getInstrumentForRound(db: Queryable, id: string, version?: string): Promise<Instrument | undefined> {
  const chosen = version ?? defaultRoundVersion(await listVersions(db, id))?.version;
  return chosen === undefined ? undefined : getInstrument(db, id, chosen);
}

// ---- The instrument library -------------------------------------------------------------------

export interface StoredVersion {
  id: string;
  version: string;
  title: string;
  mode: Instrument['mode'];
  itemCount: number;
  source: 'builtin' | 'import';
  basedOn: string | null;
  createdAt: string;
  updatedAt: string;
  /** Number of rounds that use the version. */
  usedBy: number;
}

const versionColumns = `i.id, i.version, i.definition->>'title' AS title, i.definition->>'mode' AS mode,
  jsonb_array_length(i.definition->'items')::int AS "itemCount", i.source, i.based_on AS "basedOn",
  i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM rounds r WHERE r.instrument_id = i.id AND r.instrument_version = i.version) AS "usedBy"`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const toVersion = (r: StoredVersion): StoredVersion => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) });

/** Every stored version of every instrument (or of one), newest version first within an instrument. */
export async function listVersions(db: Queryable, id?: string): Promise<StoredVersion[]> {
  const rows = (
    await db.query<StoredVersion>(
      `SELECT ${versionColumns} FROM instruments i ${id ? 'WHERE i.id = $1' : ''} ORDER BY i.id`,
      id ? [id] : [],
    )
  ).rows.map(toVersion);
  return rows.sort((a, b) => a.id.localeCompare(b.id) || byVersionDesc(a.version, b.version));
}

/** One stored version with its definition; `lock` takes a row lock (FOR UPDATE) for a change. */
export async function getVersion(
  db: Queryable,
  id: string,
  version: string,
  opts: { lock?: boolean } = {},
): Promise<(StoredVersion & { definition: Instrument }) | undefined> {
  if (opts.lock) {
    // Lock first (a round created meanwhile holds a key-share lock on the row until it commits),
    // then count the rounds in a statement of its own so that it sees them.
    const locked = await db.query('SELECT 1 FROM instruments WHERE id = $1 AND version = $2 FOR UPDATE', [id, version]);
    if (!locked.rows.length) return undefined;
  }
  const row = (
    await db.query<StoredVersion & { definition: StoredInstrument }>(
      `SELECT ${versionColumns}, i.definition FROM instruments i WHERE i.id = $1 AND i.version = $2`,
      [id, version],
    )
  ).rows[0];
  return row && { ...toVersion(row), definition: withShortNames(row.definition) };
}

/** Inserts a new version (duplicate or upload); false when the (id, version) already exists. */
export async function insertVersion(
  db: Queryable,
  instrument: Instrument,
  opts: { basedOn?: string | null; createdBy?: number | null } = {},
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO instruments (id, version, definition, source, based_on, created_by) VALUES ($1, $2, $3::text::jsonb, 'import', $4, $5)
     ON CONFLICT (id, version) DO NOTHING RETURNING id`,
    [instrument.id, instrument.version, JSON.stringify(instrument), opts.basedOn ?? null, opts.createdBy ?? null],
  );
  return r.rows.length === 1;
}

/** Replaces the definition of a version (the caller checks that it may be changed, under a row lock). */
export async function replaceDefinition(db: Queryable, instrument: Instrument): Promise<void> {
  await db.query('UPDATE instruments SET definition = $3::text::jsonb, updated_at = now() WHERE id = $1 AND version = $2', [
    instrument.id,
    instrument.version,
    JSON.stringify(instrument),
  ]);
}

/** Deletes a version (the caller checks that no round uses it). */
export async function deleteVersion(db: Queryable, id: string, version: string): Promise<void> {
  await db.query('DELETE FROM instruments WHERE id = $1 AND version = $2', [id, version]);
}

/** The rounds that use a version. */
export async function roundsUsingVersion(
  db: Queryable,
  id: string,
  version: string,
): Promise<Array<{ id: number; title: string; status: RoundStatus; periodStart: string; periodEnd: string; municipalities: string[] }>> {
  const rows = (
    await db.query<{ id: number; title: string; status: RoundStatus; periodStart: string; periodEnd: string; municipalities: string[] | null }>(
      `SELECT r.id, r.title, r.status, to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
              (SELECT array_agg(rm.municipality_code ORDER BY rm.municipality_code) FROM round_municipalities rm WHERE rm.round_id = r.id) AS municipalities
         FROM rounds r WHERE r.instrument_id = $1 AND r.instrument_version = $2 ORDER BY r.period_start DESC, r.id DESC`,
      [id, version],
    )
  ).rows;
  return rows.map((r) => ({ ...r, municipalities: r.municipalities ?? [] }));
}
