// Stored instrument versions. Rounds reference (id, version), so a round always keeps the
// exact definition it was created with; a version in use by a round is never overwritten.
import type { Queryable } from '../db/db.ts';
import type { Instrument } from '../domain/instruments/schema.ts';

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

const byVersionDesc = (a: string, b: string) => b.localeCompare(a, 'sv', { numeric: true });

export type StoreResult = 'created' | 'updated' | 'unchanged' | 'in-use';

/**
 * Stores an instrument version. A new (id, version) is inserted; an existing one is updated
 * only while no round uses it ('in-use' otherwise, with the stored definition kept).
 */
export async function storeInstrument(db: Queryable, instrument: Instrument, source: 'builtin' | 'import'): Promise<StoreResult> {
  const def = JSON.stringify(instrument);
  const existing = (
    await db.query<{ same: boolean; used: boolean }>(
      `SELECT definition = $3::text::jsonb AS same,
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
  if (existing.used) return 'in-use';
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
  if (version !== undefined)
    return (await db.query<{ definition: Instrument }>('SELECT definition FROM instruments WHERE id = $1 AND version = $2', [id, version])).rows[0]
      ?.definition;
  const rows = (await db.query<{ version: string; definition: Instrument }>('SELECT version, definition FROM instruments WHERE id = $1', [id])).rows;
  rows.sort((a, b) => byVersionDesc(a.version, b.version));
  return rows[0]?.definition;
}
