// Running the real CLI (bin/samverka.mjs) in a child process, on the embedded database in a temp
// dir and, when TEST_DATABASE_URL is set, on PostgreSQL in a schema of its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/db.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/samverka.mjs', import.meta.url).pathname;

export interface CliEnv {
  name: 'pglite' | 'postgres';
  /** What the command runs with, over process.env. */
  env: NodeJS.ProcessEnv;
  /** The same database opened in this process (not migrated). */
  open(): Promise<Db>;
  /** Removes the database: the PGlite data dir or the PostgreSQL schema. */
  cleanup(): Promise<void>;
}

async function adminSql(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/**
 * The CLI environments of one test file. `label` names the temp dir and the PostgreSQL schema
 * (`<label>_<pid>`, so letters, digits and underscores); `extraEnv` is added to every environment.
 * `dir` is a temp dir for output files (the PGlite data lives in `dir/data`); it is removed after
 * the file's tests.
 */
export async function cliEnvironments(label: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ dir: string; envs: CliEnv[] }> {
  const dir = mkdtempSync(join(tmpdir(), `samverka-${label}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data');
  const envs: CliEnv[] = [
    {
      name: 'pglite',
      env: { SAMVERKA_DATA_DIR: dataDir, DATABASE_URL: '', ...extraEnv },
      open: () => openDb({ dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    },
  ];
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) {
    const schema = `${label}_${process.pid}`;
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    await adminSql(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    envs.push({
      name: 'postgres',
      env: { DATABASE_URL: url.toString(), ...extraEnv },
      open: () => openDb({ url: databaseUrl, schema }),
      cleanup: () => adminSql(`DROP SCHEMA ${schema} CASCADE`),
    });
  }
  return { dir, envs };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `samverka ...args` with `env` over process.env; a failing command resolves with its exit code. */
export async function samverka(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}
