// Backup and restore across the drivers: the demo database (plus rows with awkward values) is
// backed up from each backend and restored into each backend, and every table is compared row by row.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../src/db/db.ts';
import { loadDemo } from '../src/demo/index.ts';
import { DERIVED_TABLES, TRANSIENT_TABLES } from '../src/domain/backup.ts';
import { BackupError, restoreBackup, writeBackup } from '../src/ops/backup.ts';
import { backends } from './support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'samverka-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every table of the current schema a backup holds (not the derived and transient ones): its rows as jsonb text, sorted. */
async function snapshot(db: Db): Promise<Map<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL TimeZone = 'UTC'`);
    const tables = await tx.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT table_name = ANY ($1::text[])
        ORDER BY table_name`,
      [[...DERIVED_TABLES, ...TRANSIENT_TABLES]],
    );
    const out = new Map<string, string[]>();
    for (const { table_name } of tables.rows) {
      const rows = await tx.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table_name}" t`);
      // Sorted here rather than in SQL: the two servers may collate text differently.
      out.set(table_name, rows.rows.map((r) => r.row).sort());
    }
    return out;
  });
}

function assertSameTables(actual: Map<string, string[]>, expected: Map<string, string[]>) {
  assert.deepEqual([...actual.keys()], [...expected.keys()], 'samma tabeller');
  for (const [name, rows] of expected) {
    const got = actual.get(name)!;
    assert.equal(got.length, rows.length, `antal rader i ${name}`);
    for (let i = 0; i < rows.length; i++) assert.equal(got[i], rows[i], `${name}: rad ${i + 1} skiljer sig`);
  }
}

/** Rows whose values are easy to get wrong: arrays with commas, quotes and NULL, microseconds, big numbers. */
async function addAwkwardRows(db: Db): Promise<void> {
  const instrument = (await db.query<{ id: string; version: string }>('SELECT id, version FROM instruments ORDER BY id, version LIMIT 1')).rows[0];
  await db.query(
    `INSERT INTO rounds (instrument_id, instrument_version, title, period_start, period_end, created_at, respondent_types, introduction, is_demo)
     VALUES ($1, $2, $3, '2026-03-29', '2026-12-31', '2026-03-29 01:59:59.123456+01', $4, NULL, false)`,
    [instrument.id, instrument.version, 'Säkerhetskopia "test"\nrad två \\ 😀', ['a,b', 'citat "x"', null, '{klammer}']],
  );
  await db.query(`INSERT INTO indicator_values (year, indicator, expected, reported, note) VALUES (2099, 'aktorer', 1234567890.12, NULL, '')`);
  await db.query(`INSERT INTO settings (key, value) VALUES ('backup_test', '{"big": 12345678901234567890.123, "list": [1, "två", null, true], "emoji": "😀"}')`);
  await db.query(`INSERT INTO audit_log (action, target, details, at) VALUES ('backup.test', NULL, '{"n": 1}', '2026-01-01T00:00:00.000001Z')`);
}

/** A finished "alla delrapporter" job with a piece of its zip: transient, not in a backup. */
async function addReportJob(db: Db, id: string): Promise<void> {
  await db.query(
    `INSERT INTO report_jobs (id, user_id, round_id, format, status, done, total, file_name, instance, expires_at)
     VALUES ($1, (SELECT min(id) FROM users), (SELECT min(id) FROM rounds), 'pdf', 'done', 1, 1, 'alla.zip', 'test:1', now() + interval '1 hour')`,
    [id],
  );
  await db.query(`INSERT INTO report_job_chunks (job_id, seq, data) VALUES ($1, 0, '\\x504b0304'::bytea)`, [id]);
}

const jobCount = async (db: Db) =>
  (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM report_jobs)::int + (SELECT count(*) FROM report_job_chunks)::int AS n')).rows[0].n;

const files = new Map<string, string>();
const sources = new Map<string, Map<string, string[]>>();
const maxIds = new Map<string, { regions: number; audit: number }>();

