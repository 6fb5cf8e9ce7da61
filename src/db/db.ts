// One database interface over PGlite (embedded PostgreSQL in WASM) and node-postgres.
// Everything above this file speaks PostgreSQL SQL through `Db`.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

// int8 and numeric come back as strings from node-postgres; counts and sums are
// safe as JS numbers at our scale, so parse them the way PGlite does.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbOptions {
  /** postgres://… → PostgreSQL; otherwise embedded PGlite. */
  url?: string;
  /** PGlite data directory; undefined → in-memory. */
  dataDir?: string;
  /** PostgreSQL only: schema to use (created if missing); tests use one each. */
  schema?: string;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.url) return openPostgres(opts.url, opts.schema);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir?: string): Promise<Db> {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  // PGlite is single-connection: serialise transactions so that concurrent
  // requests never interleave statements inside another's transaction.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const query = async <T>(sql: string, params?: unknown[]) => {
    const r = await db.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => serial(() => query(sql, params)),
    transaction: (fn) =>
      serial(() =>
        db.transaction(async (tx) =>
          fn({
            query: async <T>(sql: string, params?: unknown[]) => {
              const r = await tx.query<T>(sql, params as unknown[]);
              return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
            },
          }),
        ),
      ),
    exec: (sql) => serial(async () => void (await db.exec(sql))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.SAMVERKA_DB_POOL ?? 10),
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await c.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}
