// What counts as a lost database (src/db/availability.ts), the start back-off, the embedded data
// directory's lock, and migrations under an advisory lock (two instances starting at once).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import pg from 'pg';
import { DbStartError, DbUnavailableError, describeDbError, isBrokenConnection, isConnectionError, startRetryDelayMs } from '../src/db/availability.ts';
import { acquireDataDirLock, LOCK_FILE } from '../src/db/data-dir-lock.ts';
import { openDb } from '../src/db/db.ts';
import { migrate, migrationFiles } from '../src/db/migrate.ts';
import { describeUrl } from '../src/runtime.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('förlorad databasanslutning', () => {
  it('anslutningsfel känns igen på SQLSTATE, felkod och node-postgres meddelanden', () => {
    for (const e of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('ECONNREFUSED')], ''),
      new DbUnavailableError(new Error('x')),
    ])
      assert.equal(isConnectionError(e), true, `${(e as Error).message || (e as { code?: string }).code}`);
  });

  it('fel i själva satsen är inte anslutningsfel', () => {
    for (const e of [withCode('23505', 'duplicate key'), withCode('22P02'), withCode('42P01', 'relation does not exist'), new Error('boom'), 'text', undefined])
      assert.equal(isConnectionError(e), false, String(e));
  });

  it('en öppen anslutning som bröts skiljs från en som inte kunde öppnas (den första loggas, den andra blir 503)', () => {
    for (const e of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P02', 'terminating connection due to crash of another server process'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new DbUnavailableError(withCode('57P01')),
    ])
      assert.equal(isBrokenConnection(e), true, `${(e as Error).message || (e as { code?: string }).code}`);
    for (const e of [withCode('ECONNREFUSED'), withCode('57P03', 'the database system is starting up'), new Error('timeout exceeded when trying to connect'), withCode('23505'), undefined])
      assert.equal(isBrokenConnection(e), false, String(e));
  });

  it('beskrivningen för driftpersonalen har koden och första raden', () => {
    assert.equal(describeDbError(withCode('57P01', 'terminating connection due to administrator command')), '57P01: terminating connection due to administrator command');
    assert.equal(describeDbError(new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')], '')), 'connect ECONNREFUSED 127.0.0.1:1');
    assert.equal(describeDbError(withCode('ECONNREFUSED', '')), 'ECONNREFUSED');
  });

  it('adressen visas utan användare och lösenord', () => {
    assert.equal(describeUrl('postgres://samverka:hemligt@db.example.se:6432/samverka'), 'db.example.se:6432/samverka');
    assert.equal(describeUrl('postgres://db/x'), 'db:5432/x');
  });
});

describe('väntan på databasen vid start', () => {
  it('0,5 s, 1 s, 2 s, 4 s, sedan 5 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 12].map((a) => startRetryDelayMs(a, 60_000)), [500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
  it('väntar aldrig förbi tidsgränsen och aldrig en negativ tid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -10_000, max: 100_000 }), (attempt, left) => {
        const d = startRetryDelayMs(attempt, left);
        return d >= 0 && d <= Math.max(0, left) && d <= 5000;
      }),
    );
  });
});

describe('datakatalogens lås', () => {
  it('en levande process håller låset; ett lås från en död process tas över; släpps vid stängning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverka-lock-'));
    try {
      // Held by a live process other than this one (this test's parent, for instance).
      writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
      assert.throws(() => acquireDataDirLock(dir), (e) => e instanceof DbStartError && e.message.includes(`pid ${process.ppid}`));
      // Left by a process that no longer runs: taken over.
      writeFileSync(join(dir, LOCK_FILE), '2147483646\n');
      const release = acquireDataDirLock(dir);
      assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').trim(), String(process.pid));
      release();
      assert.throws(() => readFileSync(join(dir, LOCK_FILE)), /ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const url = process.env.TEST_DATABASE_URL;
describe('migreringar under ett rådgivande lås', () => {
  it('två instanser som startar samtidigt: båda lyckas, varje migrering körs en gång', async () => {
    if (!url) {
      // Without PostgreSQL only the embedded database runs the migrations, twice in a row.
      const db = await openDb({});
      try {
        assert.equal((await migrate(db)).length, (await migrationFiles()).length);
        assert.deepEqual(await migrate(db), []);
      } finally {
        await db.close();
      }
      return;
    }
    const schema = `t_mig_${process.pid}`;
    const a = await openDb({ url, schema });
    const b = await openDb({ url, schema });
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      const files = await migrationFiles();
      assert.equal(ra.length + rb.length, files.length, `varje migrering tillämpades en gång (${ra.length} + ${rb.length})`);
      assert.ok(ra.length === 0 || rb.length === 0, 'den ena instansen fann allt redan gjort');
      const { rows } = await a.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      assert.deepEqual(rows.map((r) => r.name), files);
    } finally {
      await a.close();
      await b.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  });
});