for (const source of backends) {
  describe(`Säkerhetskopia från ${source.name}`, () => {
    before(async () => {
      const db = await source.open();
      try {
        await loadDemo(db);
        await addAwkwardRows(db);
        await addReportJob(db, 'kopiajobb0000000000001');
        const file = join(dir, `demo-${source.name}.samverka.gz`);
        const summary = await writeBackup(db, file);
        for (const t of TRANSIENT_TABLES) assert.equal(summary.tables.find((x) => x.name === t), undefined, `${t} inte i kopian`);
        assert.doesNotMatch(gunzipSync(readFileSync(file)).toString('utf8'), /kopiajobb/, 'jobbets rader inte i filen');
        assert.equal(summary.file, file, 'filnamnet');
        assert.equal(summary.bytes, readFileSync(file).length, 'byte i sammanfattningen');
        assert.equal(summary.tables.find((t) => t.name === 'municipalities')?.rows, 50, 'regionens 50 kommuner i kopian');
        assert.equal(summary.database, source.name, 'databastyp');
        files.set(source.name, file);
        sources.set(source.name, await snapshot(db));
        const ids = await db.query<{ regions: number; audit: number }>(
          'SELECT (SELECT max(id) FROM regions)::int AS regions, (SELECT max(id) FROM audit_log)::int AS audit',
        );
        maxIds.set(source.name, ids.rows[0]);
      } finally {
        await db.close();
      }
    });

    it('källan har innehåll i huvudtabellerna, så jämförelsen prövar något', () => {
      const snap = sources.get(source.name)!;
      assert.equal(snap.get('municipalities')!.length, 50, 'regionens 50 kommuner');
      for (const t of ['users', 'instruments', 'rounds', 'respondents', 'answers', 'initiatives', 'qualification_scores', 'settings', 'audit_log'])
        assert.ok(snap.get(t)!.length > 0, `${t} har rader`);
    });

    for (const target of backends) {
      it(`${source.name} → fil → ${target.name}: varje tabell lika rad för rad, sekvenserna fortsätter`, async () => {
        const db = await target.open();
        try {
          const summary = await restoreBackup(db, files.get(source.name)!);
          assert.equal(summary.forced, false, 'utan --force');
          assert.equal(summary.from.database, source.name, 'kopians databastyp');
          assertSameTables(await snapshot(db), sources.get(source.name)!);

          const round = await db.query<{ first: string; third_null: boolean; fourth: string; created: string; title: string }>(
            `SELECT respondent_types[1] AS first, respondent_types[3] IS NULL AS third_null, respondent_types[4] AS fourth,
                    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS created, title
               FROM rounds WHERE title LIKE 'Säkerhetskopia%'`,
          );
          assert.deepEqual(round.rows[0], {
            first: 'a,b',
            third_null: true,
            fourth: '{klammer}',
            created: '2026-03-29 00:59:59.123456',
            title: 'Säkerhetskopia "test"\nrad två \\ 😀',
          });
          const values = await db.query<{ expected: string; reported: string | null; big: string; emoji: string }>(
            `SELECT i.expected::text AS expected, i.reported::text AS reported, s.value->'big' #>> '{}' AS big, s.value->>'emoji' AS emoji
               FROM indicator_values i, settings s WHERE i.year = 2099 AND s.key = 'backup_test'`,
          );
          assert.deepEqual(values.rows[0], { expected: '1234567890.12', reported: null, big: '12345678901234567890.123', emoji: '😀' });

          const ids = maxIds.get(source.name)!;
          const region = await db.query<{ id: number }>(`INSERT INTO regions (name) VALUES ('Ny region efter återställning') RETURNING id`);
          assert.equal(region.rows[0].id, ids.regions + 1, 'regions-sekvensen fortsätter efter största id');
          const audit = await db.query<{ id: number }>(`INSERT INTO audit_log (action) VALUES ('efter') RETURNING id::int AS id`);
          assert.equal(audit.rows[0].id, ids.audit + 1, 'audit_log-sekvensen (bigserial) fortsätter efter största id');
        } finally {
          await db.close();
        }
      });
    }

    it(`vägrar en databas som inte är tom, ersätter allt med force och lämnar databasen orörd vid fel (${source.name})`, async () => {
      const db = await source.open();
      try {
        await restoreBackup(db, files.get(source.name)!);
        await db.query(`INSERT INTO regions (name) VALUES ('Tillagd efteråt')`);
        await assert.rejects(
          restoreBackup(db, files.get(source.name)!),
          (e: Error) => e instanceof BackupError && /Databasen är inte tom \(rader finns i actors, answers, .*--force/.test(e.message),
        );
        assert.equal((await db.query(`SELECT 1 FROM regions WHERE name = 'Tillagd efteråt'`)).rows.length, 1, 'inget ändrat efter vägran');

        // A truncated file fails half-way through the rows: the transaction leaves everything as it was.
        const bytes = readFileSync(files.get(source.name)!);
        const truncated = join(dir, `truncated-${source.name}.gz`);
        writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        await assert.rejects(restoreBackup(db, truncated, { force: true }), /skadad eller ofullständig/);
        assert.equal((await db.query(`SELECT 1 FROM regions WHERE name = 'Tillagd efteråt'`)).rows.length, 1, 'inget ändrat efter ett misslyckat --force');

        // A job of the database being replaced points at its accounts and rounds: the restore empties the jobs.
        await addReportJob(db, 'ersattjobb000000000001');
        const summary = await restoreBackup(db, files.get(source.name)!, { force: true });
        assert.equal(summary.forced, true, 'med --force');
        assertSameTables(await snapshot(db), sources.get(source.name)!);
        assert.equal(await jobCount(db), 0, 'inga jobb efter återställningen');
      } finally {
        await db.close();
      }
    });

    it(`vägrar andra migreringar och trasiga filer med svenska meddelanden (${source.name})`, async () => {
      const db = await source.open();
      try {
        const file = files.get(source.name)!;
        // A new database holds only the reference data of its migrations (the region and its municipalities).
        const untouched = await snapshot(db);
        await db.query(`DELETE FROM schema_migrations WHERE name = '011_source_citations.sql'`);
        await assert.rejects(restoreBackup(db, file), /nyare databasstruktur: databasen saknar migreringarna 011_source_citations\.sql/);
        await db.query(`INSERT INTO schema_migrations (name) VALUES ('011_source_citations.sql'), ('999_framtid.sql')`);
        await assert.rejects(restoreBackup(db, file), /äldre databasstruktur: den saknar migreringarna 999_framtid\.sql/);
        await db.query(`DELETE FROM schema_migrations WHERE name = '999_framtid.sql'`);

        const plain = join(dir, `plain-${source.name}.txt`);
        writeFileSync(plain, 'inte en säkerhetskopia');
        await assert.rejects(restoreBackup(db, plain), /inte en säkerhetskopia från samverka \(inte gzip-komprimerad\)/);
        const json = join(dir, `json-${source.name}.gz`);
        writeFileSync(json, gzipSync('{"hej": 1}\n'));
        await assert.rejects(restoreBackup(db, json), /inte en säkerhetskopia från samverka \(huvudet saknas\)/);
        const empty = join(dir, `empty-${source.name}.gz`);
        writeFileSync(empty, gzipSync(''));
        await assert.rejects(restoreBackup(db, empty), /är tom/);
        await assert.rejects(restoreBackup(db, join(dir, 'finns-inte.gz')), (e: Error) => e instanceof BackupError && /filen finns inte/.test(e.message));

        // A header that promises more rows than the file holds.
        const [head, ...rest] = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
        const h = JSON.parse(head);
        h.tables.find((t: { name: string }) => t.name === 'regions').rows = 5;
        const lying = join(dir, `lying-${source.name}.gz`);
        writeFileSync(lying, gzipSync([JSON.stringify(h), ...rest].join('\n')));
        await assert.rejects(restoreBackup(db, lying), /tabellen regions har 1 rader, huvudet säger 5/);
        assertSameTables(await snapshot(db), untouched);
        assert.equal((await db.query('SELECT 1 FROM rounds')).rows.length, 0, 'inga mätomgångar skrevs');

        // An older backup held the report jobs and their zips: it is restored, the jobs are read past.
        const older = JSON.parse(head);
        const jobs = { name: 'report_jobs', columns: [{ name: 'id', type: 'text' }, { name: 'file_name', type: 'text' }], rows: 1 };
        const chunks = { name: 'report_job_chunks', columns: [{ name: 'job_id', type: 'text' }, { name: 'seq', type: 'integer' }, { name: 'data', type: 'bytea' }], rows: 2 };
        older.tables.push(jobs, chunks);
        const body = rest.filter((l) => l && !l.startsWith('{"kind":"end"'));
        const end = JSON.parse(rest.find((l) => l.startsWith('{"kind":"end"'))!);
        const withJobs = join(dir, `with-jobs-${source.name}.gz`);
        writeFileSync(
          withJobs,
          gzipSync(
            [
              JSON.stringify(older),
              ...body,
              '{"kind":"table","name":"report_jobs"}',
              '["gammaltjobb","alla.zip"]',
              '{"kind":"table","name":"report_job_chunks"}',
              '["gammaltjobb","0","\\\\x504b"]',
              '["gammaltjobb","1","\\\\x0304"]',
              JSON.stringify({ ...end, tables: end.tables + 2, rows: end.rows + 3 }),
              '',
            ].join('\n'),
          ),
        );
        const restored = await restoreBackup(db, withJobs);
        assert.deepEqual(restored.tables.map((t) => t.name), h.tables.map((t: { name: string }) => t.name), 'jobbtabellerna inte i sammanfattningen');
        assertSameTables(await snapshot(db), sources.get(source.name)!);
        assert.equal(await jobCount(db), 0, 'den äldre kopians jobb hoppades över');
      } finally {
        await db.close();
      }
    });
  });
}
