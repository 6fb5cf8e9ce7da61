// The national data set of `npm run bench -- national` (issue 15): 290 municipalities × 40 respondents ×
// 60 items in one round (696 000 answers) plus a previous round of the same instrument for change, on
// PostgreSQL and on the embedded database. Everything here is synthetic and labelled so: the
// municipalities are "Syntetisk kommun 1…290" with codes 9001–9290 (no real SCB code starts with 9),
// owned by the association "Syntetiskt nationellt förbund (benchmark)"; the rounds say "(syntetisk)".
//
// Built once and reused: PostgreSQL in its own database `samverka_bench_national` on the server of
// BENCH_DATABASE_URL (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test); PGlite in
// BENCH_PGLITE_DIR (default <tmp>/samverka-bench/national-pglite). A settings row records the data set's
// version and ids; a data set of another version is dropped and built again. Benches must leave it as
// they found it (add their own rounds or respondents and remove them, or add only what does not count).
//
// The answers are deterministic (a fixed seed): each municipality has its own level (0–3) plus noise
// 0–3, 5 % "Vet ej"; the previous round's level is one step lower for every third municipality. The
// national CSV (the import format of src/domain/import.ts: kommun; respondenttyp; verksamhetsområde;
// q01…q60) holds the current round's rows, for the import bench.
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { instrumentSchema, type Instrument } from '../../src/domain/instruments/schema.ts';
import { createUser } from '../../src/store/accounts.ts';

export const NATIONAL = { municipalities: 290, respondents: 40, items: 60 };
/** Bump when the generated data changes: an older data set is then built again. */
const DATASET_VERSION = 'national-v1';
const SETTING = 'bench_national_dataset';
const PG_DATABASE = 'samverka_bench_national';
const FIRST_CODE = 9001;
export const TYPES = ['forvaltningschef', 'it-chef', 'medarbetare'];
export const AREAS = [
  { id: 'it', name: 'IT' },
  { id: 'utbildning', name: 'Utbildning och skola' },
  { id: 'socialtjanst', name: 'Socialtjänst, vård och omsorg' },
];

export type Backend = 'postgres' | 'pglite';

export interface NationalDataset {
  backend: Backend;
  /** PostgreSQL: connection string of the bench database (DATABASE_URL for a server). */
  url?: string;
  /** PGlite: the data directory (SAMVERKA_DATA_DIR for a server). */
  dataDir?: string;
  instrumentId: string;
  instrumentVersion: string;
  /** Closed round (2025), every respondent completed. */
  previousRoundId: number;
  /** Open round (2026), every respondent completed: 290 × 40 with 60 answers each. */
  currentRoundId: number;
  /** The 290 synthetic municipality codes. */
  codes: string[];
  /** The association owning the rounds and the 290 municipalities. */
  associationId: number;
  /** A förbundsadmin of that association. */
  adminEmail: string;
  adminPassword: string;
  /** The current round's rows as a responses CSV (import format), for the import bench. */
  csvFile: string;
}

interface Stored {
  version: string;
  previousRoundId: number;
  currentRoundId: number;
  associationId: number;
}

const ADMIN = { email: 'bench-admin@samverka.test', password: 'bench-nationell-2026', name: 'Benchmark-administratör (syntetisk)' };
const benchDir = () => join(tmpdir(), 'samverka-bench');

function baseUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The 60-item survey instrument: the built-in "digital mognad" structure (scale 0–6 + Vet ej, groups, dimensions), items q01…q60. */
export function nationalInstrument(): Instrument {
  const dm = JSON.parse(readFileSync(new URL('../../instruments/digital-mognad.json', import.meta.url), 'utf8'));
  const items = Array.from({ length: NATIONAL.items }, (_, i) => ({ ...dm.items[i % dm.items.length], id: itemId(i + 1) }));
  return instrumentSchema.parse({
    ...dm,
    id: 'bench-nationell',
    version: '1.0',
    title: 'Benchmark: digital mognad, 60 frågor (syntetisk)',
    items,
  });
}

