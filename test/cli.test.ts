import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Command } from 'commander';
import { buildCli } from '../src/cli/index.ts';

const run = promisify(execFile);
const BIN = new URL('../bin/samverka.mjs', import.meta.url).pathname;

/** Each CLI test environment: the embedded database in a temp dir, and PostgreSQL in its own schema. */
const envs: Array<{ name: string; env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> = [];
const dir = mkdtempSync(join(tmpdir(), 'samverka-cli-'));
envs.push({ name: 'pglite', env: { SAMVERKA_DATA_DIR: dir, DATABASE_URL: '' }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) });
if (process.env.TEST_DATABASE_URL) {
  const schema = `cli_${process.pid}`;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  envs.push({ name: 'postgres', env: { DATABASE_URL: url.toString() }, cleanup: () => admin(`DROP SCHEMA ${schema} CASCADE`) });
}

async function samverka(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

describe('CLI: hjälptexter', () => {
  it('varje kommando har en svensk beskrivning och --help', () => {
    const walk = (c: Command): Command[] => [c, ...c.commands.flatMap(walk)];
    const all = walk(buildCli());
    assert.ok(all.length >= 8);
    for (const c of all) {
      assert.ok(c.description().length > 5, `beskrivning saknas för ${c.name()}`);
      assert.match(c.helpInformation(), /-h, --help/);
    }
  });
});

for (const e of envs) {
  describe(`CLI (${e.name})`, () => {
    after(e.cleanup);

    it('demo load är idempotent och municipalities list --json ger 14 kommuner', async () => {
      assert.equal((await samverka(e.env, 'demo', 'load')).code, 0);
      const second = await samverka(e.env, 'demo', 'load');
      assert.equal(second.code, 0);
      assert.match(second.stdout, /admin@demo\.samverka\.se/);
      const r = await samverka(e.env, 'municipalities', 'list', '--json');
      const list = JSON.parse(r.stdout) as Array<{ code: string; name: string }>;
      assert.equal(list.length, 14);
      assert.equal(list.find((m) => m.code === '1488')?.name, 'Trollhättan');
    });

    it('admin create skapar ett konto och vägrar dubbletter och korta lösenord', async () => {
      const ok = await samverka(e.env, 'admin', 'create', '--email', 'strateg@fyrbodal.example.se', '--name', 'Anna Strateg', '--password', 'ett-långt-lösenord', '--json');
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).role, 'forbundsadmin');
      const dup = await samverka(e.env, 'admin', 'create', '--email', 'STRATEG@fyrbodal.example.se', '--name', 'X', '--password', 'ett-långt-lösenord');
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /finns redan/);
      const short = await samverka(e.env, 'admin', 'create', '--email', 'a@b.se', '--name', 'X', '--password', 'kort');
      assert.equal(short.code, 1);
      assert.match(short.stderr, /minst 12 tecken/);
      const noMunicipality = await samverka(e.env, 'admin', 'create', '--email', 'k@b.se', '--name', 'K', '--password', 'ett-långt-lösenord', '--role', 'kommunansvarig');
      assert.equal(noMunicipality.code, 1);
      assert.match(noMunicipality.stderr, /minst en kommun/);
    });
  });
}
