// Benchmark "reports" (issue 5): time and peak memory for one delrapport as PDF, DOCX and XLSX and for
// all 14 delrapporter of a round as PDF in one zip (and, for comparison, the regional report as PDF).
//
// Data: a closed round of the built-in "digital mognad" instrument (26 questions, radar, quadrant) for
// Fyrbodal's 14 municipalities × 8 respondents, every question answered (synthesised, fixed seed), in
// the embedded database (PGlite, the default installation) in a temporary data folder. The demo's 2024
// survey also gives 14 delrapporter, but with 2–4 respondents each and one municipality without answers;
// the benchmark makes a fuller round so that every report has all its sections.
//
// Every measurement runs in its own child process so that its peak RSS (VmHWM) is its own: the process
// opens the database, then the clock starts (cold: nothing cached), loads the round, builds the model and
// renders. Reported: wall time of that part, peak RSS of the process and the RSS before the task (the
// database engine's share). Targets: one PDF ≤ 5 s, all 14 ≤ 60 s.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadBuiltInInstruments } from '../src/domain/instruments/catalog.ts';
import { FYRBODAL } from '../src/domain/organisation.ts';
import { loadDemoOrganisation } from '../src/demo/organisation.ts';
import { syncBuiltInInstruments } from '../src/store/instruments.ts';
import { createRound, setRoundStatus } from '../src/store/rounds.ts';
import { peakRssMiB, report } from './util.ts';

const RESPONDENTS = 8;
const CODE = '1461';

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function prepare(dataDir: string): Promise<number> {
  const db = await openDb({ dataDir });
  await migrate(db);
  await loadDemoOrganisation(db);
  const instruments = await loadBuiltInInstruments();
  await db.transaction((tx) => syncBuiltInInstruments(tx, instruments));
  const ins = instruments.find((i) => i.id === 'digital-mognad')!;
  const round = await createRound(db, {
    instrument: ins.id,
    instrumentVersion: ins.version,
    title: 'Benchmark: digital mognad, 14 kommuner',
    periodStart: '2025-03-01',
    periodEnd: '2025-04-30',
    municipalities: FYRBODAL.map((m) => m.code),
  });
  const r = rng(20250501);
  const types = ins.respondentTypes.map((t) => t.id);
  const codes = ins.scales[0].options.map((o) => o.code);
  await db.transaction(async (tx) => {
    for (const [mi, m] of FYRBODAL.entries()) {
      const level = 1 + (mi % 5);
      for (let k = 0; k < RESPONDENTS; k++) {
        const { rows } = await tx.query<{ id: number }>(
          `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, started_at, completed_at)
           VALUES ($1, $2, 'link', $3, now(), now()) RETURNING id`,
          [round.id, m.code, types[k % types.length]],
        );
        const values: string[] = [];
        const params: unknown[] = [rows[0].id];
        for (const item of ins.items) {
          const x = r();
          const code = x < 0.05 ? 'vet_ej' : codes[Math.max(0, Math.min(6, Math.round(level + (r() - 0.5) * 4)))];
          params.push(item.id, JSON.stringify(code));
          values.push(`($1, $${params.length - 1}, $${params.length}::text::jsonb)`);
        }
        await tx.query(`INSERT INTO answers (respondent_id, item_id, value) VALUES ${values.join(', ')}`, params);
      }
    }
  });
  await setRoundStatus(db, round.id, 'open');
  await setRoundStatus(db, round.id, 'closed');
  await db.close();
  return round.id;
}

/** Child process: opens the database, runs one task, prints {ms, peak, base} as JSON. */
async function worker(dataDir: string, roundId: number, task: string, outDir: string) {
  const { writeFile } = await import('node:fs/promises');
  const { delrapportModel, loadRoundReportData, renderModel } = await import('../src/reports/service.ts');
  const { writeDelrapportZip } = await import('../src/reports/batch.ts');
  const db = await openDb({ dataDir });
  const base = Number(/VmRSS:\s+(\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  const t = performance.now();
  let file: string;
  if (task === 'all-pdf') {
    file = join(outDir, 'alla.zip');
    await writeDelrapportZip(db, roundId, { format: 'pdf', outFile: file });
  } else if (task === 'regional-pdf') {
    const { regionalModel } = await import('../src/reports/service.ts');
    file = join(outDir, 'regional.pdf');
    await writeFile(file, await renderModel(regionalModel(await loadRoundReportData(db, roundId)), 'pdf'));
  } else {
    const model = delrapportModel(await loadRoundReportData(db, roundId), CODE);
    const body = await renderModel(model, task as 'pdf' | 'docx' | 'xlsx');
    file = join(outDir, `mellerud.${task}`);
    await writeFile(file, body);
  }
  const ms = performance.now() - t;
  await db.close();
  process.stdout.write(JSON.stringify({ ms, peak: peakRssMiB(), base, bytes: statSync(file).size }) + '\n');
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-bench-rapporter-'));
  try {
    const dataDir = join(dir, 'data');
    const t0 = performance.now();
    const roundId = await prepare(dataDir);
    console.log(`Underlag: 14 kommuner × ${RESPONDENTS} svarande × 26 frågor (PGlite), skapat på ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const exec = promisify(execFile);
    const self = new URL(import.meta.url).pathname;
    const tasks: Array<{ task: string; label: string; target?: number }> = [
      { task: 'pdf', label: 'En delrapport, PDF', target: 5 },
      { task: 'docx', label: 'En delrapport, DOCX' },
      { task: 'xlsx', label: 'En delrapport, XLSX' },
      { task: 'all-pdf', label: 'Alla 14 delrapporter, PDF (zip)', target: 60 },
      { task: 'regional-pdf', label: 'Regional rapport, PDF' },
    ];
    for (const t of tasks) {
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', self, '--worker', dataDir, String(roundId), t.task, dir], {
        maxBuffer: 1024 * 1024,
      });
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; peak: number; base: number; bytes: number };
      report(`${t.label}: tid`, r.ms / 1000, 's', t.target ? { op: '<=', value: t.target } : undefined);
      report(`${t.label}: topp-RSS (varav före uppgiften)`, r.peak, `MiB (${r.base.toFixed(0)} MiB)`);
      report(`${t.label}: filstorlek`, r.bytes / 1024, 'KiB');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') {
  const [, , , dataDir, roundId, task, outDir] = process.argv;
  await worker(dataDir, Number(roundId), task, outDir);
}
