// Backup and restore of the whole database as a driver-independent logical dump (format in
// src/domain/backup.ts, operations in docs/operations.md). Works the same on PGlite and PostgreSQL:
// every value travels as PostgreSQL's own text representation and is cast back on restore.
import { VERSION } from '../version.ts';
import { createReadStream, createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db, Queryable } from '../db/db.ts';
import { rootUrl } from '../paths.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupFormatError,
  DERIVED_TABLES,
  migrationProblem,
  nonEmptyTables,
  parseHeader,
  parseLine,
  restoreOrder,
  schemaProblems,
  tablesSeededBy,
  isTransientTable,
  TRANSIENT_TABLES,
  type BackupColumn,
  type BackupHeader,
  type BackupTable,
} from '../domain/backup.ts';

/** A backup or restore that cannot be done; the message is Swedish and meant for the operator. */
export class BackupError extends Error {}

const MIGRATIONS_DIR = rootUrl('src/db/migrations/');
/** Rows per FETCH and per INSERT; an INSERT batch is also cut at about 4 MB of JSON. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The same text output on both drivers, whatever the server's defaults are. */
async function setSession(q: Queryable): Promise<void> {
  for (const s of [
    `SET LOCAL TimeZone = 'UTC'`,
    `SET LOCAL DateStyle = 'ISO, YMD'`,
    `SET LOCAL IntervalStyle = 'postgres'`,
    `SET LOCAL bytea_output = 'hex'`,
    `SET LOCAL extra_float_digits = 3`,
  ])
    await q.query(s);
}

interface TableInfo {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
}

/** The tables of the current schema a backup holds (not the derived and transient ones), in foreign-key order. */
async function describeTables(q: Queryable): Promise<TableInfo[]> {
  const cols = await q.query<{ table: string; column: string; type: string }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        AND NOT c.relname = ANY ($1::text[])
      ORDER BY c.relname, a.attnum`,
    [[...DERIVED_TABLES, ...TRANSIENT_TABLES]],
  );
  const pks = await q.query<{ table: string; column: string }>(
    `SELECT c.relname AS "table", a.attname AS "column"
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[])
      WHERE n.nspname = current_schema() AND i.indisprimary
      ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const edges = await q.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const tables = new Map<string, TableInfo>();
  for (const r of cols.rows) {
    if (!tables.has(r.table)) tables.set(r.table, { name: r.table, columns: [], primaryKey: [] });
    tables.get(r.table)!.columns.push({ name: r.column, type: r.type });
  }
  for (const r of pks.rows) tables.get(r.table)?.primaryKey.push(r.column);
  try {
    return restoreOrder([...tables.keys()], edges.rows).map((t) => tables.get(t)!);
  } catch (e) {
    throw new BackupError((e as Error).message);
  }
}

