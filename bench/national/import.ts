// National bench, bulk import of responses (issue 15, item 2): the national responses CSV (290
// municipalities × 40 respondents × 60 items, ds.csvFile) imported into a fresh, empty round of the
// same instrument and municipalities, on PostgreSQL (target ≤ 2 × the floor) and on the embedded
// database (target ≤ 60 s), with the importing process's peak memory.
//
// What is measured, per backend (`run(ds)` does one):
// - Import: a child process (bench/national/import-child.ts) opens the database and runs the product's
//   importResponses on the file from disk (streamed CSV, validation, respondents in batches, answers
//   through COPY), in one transaction; its wall time and its own peak RSS (VmHWM) are printed.
// - Memory bounded: the first quarter of the file's rows is imported the same way into another fresh
//   round; the peak RSS of both is printed and the MiB per 1 000 extra rows between them (≈ 0 when
//   memory does not grow with the file).
// - Floor: a plain COPY of the same rows into the same tables (respondents with their ids, then their
//   answers, exactly the rows the import stored, prepared before the clock starts) into a third fresh
//   round, in one transaction in this process (pg-copy-streams on PostgreSQL, COPY FROM '/dev/blob' on
//   PGlite), measured in the same run; the ratio is import / floor.
// The three rounds are deleted afterwards (with their respondents and answers), so the data set is
// left as it was found.
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { copyField } from '../../src/db/db.ts';
import { createRound, setRoundStatus } from '../../src/store/rounds.ts';
import { report } from '../util.ts';
import { openNational, type NationalDataset } from './dataset.ts';

interface ChildResult {
  ms: number;
  rows: number;
  written: number;
  alreadyImported: number;
  errors: unknown[];
  peakRssMiB: number;
}

function importInChild(ds: NationalDataset, roundId: number, file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./import-child.ts', import.meta.url).pathname, JSON.stringify({ url: ds.url, dataDir: ds.dataDir, roundId, file })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`importen avslutades med kod ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
      if (r.errors.length) return reject(new Error(`importen gav fel: ${JSON.stringify(r.errors)}`));
      resolve(r);
    });
  });
}

/** The first `n` data rows of a CSV (with its header) in a new file. */
async function headOfCsv(file: string, n: number, target: string): Promise<void> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file) })) {
    lines.push(line);
    if (lines.length > n) break;
  }
  writeFileSync(target, `${lines.join('\n')}\n`);
}

export async function run(ds: NationalDataset): Promise<void> {
  const label = ds.backend === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const tmp = mkdtempSync(join(tmpdir(), 'samverka-bench-import-'));
  const rounds: number[] = [];
  let db = await openNational(ds);
  try {
    const newRound = async (title: string) => {
      const r = await createRound(db, {
        instrument: ds.instrumentId,
        instrumentVersion: ds.instrumentVersion,
        title: `Benchmark import: ${title}`,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        municipalities: ds.codes,
        associationId: ds.associationId,
      });
      await setRoundStatus(db, r.id, 'open');
      rounds.push(r.id);
      return r.id;
    };
    const importRound = await newRound('hela filen');
    const quarterRound = await newRound('en fjärdedel');
    const floorRound = await newRound('golv (COPY)');
    // PGlite: one process at a time on the directory, so the child imports with this Db closed.
    await db.close();

    const full = await importInChild(ds, importRound, ds.csvFile);
    const quarterFile = join(tmp, 'quarter.csv');
    await headOfCsv(ds.csvFile, Math.floor(full.rows / 4), quarterFile);
    const quarter = await importInChild(ds, quarterRound, quarterFile);

    db = await openNational(ds);
    // The floor's rows: exactly what the import stored, as COPY text, prepared before the clock starts.
    const respondents = (
      await db.query<{ municipality_code: string; respondent_type: string | null; area: string | null; import_ref: string; id: number }>(
        `SELECT id, municipality_code, respondent_type, area, import_ref FROM respondents WHERE round_id = $1 ORDER BY id`,
        [importRound],
      )
    ).rows;
    const ids = (
      await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('respondents', 'id'))::int AS id FROM generate_series(1, $1)`, [respondents.length])
    ).rows.map((r) => r.id);
    const newId = new Map(respondents.map((r, i) => [r.id, ids[i]]));
    const respondentText = respondents
      .map((r) => [newId.get(r.id)!, floorRound, r.municipality_code, 'import', r.respondent_type, r.area, `floor:${r.import_ref}`].map(copyField).join('\t') + '\tnow\tnow\n')
      .join('');
    const answerRows = (
      await db.query<{ respondent_id: number; item_id: string; value: string }>(
        `SELECT a.respondent_id, a.item_id, a.value::text AS value FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.round_id = $1`,
        [importRound],
      )
    ).rows;
    const answerText = answerRows.map((a) => `${newId.get(a.respondent_id)}\t${copyField(a.item_id)}\t${copyField(a.value)}\n`).join('');
    answerRows.length = 0;
    const t = performance.now();
    await db.transaction(async (tx) => {
      await tx.copyFrom('respondents', ['id', 'round_id', 'municipality_code', 'source', 'respondent_type', 'area', 'import_ref', 'started_at', 'completed_at'], respondentText);
      await tx.copyFrom('answers', ['respondent_id', 'item_id', 'value'], answerText);
    });
    const floorMs = performance.now() - t;

    const s = (ms: number) => ms / 1000;
    console.log(`Import av den nationella filen (${label}): ${full.rows} rader, ${full.written} sparade, ${answerText.split('\n').length - 1} svar`);
    report(`import ${label}: nationella filen`, s(full.ms), 's', ds.backend === 'pglite' ? { op: '<=', value: 60 } : undefined);
    report(`import ${label}: golv (COPY av samma rader)`, s(floorMs), 's');
    report(`import ${label}: kvot mot golvet`, full.ms / floorMs, '×', ds.backend === 'postgres' ? { op: '<=', value: 2 } : undefined);
    report(`import ${label}: högsta RSS, hela filen (${full.rows} rader)`, full.peakRssMiB, 'MiB');
    report(`import ${label}: högsta RSS, en fjärdedel (${quarter.rows} rader)`, quarter.peakRssMiB, 'MiB');
    report(`import ${label}: RSS-ökning per 1 000 rader`, ((full.peakRssMiB - quarter.peakRssMiB) / Math.max(1, full.rows - quarter.rows)) * 1000, 'MiB');
  } finally {
    try {
      if (rounds.length) await db.query('DELETE FROM rounds WHERE id = ANY($1::int[])', [rounds]);
    } finally {
      await db.close().catch(() => undefined);
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}