export const itemId = (n: number) => `q${String(n).padStart(2, '0')}`;

/** The national data set on a backend: built on first use, reused afterwards. */
export async function nationalDataset(backend: Backend): Promise<NationalDataset> {
  const where = backend === 'postgres' ? { url: await ensurePgDatabase() } : { dataDir: process.env.BENCH_PGLITE_DIR || join(benchDir(), 'national-pglite') };
  let db = await openDb(where);
  let stored: Stored | null;
  try {
    await migrate(db);
    stored = await readStored(db);
    if (stored?.version !== DATASET_VERSION) {
      if (stored || (await hasOwnData(db))) {
        await db.close();
        db = await resetStore(backend, where);
        await migrate(db);
      }
      const t = performance.now();
      process.stdout.write(`Bygger det nationella datasetet (${backend}) … `);
      stored = await build(db);
      console.log(`klart på ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await db.close();
  }
  const ins = nationalInstrument();
  const ds: NationalDataset = {
    backend,
    ...where,
    instrumentId: ins.id,
    instrumentVersion: ins.version,
    previousRoundId: stored.previousRoundId,
    currentRoundId: stored.currentRoundId,
    codes: Array.from({ length: NATIONAL.municipalities }, (_, i) => String(FIRST_CODE + i)),
    associationId: stored.associationId,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    csvFile: join(benchDir(), `${DATASET_VERSION}.csv`),
  };
  if (!existsSync(ds.csvFile)) await writeCsv(ds);
  return ds;
}

/** A Db on the data set (migrated by nationalDataset). PGlite allows one process at a time: close it before starting a server on it. */
export function openNational(ds: NationalDataset): Promise<Db> {
  return openDb(ds.url ? { url: ds.url } : { dataDir: ds.dataDir });
}

async function ensurePgDatabase(): Promise<string> {
  const c = new pg.Client({ connectionString: baseUrl() });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_DATABASE]);
    if (!rowCount) await c.query(`CREATE DATABASE ${PG_DATABASE}`);
  } finally {
    await c.end();
  }
  return withDatabase(baseUrl(), PG_DATABASE);
}

async function resetStore(backend: Backend, where: { url?: string; dataDir?: string }): Promise<Db> {
  if (backend === 'postgres') {
    const c = new pg.Client({ connectionString: baseUrl() });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${PG_DATABASE}`);
    } finally {
      await c.end();
    }
  } else rmSync(where.dataDir!, { recursive: true, force: true });
  return openDb(where);
}

async function readStored(db: Db): Promise<Stored | null> {
  const { rows } = await db.query<{ value: Stored }>('SELECT value FROM settings WHERE key = $1', [SETTING]);
  return rows[0]?.value ?? null;
}

async function hasOwnData(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM municipalities WHERE code = $1', [String(FIRST_CODE)])).rowCount > 0;
}

