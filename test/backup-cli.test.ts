// `samverka backup` and `samverka restore` through the real CLI, on the embedded database in a temp
// dir and on PostgreSQL; the cross restore goes PGlite → PostgreSQL and PostgreSQL → PGlite.
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cliEnvironments, samverka, type CliEnv } from './support/cli.ts';

const sources = await cliEnvironments('backupcli');
const targets = await cliEnvironments('backupcli_to');
const files = new Map<string, string>();
const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at /, 'ingen stackspårning');

for (const e of sources.envs) {
  describe(`CLI backup och restore (${e.name})`, () => {
    after(e.cleanup);

    it('backup --json skriver filen och en sammanfattning; restore vägrar en databas som inte är tom och ersätter med --force', async () => {
      assert.equal((await samverka(e.env, 'demo', 'load')).code, 0, 'demo load');
      const file = join(sources.dir, `samverka-${e.name}.samverka.gz`);
      const r = await samverka(e.env, 'backup', '--out', file, '--json');
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { file: string; bytes: number; tables: Array<{ name: string; rows: number }>; rows: number };
      assert.equal(summary.file, file, 'filen i sammanfattningen');
      assert.equal(summary.bytes, statSync(file).size, 'byte');
      assert.equal(existsSync(`${file}.part`), false, 'ingen .part-fil kvar');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'bara ägaren kan läsa kopian (den innehåller lösenordshashar)');
      assert.equal(summary.tables.find((t) => t.name === 'municipalities')?.rows, 50, 'regionens 50 kommuner (referensdata)');
      files.set(e.name, file);

      const refused = await samverka(e.env, 'restore', '--file', file);
      assert.equal(refused.code, 1, 'vägrar en databas som inte är tom');
      assert.match(refused.stderr, /^Fel: Databasen är inte tom \(rader finns i .*--force/);
      noStack(refused.stderr);

      const forced = await samverka(e.env, 'restore', '--file', file, '--force', '--json');
      assert.equal(forced.code, 0, forced.stderr);
      const restored = JSON.parse(forced.stdout) as { forced: boolean; rows: number };
      assert.deepEqual({ forced: restored.forced, rows: restored.rows }, { forced: true, rows: summary.rows }, 'alla rader återställda');
    });

    it('saknad och trasig fil ger ett läsbart fel utan stackspårning', async () => {
      const missing = await samverka(e.env, 'restore', '--file', join(sources.dir, 'finns-inte.gz'));
      assert.equal(missing.code, 1, 'saknad fil');
      assert.match(missing.stderr, /^Fel: Filen .*finns-inte\.gz finns inte/);
      const corrupt = join(sources.dir, `trasig-${e.name}.gz`);
      writeFileSync(corrupt, 'det här är ingen säkerhetskopia');
      const bad = await samverka(e.env, 'restore', '--file', corrupt, '--force');
      assert.equal(bad.code, 1, 'trasig fil');
      assert.match(bad.stderr, /^Fel: Filen .* är inte en säkerhetskopia från samverka \(inte gzip-komprimerad\)/);
      noStack(bad.stderr);
      const noDir = await samverka(e.env, 'backup', '--out', join(sources.dir, 'saknas', 'x.gz'));
      assert.equal(noDir.code, 1, 'katalogen saknas');
      assert.match(noDir.stderr, /^Fel: Kan inte skriva .*x\.gz: katalogen finns inte/);
    });
  });
}

/** Restores into the other kind of database when there is one (PGlite → PostgreSQL, PostgreSQL → PGlite). */
const other = (name: string): CliEnv => targets.envs.find((t) => t.name !== name) ?? targets.envs[0];

for (const e of sources.envs) {
  describe(`CLI restore från ${e.name} till ${other(e.name).name}`, () => {
    it('återställer i en tom databas utan --force och kommunerna finns där efteråt', async () => {
      const target = other(e.name);
      try {
        const r = await samverka(target.env, 'restore', '--file', files.get(e.name)!);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /Säkerhetskopian är återställd: \d+ tabeller, \d+ rader/);
        const list = JSON.parse((await samverka(target.env, 'municipalities', 'list', '--json')).stdout) as Array<{ code: string; name: string }>;
        assert.equal(list.length, 14, '14 kommuner');
        assert.equal(list.find((m) => m.code === '1488')?.name, 'Trollhättan');
      } finally {
        // Removes the target database (and leaves it empty for the next source when there is only PGlite).
        await target.cleanup();
      }
    });
  });
}
