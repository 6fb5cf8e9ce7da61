// National bench, delrapporter (issue 15, item 6): one delrapport PDF of the national round (290
// municipalities × 40 respondents × 60 questions; target ≤ 1 s) and all 290 as PDF in one zip (target
// ≤ 60 s) with progress, memory flat (no per-report growth), on the data set of `ds`.
//
// Each part runs in a child process of its own, so that its peak RSS (VmHWM) is its own:
// - One delrapport: the round's report data is loaded once (analysis context, sample, names; reported
//   apart, since a batch and the server load it once per round), then the model of one municipality is
//   built and rendered to PDF, for REPEAT municipalities in turn; the median is the figure. Floor: the
//   same model's text written with pdfkit as plain text (the same pages of words, no layout of tables,
//   no charts), i.e. what producing that much PDF costs at the least.
// - All 290: writeDelrapportZip (the CLI's and the job's renderer: each model built and rendered to PDF
//   in the worker-thread pool of render-pool.ts, the zip written to a file here), timed from the loaded data to
//   the complete zip, with a progress line every 29 reports. After each report the process's RSS
//   (worker threads included) is sampled: the slope (least squares over reports 30–290, after the
//   warm-up) in MiB per report shows growth; flat means ≤ 0.1 MiB/report (29 MiB over the batch). Floor:
//   290 × the single report's median ÷ the number of workers, the batch's time if the pool cost nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import type { ReportModel } from '../../src/domain/reports/model.ts';
import { modelTexts } from '../../src/domain/reports/model.ts';
import { peakRssMiB, report } from '../util.ts';
import { openNational, type NationalDataset } from './dataset.ts';

const REPEAT = 7;

const rssMiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The model's text as plain pdfkit paragraphs: the floor of a PDF with that much text. */
function plainPdf(model: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 64, bottom: 60, left: 56, right: 56 } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(9);
  for (const t of modelTexts(model)) doc.text(t.replace(/[^\x20-\xff\n]/g, '?'));
  doc.end();
  return done;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

/** Child process: one part, the result as one JSON line on stdout. */
async function child(ds: NationalDataset, task: 'one' | 'all', outDir: string) {
  const { delrapportModel, loadRoundReportData, renderModel } = await import('../../src/reports/service.ts');
  const { writeDelrapportZip } = await import('../../src/reports/batch.ts');
  const db = await openNational(ds);
  try {
    const base = rssMiB();
    let t = performance.now();
    const data = await loadRoundReportData(db, ds.currentRoundId);
    const loadMs = performance.now() - t;
    if (task === 'one') {
      const times: number[] = [];
      const cpu: number[] = [];
      const floors: number[] = [];
      let bytes = 0;
      let pages = 0;
      for (let i = 0; i < REPEAT; i++) {
        const code = ds.codes[(i * 41) % ds.codes.length];
        t = performance.now();
        const c0 = process.cpuUsage();
        const model = delrapportModel(data, code);
        const body = await renderModel(model, 'pdf');
        times.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        bytes = body.length;
        pages = (body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
        t = performance.now();
        await plainPdf(model);
        floors.push(performance.now() - t);
      }
      process.stdout.write(JSON.stringify({ loadMs, times, cpu, floors, bytes, pages, peak: peakRssMiB(), base }) + '\n');
    } else {
      const file = join(outDir, 'alla.zip');
      const rss: number[] = [];
      t = performance.now();
      const c0 = process.cpuUsage();
      const r = await writeDelrapportZip(db, ds.currentRoundId, {
        format: 'pdf',
        outFile: file,
        data,
        onProgress: (p) => {
          if (p.done > 0) rss.push(rssMiB());
          if (p.done % 29 === 0 || p.done === p.total)
            process.stderr.write(`  delrapporter: ${p.done} av ${p.total} (${((performance.now() - t) / 1000).toFixed(1)} s, RSS ${rssMiB().toFixed(0)} MiB)\n`);
        },
      });
      const ms = performance.now() - t;
      const c = process.cpuUsage(c0);
      process.stdout.write(JSON.stringify({ loadMs, ms, cpuMs: (c.user + c.system) / 1000, files: r.files.length, bytes: statSync(file).size, rss, peak: peakRssMiB(), base }) + '\n');
    }
  } finally {
    await db.close();
  }
}

export async function run(ds: NationalDataset): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-bench-delrapporter-'));
  const exec = promisify(execFile);
  const self = new URL(import.meta.url).pathname;
  const part = async (task: 'one' | 'all') => {
    const p = exec(process.execPath, ['--import', 'tsx', self, '--child', JSON.stringify(ds), task, dir], { maxBuffer: 16 * 1024 * 1024 });
    p.child.stderr?.pipe(process.stderr);
    const { stdout } = await p;
    return JSON.parse(stdout.trim().split('\n').pop()!);
  };
  try {
    console.log(`Delrapporter (${ds.backend}): ${ds.codes.length} kommuner; belastning före: ${loadavg()[0].toFixed(1)} på ${availableParallelism()} kärnor`);
    const one = await part('one');
    const med = median(one.times) / 1000;
    const floor = median(one.floors) / 1000;
    report('Rapportunderlaget för omgången (en gång)', one.loadMs / 1000, 's');
    report('En delrapport, PDF (median av 7)', med, 's', { op: '<=', value: 1 });
    report('  CPU-tid (median; oberoende av andras last)', median(one.cpu) / 1000, 's');
    report('  golv: samma text som enkel PDF (pdfkit)', floor, 's');
    report('  kvot mot golvet', med / floor, '×');
    report('  sidor / filstorlek', one.pages, `sidor, ${(one.bytes / 1024).toFixed(0)} KiB`);
    report('  topp-RSS (varav före)', one.peak, `MiB (${one.base.toFixed(0)} MiB)`);

    const all = await part('all');
    const workers = Math.max(1, Math.min(2, availableParallelism()));
    const ideal = (ds.codes.length * med) / workers;
    const rss = all.rss as number[];
    const from = Math.min(29, rss.length - 2);
    const xs = rss.slice(from).map((_, i) => from + i + 1);
    const growth = slope(xs, rss.slice(from));
    report(`Alla ${all.files} delrapporter, PDF i en zip`, all.ms / 1000, 's', { op: '<=', value: 60 });
    report('  CPU-tid per rapport (alla trådar)', all.cpuMs / 1000 / all.files, 's');
    report(`  golv: ${ds.codes.length} × en delrapport ÷ ${workers} arbetare`, ideal, 's');
    report('  kvot mot golvet', all.ms / 1000 / ideal, '×');
    report('  minnestillväxt per rapport (rapport 30–290)', growth, 'MiB/rapport', { op: '<=', value: 0.1 });
    report('  RSS efter rapport 30 / sista', rss[from] ?? NaN, `MiB / ${(rss[rss.length - 1] ?? NaN).toFixed(0)} MiB`);
    report('  topp-RSS (varav före)', all.peak, `MiB (${all.base.toFixed(0)} MiB)`);
    report('  zip-filens storlek', all.bytes / 1024 / 1024, 'MiB');
    console.log(`  belastning efter: ${loadavg()[0].toFixed(1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , ds, task, outDir] = process.argv;
  await child(JSON.parse(ds) as NationalDataset, task as 'one' | 'all', outDir);
}
