// Shared benchmark helpers: percentiles, target lines, and peak memory of a process.
import { readFileSync } from 'node:fs';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Peak resident set size (VmHWM) of a process in MiB, from /proc. */
export function peakRssMiB(pid: number = process.pid): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const checked: Array<{ label: string; ok: boolean }> = [];

export function report(label: string, value: number, unit: string, target?: { op: '<=' | '>='; value: number }) {
  const v = Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 0) : String(value);
  let line = `${label.padEnd(48)} ${v.padStart(10)} ${unit}`;
  if (target) {
    const ok = target.op === '<=' ? value <= target.value : value >= target.value;
    line += `   (mål ${target.op} ${target.value} ${unit}: ${ok ? 'uppfyllt' : 'EJ uppfyllt'})`;
    checked.push({ label: label.trim(), ok });
  }
  console.log(line);
}

/** The targets reported so far: how many were met, and the ones that were not. */
export function summary(): void {
  const missed = checked.filter((c) => !c.ok);
  console.log(`\nMål uppfyllda: ${checked.length - missed.length} av ${checked.length}`);
  for (const m of missed) console.log(`  EJ uppfyllt: ${m.label}`);
}
