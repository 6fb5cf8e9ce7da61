// Database faults under load, against a real PostgreSQL cluster that the test controls and the real
// server process: while 60 respondents save answers through HTTP, (a) every backend is terminated and
// (b) the cluster is stopped and started again. The server must stay up, serve again within 5 s of
// PostgreSQL being back, and every acknowledged answer must be stored with its value, once.
// Then `kill -9` of the server mid-load, on PostgreSQL and on the embedded database: after a restart,
// no acknowledged answer is lost. And the start itself: PostgreSQL not up yet, unreachable, or an
// embedded data directory that is locked or damaged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDb } from '../src/db/db.ts';
import { startServer } from './support/answer-load.ts';
import { killNine, postgresFaults, UNLIMITED, waitFor, withDb, type Verdict } from './support/fault-scenarios.ts';
import { createCluster, createDatabase, freePort, type PgCluster } from './support/pg-cluster.ts';

const CLIENTS = 60;

function assertNothingLost(v: Verdict) {
  assert.deepEqual(v.load.unexpected, [], 'inga andra fel än 503 eller en bruten anslutning');
  assert.ok(v.checked >= CLIENTS, `kvitterade svar kontrollerade (${v.checked})`);
  assert.deepEqual(v.lost, [], 'varje kvitterat svar finns med sitt värde');
  assert.equal(v.duplicates, 0, 'inget svar lagrat två gånger');
}

describe('databasfel under last: PostgreSQL som testet styr', { timeout: 300_000 }, () => {
  let cluster: PgCluster;
  before(async () => {
    cluster = await createCluster();
  });
  after(async () => {
    await cluster?.destroy();
  });

  it('alla anslutningar avslutas, sedan stoppas och startas PostgreSQL: servern lever, svarar inom 5 s och inget kvitterat svar försvinner', async () => {
    const r = await postgresFaults(cluster, 'faults', CLIENTS);
    assert.ok(r.terminated >= 1, `minst en anslutning avslutades (${r.terminated})`);
    assert.ok(r.aliveThroughout, `servern levde genom båda felen:\n${r.output}`);
    assert.ok(r.msServingAfterTerminate < 5000, `svarar igen efter avslutade anslutningar (${r.msServingAfterTerminate} ms)`);
    assert.ok(r.msServingAfterRestart < 5000, `svarar inom 5 s efter att PostgreSQL är tillbaka (${r.msServingAfterRestart} ms)`);
    // While PostgreSQL was stopped: 503, a Swedish message and Retry-After, to the probe and to the load.
    assert.equal(r.whileDown.status, 503);
    assert.match(JSON.parse(r.whileDown.body).error, /Databasen är inte tillgänglig/);
    assert.ok(Number(r.whileDown.headers['retry-after']) > 0, 'med Retry-After');
    assert.ok((r.load.byStatus.get(503) ?? 0) > 0, 'lasten fick 503 medan databasen var borta');
    assert.ok(r.load.first503 && Number(r.load.first503.headers['retry-after']) > 0, '503 till svarande har Retry-After');
    assert.ok(r.load.pending.every((p) => p === undefined), 'varje svarandes sista sparning kvitterades till slut');
    assertNothingLost(r);
    assert.match(r.output, /Databasanslutningen bröts/, 'brutna anslutningar loggas på svenska');
    assert.equal(r.exitCode, 0, `servern avslutas rent på SIGTERM:\n${r.output}`);
    assert.match(r.output, /samverka har stoppats/);
  });

  it('servern startar före PostgreSQL: den väntar med en rad per försök och kör när databasen kommer', async () => {
    const url = await createDatabase(cluster, 'late');
    await cluster.stop();
    let output = '';
    const starting = startServer(
      { DATABASE_URL: url, SAMVERKA_DB_WAIT_S: '60', ...UNLIMITED },
      { timeoutMs: 90_000, onOutput: (text) => (output = text) },
    );
    await waitFor('servern försöker nå databasen', () => /försök 2/.test(output));
    await cluster.start();
    const server = await starting;
    try {
      assert.match(server.output(), /svarar inte \(connect ECONNREFUSED [^)]*\); försök 1, nytt försök om 0,5 s/);
      assert.match(server.output(), /svarar \(försök \d+\)/);
      assert.doesNotMatch(server.output(), /postgres:\/\/postgres@/, 'adressen skrivs utan användare');
    } finally {
      await server.stop();
    }
  });

  it('kill -9 av servern mitt i lasten (PostgreSQL): inget kvitterat svar går förlorat', async () => {
    const url = await createDatabase(cluster, 'kill9');
    assertNothingLost(await killNine({ DATABASE_URL: url }, () => openDb({ url }), CLIENTS));
  });
});

describe('den inbäddade databasen: kill -9, låst och skadad datakatalog', { timeout: 300_000 }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'samverka-fault-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('kill -9 av servern mitt i lasten (PGlite): inget kvitterat svar går förlorat, låset tas över', async () => {
    const dir = tempDir();
    const v = await killNine({ SAMVERKA_DATA_DIR: dir }, () => openDb({ dataDir: dir }), CLIENTS);
    assertNothingLost(v);
    assert.doesNotMatch(v.output, /används redan/, 'låset från den dödade processen togs över');
  });

  const cli = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['bin/samverka.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('en datakatalog som en annan process har öppen: ett tydligt fel, ingen stackspårning', async () => {
    const dir = tempDir();
    const server = await startServer({ SAMVERKA_DATA_DIR: dir, ...UNLIMITED });
    try {
      const r = cli(['municipalities', 'list'], { SAMVERKA_DATA_DIR: dir });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`används redan av en annan samverka-process \\(pid ${server.child.pid}\\)`));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'ingen stackspårning');
    } finally {
      await server.stop();
    }
    const ok = cli(['municipalities', 'list', '--json'], { SAMVERKA_DATA_DIR: dir });
    assert.equal(ok.status, 0, `efter att servern stoppats öppnas katalogen: ${ok.stderr}`);
  });

  it('en skadad datakatalog: ett tydligt fel som pekar på återställning', async () => {
    const good = tempDir();
    await withDb(() => openDb({ dataDir: good }), async (db) => void (await db.query('SELECT 1')));
    const bad = tempDir();
    cpSync(good, bad, { recursive: true });
    writeFileSync(join(bad, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    const r = cli(['municipalities', 'list'], { SAMVERKA_DATA_DIR: bad });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /Den inbäddade databasen i .* kunde inte öppnas/);
    assert.match(r.stderr, /samverka restore/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'ingen stackspårning');
  });

  it('PostgreSQL som aldrig svarar: en rad per försök, sedan ett läsbart fel och slutkod 1', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const r = cli(['serve', '--no-demo'], { DATABASE_URL: `postgres://postgres:hemligt@127.0.0.1:${port}/x`, SAMVERKA_DB_WAIT_S: '2' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.ok(Date.now() - t0 < 30_000, 'ger upp efter ungefär SAMVERKA_DB_WAIT_S');
    assert.match(r.stderr, new RegExp(`Databasen 127\\.0\\.0\\.1:${port}/x svarar inte \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\); försök 1`));
    assert.match(r.stderr, /Fel: Kunde inte ansluta till databasen .* inom 2 s/);
    assert.doesNotMatch(r.stderr, /hemligt/, 'lösenordet skrivs aldrig ut');
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'ingen stackspårning');
  });
});