async function appliedMigrations(q: Queryable): Promise<string[]> {
  return (await q.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
}

async function rowCounts(q: Queryable, tables: TableInfo[]): Promise<Array<{ name: string; rows: number }>> {
  const out: Array<{ name: string; rows: number }> = [];
  for (const t of tables) out.push({ name: t.name, rows: (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`)).rows[0].n });
  return out;
}

/** Tables the migrations fill themselves (today the default qualification criteria). */
function migrationSeededTables(): string[] {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
  return [...new Set(files.flatMap((f) => tablesSeededBy(readFileSync(new URL(f, MIGRATIONS_DIR), 'utf8'))))].sort();
}

export interface BackupSummary {
  file: string;
  bytes: number;
  database: 'pglite' | 'postgres';
  createdAt: string;
  samverkaVersion: string;
  migrations: string[];
  tables: Array<{ name: string; rows: number }>;
  rows: number;
}

/** The rows of one table, as JSON Lines in batches, read through a cursor. */
async function* tableLines(tx: Queryable, t: TableInfo, expected: number): AsyncGenerator<string> {
  const select = t.columns.map((c, i) => `${ident(c.name)}::text AS c${i}`).join(', ');
  const order = (t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name)).map(ident).join(', ');
  yield JSON.stringify({ kind: 'table', name: t.name }) + '\n';
  await tx.query(`DECLARE samverka_backup NO SCROLL CURSOR FOR SELECT ${select} FROM ${ident(t.name)} ORDER BY ${order}`);
  let seen = 0;
  for (;;) {
    const batch = await tx.query<Record<string, string | null>>(`FETCH ${BATCH_ROWS} FROM samverka_backup`);
    if (!batch.rows.length) break;
    seen += batch.rows.length;
    yield batch.rows.map((r) => JSON.stringify(t.columns.map((_, i) => r[`c${i}`]))).join('\n') + '\n';
    if (batch.rows.length < BATCH_ROWS) break;
  }
  await tx.query('CLOSE samverka_backup');
  if (seen !== expected) throw new BackupError(`Tabellen ${t.name} ändrades under säkerhetskopieringen (${expected} rader räknade, ${seen} lästa)`);
}

/**
 * Writes a backup of every table to `outFile` (via `<outFile>.part`, renamed when complete; mode
 * 0600 for a new file, since it holds password and session hashes).
 * All tables are read in one REPEATABLE READ, READ ONLY transaction: one consistent snapshot.
 */
export async function writeBackup(db: Db, outFile: string): Promise<BackupSummary> {
  const part = `${outFile}.part`;
  let header: BackupHeader;
  try {
    header = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await setSession(tx);
      const tables = await describeTables(tx);
      const counts = await rowCounts(tx, tables);
      const h: BackupHeader = {
        kind: 'header',
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        samverkaVersion: VERSION,
        createdAt: new Date().toISOString(),
        database: db.kind,
        migrations: await appliedMigrations(tx),
        tables: tables.map((t, i) => ({ name: t.name, columns: t.columns, rows: counts[i].rows })),
      };
      const total = counts.reduce((s, c) => s + c.rows, 0);
      async function* lines(): AsyncGenerator<string> {
        yield JSON.stringify(h) + '\n';
        for (const [i, t] of tables.entries()) yield* tableLines(tx, t, counts[i].rows);
        yield JSON.stringify({ kind: 'end', tables: tables.length, rows: total }) + '\n';
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(part, { mode: 0o600 }));
      return h;
    });
    await rename(part, outFile);
  } catch (e) {
    await rm(part, { force: true });
    throw fileError(e, outFile, 'skriva');
  }
  const tables = header.tables.map((t) => ({ name: t.name, rows: t.rows }));
  return {
    file: outFile,
    bytes: (await stat(outFile)).size,
    database: header.database,
    createdAt: header.createdAt,
    samverkaVersion: header.samverkaVersion,
    migrations: header.migrations,
    tables,
    rows: tables.reduce((s, t) => s + t.rows, 0),
  };
}

/** File-system errors as operator messages; everything else unchanged. */
function fileError(e: unknown, file: string, verb: 'skriva' | 'läsa'): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: verb === 'läsa' ? 'filen finns inte' : 'katalogen finns inte',
    EACCES: 'behörighet saknas',
    EPERM: 'behörighet saknas',
    EISDIR: 'det är en katalog',
    ENOSPC: 'disken är full',
    EROFS: 'filsystemet är skrivskyddat',
  };
  if (code && reasons[code]) return new BackupError(`Kan inte ${verb} ${file}: ${reasons[code]}`);
  return e;
}

/** The non-empty lines of a gzip file, with gzip and file errors as BackupError. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = parts.pop()!;
      for (const p of parts) if (p) yield p;
    }
    rest += decoder.end();
    if (rest) yield rest;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_DATA_ERROR' && /header/.test(err.message)) throw new BackupError(`Filen ${file} är inte en säkerhetskopia från samverka (inte gzip-komprimerad)`);
    if (err.code?.startsWith('Z_')) throw new BackupError(`Säkerhetskopian ${file} är skadad eller ofullständig (${err.message})`);
    throw fileError(e, file, 'läsa');
  } finally {
    gunzip.destroy();
    source.destroy();
  }
}

export interface RestoreSummary {
  file: string;
  from: { database: 'pglite' | 'postgres'; createdAt: string; samverkaVersion: string };
  forced: boolean;
  tables: Array<{ name: string; rows: number }>;
  rows: number;
}

/** The tables a restore replaces: the backed-up ones of the target, and the transient ones it empties. */
const replaced = (target: TableInfo[]) => [...target.map((t) => t.name), ...TRANSIENT_TABLES].map(ident).join(', ');

/**
 * Checks before anything is changed: the migrations, the tables and emptiness. The tables are
 * locked first, so that nothing is written between the emptiness check and the TRUNCATE.
 */
async function checkTarget(tx: Queryable, header: BackupHeader, force: boolean): Promise<TableInfo[]> {
  const problem = migrationProblem(header.migrations, await appliedMigrations(tx));
  if (problem) throw new BackupError(problem);
  const target = await describeTables(tx);
  const problems = schemaProblems(header.tables, target);
  if (problems.length) throw new BackupError(`Säkerhetskopian passar inte databasen: ${problems.join('; ')}`);
  await tx.query(`LOCK TABLE ${replaced(target)} IN ACCESS EXCLUSIVE MODE`);
  const busy = nonEmptyTables(await rowCounts(tx, target), migrationSeededTables());
  if (busy.length && !force)
    throw new BackupError(
      `Databasen är inte tom (rader finns i ${busy.join(', ')}). Återställ till en tom databas, eller använd --force för att ersätta allt innehåll med säkerhetskopian.`,
    );
  return target;
}

function insertSql(t: BackupTable, target: TableInfo): string {
  const types = new Map(target.columns.map((c) => [c.name, c.type]));
  const cols = t.columns.map((c) => ident(c.name)).join(', ');
  const values = t.columns.map((c, i) => `(r->>${i})::${types.get(c.name)}`).join(', ');
  return `INSERT INTO ${ident(t.name)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::json) AS x(r)`;
}

/** Sets every serial/identity sequence of the schema to continue after the largest value in its column. */
async function resetSequences(tx: Queryable): Promise<void> {
  const seqs = await tx.query<{ seq: string; table: string; column: string }>(
    `SELECT s.oid::regclass::text AS seq, t.relname AS "table", a.attname AS "column"
       FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') AND n.nspname = current_schema()`,
  );
  for (const s of seqs.rows)
    await tx.query(`SELECT setval($1::regclass, coalesce((SELECT max(${ident(s.column)}) FROM ${ident(s.table)}), 0) + 1, false)`, [s.seq]);
}

/**
 * Restores `file` into `db`, which must be migrated to the same migrations as the backup and be
 * empty (see nonEmptyTables) unless `force`. Everything happens in one transaction: on any error
 * the database is left as it was.
 */
export async function restoreBackup(db: Db, file: string, opts: { force?: boolean } = {}): Promise<RestoreSummary> {
  try {
    await stat(file);
  } catch (e) {
    throw fileError(e, file, 'läsa');
  }
  const lines = readLines(file);
  try {
    const first = await lines.next();
    if (first.done) throw new BackupError(`Filen ${file} är tom`);
    let headerValue: unknown;
    try {
      headerValue = JSON.parse(first.value);
    } catch {
      throw new BackupFormatError('Filen är inte en säkerhetskopia från samverka (huvudet går inte att läsa)');
    }
    const header = parseHeader(headerValue);
    let lineNo = 1;
    await db.transaction(async (tx) => {
      const target = await checkTarget(tx, header, !!opts.force);
      const byName = new Map(target.map((t) => [t.name, t]));
      await setSession(tx);
      await tx.query(`TRUNCATE ${replaced(target)} RESTART IDENTITY`);
      let index = -1;
      let table: BackupTable | undefined;
      /** The current table's INSERT; null for a transient table of an older backup, whose rows are read past. */
      let sql: string | null = null;
      let seen = 0;
      let batch: string[] = [];
      let chars = 0;
      const flush = async () => {
        if (!batch.length) return;
        if (sql) await tx.query(sql, [`[${batch.join(',')}]`]);
        batch = [];
        chars = 0;
      };
      const finishTable = async () => {
        await flush();
        if (table && seen !== table.rows) throw new BackupError(`Säkerhetskopian är skadad: tabellen ${table.name} har ${seen} rader, huvudet säger ${table.rows}`);
      };
      for await (const line of lines) {
        lineNo++;
        const item = parseLine(line, lineNo);
        if (Array.isArray(item)) {
          if (!table) throw new BackupFormatError(`Säkerhetskopian är skadad: rad ${lineNo} hör inte till någon tabell`);
          if (item.length !== table.columns.length)
            throw new BackupFormatError(`Säkerhetskopian är skadad: rad ${lineNo} har ${item.length} värden, tabellen ${table.name} har ${table.columns.length} kolumner`);
          batch.push(line);
          chars += line.length;
          seen++;
          if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
        } else if (item.kind === 'table') {
          await finishTable();
          index++;
          table = header.tables[index];
          if (!table || table.name !== item.name) throw new BackupFormatError(`Säkerhetskopian är skadad: tabellen ${item.name} på rad ${lineNo} står inte i huvudet på den platsen`);
          sql = isTransientTable(table.name) ? null : insertSql(table, byName.get(table.name)!);
          seen = 0;
        } else {
          await finishTable();
          if (index !== header.tables.length - 1 || item.tables !== header.tables.length)
            throw new BackupFormatError('Säkerhetskopian är skadad: alla tabeller finns inte med');
          await resetSequences(tx);
          return;
        }
      }
      throw new BackupError(`Säkerhetskopian ${file} är ofullständig: filen tar slut före slutmarkeringen`);
    });
    const tables = header.tables.filter((t) => !isTransientTable(t.name)).map((t) => ({ name: t.name, rows: t.rows }));
    return {
      file,
      from: { database: header.database, createdAt: header.createdAt, samverkaVersion: header.samverkaVersion },
      forced: !!opts.force,
      tables,
      rows: tables.reduce((s, t) => s + t.rows, 0),
    };
  } catch (e) {
    if (e instanceof BackupFormatError) throw new BackupError(`${e.message} (${file})`);
    throw e;
  } finally {
    await lines.return(undefined);
  }
}
