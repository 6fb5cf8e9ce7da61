#!/usr/bin/env node
// Runs every test/**/*.test.ts (or those whose path contains one of the arguments) with Node's test runner
// through tsx, two files at a time: each file has its own database (a fresh PGlite or a fresh PostgreSQL
// schema), its own server on a free port and its own clusters, so files do not share state; two keeps both
// cores of a CI machine busy. Each file runs in a process of its own from a pool of two, the longest first
// (Node's own runner sorts the files by name, so a long file that sorts late would run alone at the end):
// the order comes from the times of the last run on this machine (test-results/test-times.json) or, on a
// fresh checkout, from SLOW_FIRST below. A file's output (spec reporter) is printed whole when it ends, then
// the counts over all files. The run fails if a file fails, ends without its summary, or has a skipped or
// todo test (a skipped test is not done).
// First it builds what the tests run that is out of date (scripts/build-lib.mjs): the compiled CLI that
// test/support/cli.ts runs, and the web app when a browser test is among the files.
//   TEST_WORKERS=n changes the pool's size.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from './build-lib.mjs';

// The longest files on CI (minutes each: every page in Chromium, many CLI processes, the fuzzer, clusters),
// longest first; used for files this machine has no time for yet.
const SLOW_FIRST = [
  'routes-web',
  'initiatives',
  'fuzz',
  'association-scope-portfolio',
  'measure-association-cli',
  'import',
  'cli',
  'faults',
  'region',
  'initiatives-web',
  'backup-cli',
  'instrument-library-cli',
  'analysis-cli',
  'a11y-web',
];
const TIMES_FILE = 'test-results/test-times.json';
const WORKERS = Math.max(1, Number(process.env.TEST_WORKERS) || 2);
const COUNTS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];

function find(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

function readTimes() {
  try {
    return JSON.parse(readFileSync(TIMES_FILE, 'utf8'));
  } catch {
    return {};
  }
}

/** Seconds the file is expected to take: last run's time, else a rank in SLOW_FIRST, else a short file. */
function expected(file, times) {
  if (typeof times[file] === 'number') return times[file];
  const i = SLOW_FIRST.findIndex((x) => file.endsWith(`/${x}.test.ts`));
  return i === -1 ? 10 : 1000 - i;
}

const filter = process.argv.slice(2);
const times = readTimes();
const files = find('test')
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort((a, b) => expected(b, times) - expected(a, times) || a.localeCompare(b));
if (files.length === 0) {
  console.error(`Inga testfiler matchar ${filter.join(' ')}`);
  process.exit(1);
}

const needsWeb = files.some((f) => /support\/browser|support\/web-bundle|WEB_DIR|dist\/web/.test(readFileSync(f, 'utf8')));
await ensureBuilt({ server: true, web: needsWeb, log: (line) => console.log(line) });

const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    for (const c of children) c.kill(signal);
    process.exit(130);
  });

/** Runs one file; resolves with its output, exit code and seconds. */
function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ file, code: code ?? 1, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The last "ℹ <name> <n>" of the spec reporter's summary, or null if the output has none. */
function count(output, name) {
  const all = [...output.matchAll(new RegExp(`^ℹ ${name} (\\d+)$`, 'gm'))];
  return all.length ? Number(all[all.length - 1][1]) : null;
}

const started = Date.now();
const totals = Object.fromEntries(COUNTS.map((c) => [c, 0]));
const failedFiles = [];
const queue = [...files];
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const r = await runFile(file);
    times[file] = Math.round(r.seconds);
    process.stdout.write(`\n━━ ${file} (${r.seconds.toFixed(1)} s)\n${r.stdout}`);
    if (r.stderr) process.stderr.write(r.stderr);
    const missing = COUNTS.filter((c) => count(r.stdout, c) === null);
    for (const c of COUNTS) totals[c] += count(r.stdout, c) ?? 0;
    if (r.code !== 0 || missing.length) {
      const failing = r.stdout.split(/^✖ failing tests:$/m)[1]?.trim();
      failedFiles.push(
        `━━ ${file}: ${r.signal ? `stoppad av ${r.signal}` : `slutkod ${r.code}`}${missing.length ? ', ingen sammanfattning' : ''}${failing ? `\n${failing}` : ''}`,
      );
    }
  }
}
await Promise.all(Array.from({ length: Math.min(WORKERS, files.length) }, worker));

try {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(TIMES_FILE, JSON.stringify({ ...readTimes(), ...times }, null, 2) + '\n');
} catch {
  // the times only order the next run
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`\nAlla filer (${files.length}, ${Math.min(WORKERS, files.length)} åt gången):\n`);
for (const c of COUNTS) process.stdout.write(`ℹ ${c} ${totals[c]}\n`);
process.stdout.write(`ℹ duration_ms ${Math.round(Number(seconds) * 1000)}\n`);
let failed = failedFiles.length > 0 || totals.fail > 0 || totals.cancelled > 0;
if (failedFiles.length) console.error(`\n${failedFiles.length} testfil(er) misslyckades:\n${failedFiles.join('\n')}`);
for (const c of ['skipped', 'todo'])
  if (totals[c] > 0) {
    console.error(`\n${totals[c]} test(s) marked ${c}: the suite counts them as failures.`);
    failed = true;
  }
process.exit(failed ? 1 : 0);
