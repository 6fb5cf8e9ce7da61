// The backup file's format and the rules of a restore, pure and IO-free (docs/operations.md).
// A backup is gzip-compressed JSON Lines:
//   {"kind":"header", …}                         format, versions, migrations, every table's columns and row count
//   {"kind":"table","name":"regions"}             then the table's rows, one JSON array of text values (or null) a line
//   ["1","Västra Götaland"]
//   …
//   {"kind":"end","tables":31,"rows":12345}       the file is complete
// Tables come in foreign-key order (parents first), so a restore inserts them as it reads.
import { z } from 'zod';

export const BACKUP_FORMAT = 'samverka-backup';

/** Tables kept up by triggers from the rest (migrations 027 and 030): left out of a backup, updated by a restore's writes. */
export const DERIVED_TABLES = ['schema_migrations', 'analysis_stamps', 'data_versions'];
/**
 * A delrapport batch's job and its zip (migration 025): an hour's output of one instance, not content, and
 * up to some 25 MB a job. Left out of a backup and emptied by a restore (their rows point at the accounts
 * and rounds a restore replaces); an older backup's rows of them are read past.
 */
export const TRANSIENT_TABLES = ['report_jobs', 'report_job_chunks'];
export const isTransientTable = (name: string): boolean => TRANSIENT_TABLES.includes(name);
export const BACKUP_FORMAT_VERSION = 1;

export const backupColumnSchema = z.object({ name: z.string().min(1), type: z.string().min(1) });
export const backupTableSchema = z.object({
  name: z.string().min(1),
  columns: z.array(backupColumnSchema).min(1),
  rows: z.number().int().nonnegative(),
});
export const backupHeaderSchema = z.object({
  kind: z.literal('header'),
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  samverkaVersion: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.string()),
  tables: z.array(backupTableSchema),
});
export const tableMarkerSchema = z.object({ kind: z.literal('table'), name: z.string().min(1) });
export const endMarkerSchema = z.object({
  kind: z.literal('end'),
  tables: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});

export type BackupColumn = z.infer<typeof backupColumnSchema>;
export type BackupTable = z.infer<typeof backupTableSchema>;
export type BackupHeader = z.infer<typeof backupHeaderSchema>;
export type TableMarker = z.infer<typeof tableMarkerSchema>;
export type EndMarker = z.infer<typeof endMarkerSchema>;
/** One row: the text representation of each column (PostgreSQL's own output), null for NULL. */
export type BackupRow = Array<string | null>;

/** A file that is not a readable backup; the message is Swedish and meant for the operator. */
export class BackupFormatError extends Error {}

/** Validates the first line of a backup file. */
export function parseHeader(value: unknown): BackupHeader {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || v.kind !== 'header' || v.format !== BACKUP_FORMAT)
    throw new BackupFormatError('Filen är inte en säkerhetskopia från samverka (huvudet saknas)');
  if (v.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupFormatError(
      `Säkerhetskopian har formatversion ${String(v.formatVersion)}; den här versionen av samverka läser version ${BACKUP_FORMAT_VERSION}`,
    );
  const r = backupHeaderSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new BackupFormatError(`Säkerhetskopians huvud är skadat (fältet ${issue.path.join('.') || '?'})`);
  }
  return r.data;
}

/** Parses one line after the header: a table marker, the end marker or a row. */
export function parseLine(line: string, lineNo: number): TableMarker | EndMarker | BackupRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupFormatError(`Säkerhetskopian är skadad: rad ${lineNo} är inte giltig JSON`);
  }
  if (Array.isArray(value)) {
    if (!value.every((x) => x === null || typeof x === 'string'))
      throw new BackupFormatError(`Säkerhetskopian är skadad: rad ${lineNo} har ett värde som inte är text`);
    return value as BackupRow;
  }
  const marker = z.union([tableMarkerSchema, endMarkerSchema]).safeParse(value);
  if (!marker.success) throw new BackupFormatError(`Säkerhetskopian är skadad: rad ${lineNo} går inte att tolka`);
  return marker.data;
}

export interface ForeignKeyEdge {
  /** The referencing table. */
  child: string;
  /** The referenced table, which must be filled first. */
  parent: string;
}

