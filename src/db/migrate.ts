// Applies the committed SQL migrations in src/db/migrations in name order, once each.
import { readdir, readFile } from 'node:fs/promises';
import { rootPath } from '../paths.ts';
import type { Db } from './db.ts';

// The SQL files stay in src/db/migrations (the compiled JavaScript in dist/server reads them there too).
const dir = rootPath('src/db/migrations/');

/**
 * The advisory lock key for migrations ("samverka" as digits on a phone keypad). Two instances starting at
 * once on one PostgreSQL database queue on it, so each migration runs exactly once; the second instance
 * finds them applied. PGlite takes the same lock (it is a no-op contention-wise: one connection).
 */
export const MIGRATION_LOCK_KEY = 726837652;

/** The migration files in name order. */
export async function migrationFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
}

/**
 * Applies the pending migrations in one transaction under a transaction-level advisory lock: the lock
 * is released with the commit or rollback, even if the process dies, and a failing migration leaves
 * the schema as it was.
 */
export async function migrate(db: Db): Promise<string[]> {
  const files = await migrationFiles();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const f of files) {
      if (done.has(f)) continue;
      const sql = await readFile(dir + f, 'utf8');
      // Split on statement ends so both drivers run each statement with the same semantics.
      for (const stmt of splitSql(sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [f]);
      applied.push(f);
    }
    return applied;
  });
}

/** Migration files not yet recorded in schema_migrations (all of them when the table is missing). Throws when the database does not answer. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const files = await migrationFiles();
  const table = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!table.rows[0]?.t) return files;
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
  return files.filter((f) => !done.has(f));
}

/**
 * Splits a migration on `;` at line ends, ignoring `--` comment lines. A `;` inside a dollar-quoted
 * body (`$$ … $$`, e.g. a PL/pgSQL function) does not end the statement.
 */
export function splitSql(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (!inBody && line.trim().startsWith('--')) continue;
    current.push(line);
    if ((line.split('$$').length - 1) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(current.join('\n').replace(/;\s*$/, ''));
      current = [];
    }
  }
  out.push(current.join('\n'));
  return out.map((s) => s.trim()).filter(Boolean);
}
