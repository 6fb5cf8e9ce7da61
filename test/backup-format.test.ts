import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BackupFormatError,
  migrationProblem,
  nonEmptyTables,
  parseHeader,
  parseLine,
  restoreOrder,
  schemaProblems,
  tablesSeededBy,
} from '../src/domain/backup.ts';

const header = {
  kind: 'header',
  format: 'samverka-backup',
  formatVersion: 1,
  samverkaVersion: '0.1.0',
  createdAt: '2026-12-01T02:00:00.000Z',
  database: 'postgres',
  migrations: ['001_foundation.sql'],
  tables: [{ name: 'regions', columns: [{ name: 'id', type: 'integer' }], rows: 1 }],
};

describe('Säkerhetskopians format', () => {
  it('restoreOrder lägger refererade tabeller före de som refererar, alfabetiskt bland de lediga', () => {
    const order = restoreOrder(
      ['respondents', 'answers', 'rounds', 'regions', 'municipalities', 'users'],
      [
        { child: 'answers', parent: 'respondents' },
        { child: 'respondents', parent: 'rounds' },
        { child: 'respondents', parent: 'municipalities' },
        { child: 'rounds', parent: 'users' },
        { child: 'municipalities', parent: 'regions' },
        { child: 'users', parent: 'users' },
        { child: 'rounds', parent: 'elsewhere' },
      ],
    );
    assert.deepEqual(order, ['regions', 'users', 'municipalities', 'rounds', 'respondents', 'answers']);
  });

  it('restoreOrder vägrar en cirkel mellan tabeller och namnger dem', () => {
    assert.throws(
      () => restoreOrder(['a', 'b', 'c'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }]),
      /cirkel.*a, b$/,
    );
  });

  it('tablesSeededBy hittar tabeller som migreringar fyller, inte kommentarer eller funktionskroppar', () => {
    const sql = `-- INSERT INTO commented (x) VALUES (1);
CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ INSERT INTO in_body (x) VALUES (1) $$;
CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO in_tagged_body (x) VALUES (1);
END $fn$;
CREATE TABLE q (id text);
INSERT INTO qualification_criteria (id) VALUES ('a');
insert into public."Quoted" (id) VALUES (1);
UPDATE other SET x = 1;`;
    assert.deepEqual(tablesSeededBy(sql), ['Quoted', 'qualification_criteria']);
  });

  it('migrationProblem förklarar en nyare och en äldre kopia, och godtar samma migreringar i annan ordning', () => {
    assert.equal(migrationProblem(['001.sql', '002.sql'], ['002.sql', '001.sql']), null);
    assert.match(migrationProblem(['001.sql', '002.sql'], ['001.sql'])!, /nyare databasstruktur: databasen saknar migreringarna 002\.sql/);
    assert.match(migrationProblem(['001.sql'], ['001.sql', '003.sql'])!, /äldre databasstruktur: den saknar migreringarna 003\.sql/);
  });

  it('schemaProblems listar saknade tabeller och kolumner och olika typer', () => {
    const dump = [
      { name: 'a', columns: [{ name: 'id', type: 'integer' }, { name: 'x', type: 'text' }] },
      { name: 'gone', columns: [{ name: 'id', type: 'integer' }] },
    ];
    const target = [
      { name: 'a', columns: [{ name: 'id', type: 'bigint' }, { name: 'y', type: 'text' }] },
      { name: 'new', columns: [{ name: 'id', type: 'integer' }] },
    ];
    assert.deepEqual(schemaProblems(dump, target), [
      'kolumnen a.id har typen bigint i databasen men integer i kopian',
      'kolumnen a.x finns inte i databasen',
      'kolumnen a.y saknas i kopian',
      'tabellen gone finns inte i databasen',
      'tabellen new saknas i kopian',
    ]);
    assert.deepEqual(schemaProblems(dump.slice(0, 1), dump.slice(0, 1)), []);
    // An older backup's batch jobs (transient, no longer backed up) are no mismatch.
    assert.deepEqual(schemaProblems([...dump.slice(0, 1), { name: 'report_job_chunks', columns: [{ name: 'seq', type: 'integer' }] }], dump.slice(0, 1)), []);
  });

  it('nonEmptyTables bortser från schema_migrations och från tabeller som migreringarna fyller', () => {
    const counts = [
      { name: 'schema_migrations', rows: 7 },
      { name: 'qualification_criteria', rows: 7 },
      { name: 'users', rows: 0 },
      { name: 'settings', rows: 1 },
    ];
    assert.deepEqual(nonEmptyTables(counts, ['qualification_criteria']), ['settings']);
    assert.deepEqual(nonEmptyTables(counts.slice(0, 3), ['qualification_criteria']), []);
  });

  it('parseHeader godtar ett giltigt huvud och ger svenska fel för fel format, fel version och skadade fält', () => {
    assert.equal(parseHeader(header).tables[0].name, 'regions');
    assert.throws(() => parseHeader({ hello: 1 }), (e: Error) => e instanceof BackupFormatError && /inte en säkerhetskopia från samverka/.test(e.message));
    assert.throws(() => parseHeader({ ...header, formatVersion: 2 }), /formatversion 2; den här versionen av samverka läser version 1/);
    assert.throws(() => parseHeader({ ...header, database: 'mysql' }), /huvud är skadat \(fältet database\)/);
    assert.throws(() => parseHeader({ ...header, tables: [{ name: 'x', columns: [], rows: 0 }] }), /fältet tables\.0\.columns/);
  });

  it('parseLine skiljer rader, tabellmarkeringar och slutmarkering och ger radnummer i fel', () => {
    assert.deepEqual(parseLine('["1",null,"a\\nb"]', 3), ['1', null, 'a\nb']);
    assert.deepEqual(parseLine('{"kind":"table","name":"users"}', 4), { kind: 'table', name: 'users' });
    assert.deepEqual(parseLine('{"kind":"end","tables":2,"rows":5}', 5), { kind: 'end', tables: 2, rows: 5 });
    assert.throws(() => parseLine('["1",', 6), /rad 6 är inte giltig JSON/);
    assert.throws(() => parseLine('[1]', 7), /rad 7 har ett värde som inte är text/);
    assert.throws(() => parseLine('{"kind":"other"}', 8), /rad 8 går inte att tolka/);
  });
});