/**
 * Orders tables so that every table comes after the tables it references (Kahn's algorithm,
 * alphabetical among the ready ones, so the order is stable). A table referencing itself is
 * allowed (its rows are written in primary-key order); a cycle between tables is not.
 */
export function restoreOrder(tables: string[], edges: ForeignKeyEdge[]): string[] {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const e of edges) if (e.child !== e.parent && known.has(e.child) && known.has(e.parent)) parents.get(e.child)!.add(e.parent);
  const order: string[] = [];
  const left = new Set(tables);
  while (left.size) {
    const ready = [...left].filter((t) => [...parents.get(t)!].every((p) => !left.has(p))).sort();
    if (!ready.length) throw new Error(`Tabellerna refererar till varandra i en cirkel och kan inte ordnas: ${[...left].sort().join(', ')}`);
    for (const t of ready) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/** Tables that the migrations themselves fill (`INSERT INTO x` in a migration), e.g. the default criteria. */
export function tablesSeededBy(sql: string): string[] {
  const names = new Set<string>();
  // Comments and function bodies ($$ … $$, $tag$ … $tag$) fill nothing when the migration runs.
  const code = sql.replace(/--.*$/gm, '').replace(/\$(\w*)\$[\s\S]*?\$\1\$/g, '');
  for (const m of code.matchAll(/\bINSERT\s+INTO\s+((?:"[^"]+"|[\w]+)(?:\.(?:"[^"]+"|[\w]+))?)/gi)) {
    const last = m[1].split('.').pop()!;
    names.add(last.replace(/^"|"$/g, ''));
  }
  return [...names].sort();
}

/** Why a backup with `dump` migrations cannot be restored into a database with `target` migrations, or null. */
export function migrationProblem(dump: string[], target: string[]): string | null {
  const t = new Set(target);
  const d = new Set(dump);
  const missing = dump.filter((m) => !t.has(m)).sort();
  const extra = target.filter((m) => !d.has(m)).sort();
  if (missing.length)
    return `Säkerhetskopian är gjord med en nyare databasstruktur: databasen saknar migreringarna ${missing.join(', ')}. Uppdatera samverka till samma version som gjorde kopian och försök igen.`;
  if (extra.length)
    return `Säkerhetskopian är gjord med en äldre databasstruktur: den saknar migreringarna ${extra.join(', ')}. Återställ med samma version av samverka som gjorde kopian och uppdatera sedan.`;
  return null;
}

/** Differences between the backup's tables and columns and the target's; empty when they match. An older backup's transient tables do not count. */
export function schemaProblems(dump: Array<Pick<BackupTable, 'name' | 'columns'>>, target: Array<Pick<BackupTable, 'name' | 'columns'>>): string[] {
  const problems: string[] = [];
  const byName = new Map(target.map((t) => [t.name, t]));
  const dumped = new Set(dump.map((t) => t.name));
  for (const t of dump) {
    if (isTransientTable(t.name)) continue;
    const there = byName.get(t.name);
    if (!there) {
      problems.push(`tabellen ${t.name} finns inte i databasen`);
      continue;
    }
    const cols = new Map(there.columns.map((c) => [c.name, c.type]));
    for (const c of t.columns) {
      if (!cols.has(c.name)) problems.push(`kolumnen ${t.name}.${c.name} finns inte i databasen`);
      else if (cols.get(c.name) !== c.type) problems.push(`kolumnen ${t.name}.${c.name} har typen ${cols.get(c.name)} i databasen men ${c.type} i kopian`);
    }
    const mine = new Set(t.columns.map((c) => c.name));
    for (const c of there.columns) if (!mine.has(c.name)) problems.push(`kolumnen ${t.name}.${c.name} saknas i kopian`);
  }
  for (const t of target) if (!dumped.has(t.name)) problems.push(`tabellen ${t.name} saknas i kopian`);
  return problems;
}

/**
 * The tables that make a database non-empty: any table with rows, except schema_migrations and
 * the tables the migrations fill themselves (`seeded`), which a restore replaces anyway.
 */
export function nonEmptyTables(counts: Array<{ name: string; rows: number }>, seeded: Iterable<string>): string[] {
  const ignore = new Set(['schema_migrations', ...seeded]);
  return counts.filter((c) => c.rows > 0 && !ignore.has(c.name)).map((c) => c.name).sort();
}
