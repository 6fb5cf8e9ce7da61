#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (through tsx), two files at a time: each file has
// its own database (a fresh PGlite or a fresh PostgreSQL schema), its own server on a free port and its
// own clusters, so files do not share state; two keeps both cores of a CI machine busy.
// Any skipped or todo test fails the run: a skipped test is not done.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const filter = process.argv.slice(2);
const files = find('test')
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
process.stdout.write(r.stdout ?? '');
const skipped = /^ℹ (skipped|todo) ([1-9]\d*)/m.exec(r.stdout ?? '');
if (skipped) {
  console.error(`\n${skipped[2]} test(s) marked ${skipped[1]}: the suite counts them as failures.`);
  process.exit(1);
}
process.exit(r.status ?? 1);
