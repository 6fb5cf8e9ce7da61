// Benchmark "national" (issue 15): national scale — 290 municipalities × 40 respondents × 60 items plus a
// previous round (bench/national/dataset.ts builds the data set once on PostgreSQL and on the embedded
// database and reuses it). Every figure is printed with its target, and a floor measured in the same run
// with the ratio where the issue asks for one. Parts: import, analysis, saves, reports, lighthouse; pick
// some with BENCH_NATIONAL=import,saves. The machine's load is printed first and last: the figures are only
// comparable on a quiet machine.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { nationalDataset, type NationalDataset } from './national/dataset.ts';
import { summary } from './util.ts';

type Part = { run(ds: NationalDataset): Promise<void> };
type Backend = NationalDataset['backend'];

/** Each part and the data sets it runs on (reports and pages are measured on PostgreSQL, the national deployment). */
const parts: Record<string, { load: () => Promise<Part>; on: Backend[] }> = {
  import: { load: () => import('./national/import.ts'), on: ['postgres', 'pglite'] },
  analysis: { load: () => import('./national/analysis.ts'), on: ['postgres', 'pglite'] },
  saves: { load: () => import('./national/saves.ts'), on: ['postgres', 'pglite'] },
  reports: { load: () => import('./national/reports.ts'), on: ['postgres'] },
  lighthouse: { load: () => import('./national/lighthouse.ts'), on: ['postgres'] },
};

const machine = () =>
  `${cpus().length} kärnor, belastning (1/5/15 min) ${loadavg().map((l) => l.toFixed(2)).join(' / ')}, ` +
  `minne ${(freemem() / 2 ** 30).toFixed(1)} av ${(totalmem() / 2 ** 30).toFixed(1)} GiB ledigt`;

export async function run(): Promise<void> {
  const wanted = (process.env.BENCH_NATIONAL ?? '').split(',').filter(Boolean);
  for (const w of wanted) if (!(w in parts)) throw new Error(`Okänd del "${w}" i BENCH_NATIONAL. Välj bland: ${Object.keys(parts).join(', ')}`);
  console.log(`Maskin: ${machine()}`);
  const names = wanted.length ? wanted : Object.keys(parts);
  const sets = new Map<Backend, NationalDataset>();
  for (const b of ['postgres', 'pglite'] as const) if (names.some((n) => parts[n].on.includes(b))) sets.set(b, await nationalDataset(b));
  for (const name of names) {
    const part = await parts[name].load();
    for (const b of parts[name].on) {
      console.log(`\n--- ${name} (${b}) ---`);
      await part.run(sets.get(b)!);
    }
  }
  console.log(`\nMaskin efteråt: ${machine()}`);
  summary();
}