async function build(db: Db): Promise<Stored> {
  const ins = nationalInstrument();
  const stored = await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.15)');
    const associationId = (
      await tx.query<{ id: number }>(`INSERT INTO associations (name) VALUES ('Syntetiskt nationellt förbund (benchmark)') RETURNING id`)
    ).rows[0].id;
    await tx.query(`INSERT INTO instruments (id, version, definition) VALUES ($1, $2, $3::text::jsonb)`, [ins.id, ins.version, JSON.stringify(ins)]);
    for (const [i, a] of AREAS.entries())
      await tx.query('INSERT INTO areas (id, name, sort) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [a.id, a.name, i + 1]);
    await tx.query(
      `INSERT INTO municipalities (code, name, association_id)
       SELECT ($1::int + g - 1)::text, 'Syntetisk kommun ' || g, $3 FROM generate_series(1, $2::int) g`,
      [FIRST_CODE, NATIONAL.municipalities, associationId],
    );
    const round = async (title: string, year: number, status: 'open' | 'closed') => {
      const id = (
        await tx.query<{ id: number }>(
          `INSERT INTO rounds (instrument_id, instrument_version, title, period_start, period_end, status, association_id, opened_at, closed_at, demo_note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now(), CASE WHEN $6 = 'closed' THEN now() END, 'Syntetiska svar för prestandamätning (npm run bench -- national)')
           RETURNING id`,
          [ins.id, ins.version, title, `${year}-01-01`, `${year}-12-31`, status, associationId],
        )
      ).rows[0].id;
      await tx.query(`INSERT INTO round_municipalities (round_id, municipality_code) SELECT $1, code FROM municipalities WHERE association_id = $2`, [
        id,
        associationId,
      ]);
      await tx.query(
        `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, started_at, completed_at)
         SELECT $1, m.code, 'link', ($3::text[])[1 + k % 3], ($4::text[])[1 + (k / 3) % 3], now(), now()
           FROM municipalities m, generate_series(0, $2::int - 1) k
          WHERE m.association_id = $5
          ORDER BY m.code, k`,
        [id, NATIONAL.respondents, TYPES, AREAS.map((a) => a.id), associationId],
      );
      // The municipality's level (0–3) plus noise (0–3), capped at 6; 5 % "Vet ej". The previous round is
      // one step lower for every third municipality, so change shows.
      await tx.query(
        `INSERT INTO answers (respondent_id, item_id, value)
         SELECT p.id, 'q' || lpad(i::text, 2, '0'),
                to_jsonb(CASE WHEN random() < 0.05 THEN 'vet_ej'
                              ELSE greatest(0, least(6, (p.municipality_code::int % 4) + floor(random() * 4)::int
                                                        - CASE WHEN $3 AND p.municipality_code::int % 3 = 0 THEN 1 ELSE 0 END))::text END)
           FROM respondents p, generate_series(1, $2::int) i
          WHERE p.round_id = $1
          ORDER BY p.id, i`,
        [id, NATIONAL.items, status === 'closed'],
      );
      return id;
    };
    const previousRoundId = await round('Nationell mätning 2025 (syntetisk)', 2025, 'closed');
    const currentRoundId = await round('Nationell mätning 2026 (syntetisk)', 2026, 'open');
    const s: Stored = { version: DATASET_VERSION, previousRoundId, currentRoundId, associationId };
    return s;
  });
  await createUser(db, { email: ADMIN.email, name: ADMIN.name, password: ADMIN.password, role: 'forbundsadmin', associationId: stored.associationId });
  await db.query(`INSERT INTO settings (key, value) VALUES ($1, $2::text::jsonb)`, [SETTING, JSON.stringify(stored)]);
  await db.exec('ANALYZE');
  return stored;
}

/** The current round's counted rows as the import CSV (semicolon-separated, UTF-8), written once per data set version. */
async function writeCsv(ds: NationalDataset): Promise<void> {
  mkdirSync(benchDir(), { recursive: true });
  const db = await openNational(ds);
  const part = `${ds.csvFile}.${process.pid}.part`;
  const out = createWriteStream(part);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    const items = Array.from({ length: NATIONAL.items }, (_, i) => itemId(i + 1));
    await write(['kommun', 'respondenttyp', 'verksamhetsområde', ...items].join(';') + '\n');
    // One municipality at a time keeps the memory small.
    for (const code of ds.codes) {
      const { rows } = await db.query<{ t: string; area: string; v: string[] }>(
        `SELECT p.respondent_type AS t, p.area, array_agg(a.value #>> '{}' ORDER BY a.item_id) AS v
           FROM respondents p JOIN answers a ON a.respondent_id = p.id
          WHERE p.round_id = $1 AND p.municipality_code = $2
          GROUP BY p.id ORDER BY p.id`,
        [ds.currentRoundId, code],
      );
      for (const r of rows) await write([code, r.t, r.area, ...r.v].join(';') + '\n');
    }
    out.end();
    await once(out, 'close');
    renameSync(part, ds.csvFile);
  } catch (e) {
    out.destroy();
    rmSync(part, { force: true });
    throw e;
  } finally {
    await db.close();
  }
}
