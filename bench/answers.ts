// Benchmark "answers" (issue 3): answer-save throughput and latency with 50 concurrent respondents,
// on PostgreSQL and on the embedded default (PGlite), and the server's peak memory.
//
// For each backend the real server runs as a child process (`node bin/samverka.mjs serve --no-demo`,
// configured through the environment like any installation). Before it starts, the benchmark prepares
// the database with the store functions: Fyrbodal's organisation, the built-in instruments, an open
// round of "statusenkät" for the 14 municipalities and 50 respondents with personal links (alternately
// IT-nära and verksamhetsnära, so both routings are exercised). Then 50 clients, one per link, each
// with its own keep-alive connection, save answers one after the other with
// PUT /api/r/<token>/answers/<item> — valid answers cycling through the respondent's visible items and
// their options (scale codes, "Vet ej", option lists, free text) — for WARMUP_MS, then MEASURE_MS
// measured. Reported: saves per second (completed in the measured window), p50/p95/p99/max latency (of
// the requests started in it, so the cold start is left out), the number of errors (any error fails the
// benchmark), the server's CPU use and its peak RSS (VmHWM) with its RSS before the load. Afterwards
// every link is read back (GET /api/r/<token>) and the last saved value of each item must be there.
//
// Targets (issue 3, 2-core machine): PostgreSQL ≥ 300 saves/s with p95 ≤ 100 ms; embedded ≥ 100 saves/s.
// The clients run in this process on the same machine, so they take some of the CPU from the server.
//
// Databases: PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in a
// fresh database created for the run and dropped at the end (DATABASE_URL has no schema setting, so a
// separate database keeps the test schemas untouched); PGlite in a temporary SAMVERKA_DATA_DIR.
// The respondent-link rate limit (SAMVERKA_RESPONDENT_RATE_LIMIT) is raised for the server, since all
// clients share one IP address and each link saves far more often than a person would.
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../src/db/db.ts';
import type { AnswerValue } from '../src/domain/instruments/schema.ts';
import { answerPath, prepareAnswerLoad, request, startServer, type Plan, type Server } from '../test/support/answer-load.ts';
import { peakRssMiB, percentile, report } from './util.ts';

// BENCH_ANSWER_CLIENTS, BENCH_ANSWER_MEASURE_S and BENCH_ANSWER_BACKENDS (postgres,pglite) shorten or widen a run while developing.
const CLIENTS = Number(process.env.BENCH_ANSWER_CLIENTS ?? 50);
const WARMUP_MS = 2_000;
const MEASURE_MS = Number(process.env.BENCH_ANSWER_MEASURE_S ?? 10) * 1000;
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

interface LoadResult {
  saves: number;
  latencies: number[];
  errors: number;
  firstErrors: string[];
  serverCpu: number;
  last: Array<Map<string, AnswerValue>>;
}

/** CLIENTS clients, each saving answers over its own keep-alive connection, one request at a time. */
async function load(server: Server, plans: Plan[]): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const start = performance.now();
  const measureStart = start + WARMUP_MS;
  const end = measureStart + MEASURE_MS;
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let saves = 0;
  let cpuAtStart = NaN;
  const cpuTimer = setTimeout(() => (cpuAtStart = cpuSeconds(server.child.pid!)), WARMUP_MS);
  const last = plans.map(() => new Map<string, AnswerValue>());
  await Promise.all(
    plans.map(async (plan, c) => {
      for (let n = 0; performance.now() < end; n++) {
        const item = plan.items[n % plan.items.length];
        const value = item.values[Math.floor(n / plan.items.length + c) % item.values.length];
        const t0 = performance.now();
        let res: { status: number; body: string };
        try {
          res = await request(agent, server.port, 'PUT', answerPath(plan.token, item.id), JSON.stringify({ value }));
        } catch (e) {
          res = { status: 0, body: String(e) };
        }
        const t1 = performance.now();
        if (res.status === 200) last[c].set(item.id, value);
        else {
          errors++;
          if (firstErrors.length < 5) firstErrors.push(`${res.status} ${item.id}: ${res.body.slice(0, 200)}`);
        }
        // Throughput: saves completed in the window; latency: requests started in it (none of the cold start).
        if (res.status === 200 && t1 >= measureStart && t1 < end) saves++;
        if (res.status === 200 && t0 >= measureStart) latencies.push(t1 - t0);
      }
    }),
  );
  clearTimeout(cpuTimer);
  const serverCpu = cpuSeconds(server.child.pid!) - cpuAtStart;
  agent.destroy();
  return { saves, latencies, errors, firstErrors, serverCpu, last };
}

/** Reads every link back through the API and checks that the last saved value of each item is stored. */
async function verify(server: Server, plans: Plan[], last: LoadResult['last']): Promise<number> {
  const agent = new http.Agent({ keepAlive: true });
  let checked = 0;
  try {
    for (const [c, plan] of plans.entries()) {
      const res = await request(agent, server.port, 'GET', `/api/r/${plan.token}`);
      if (res.status !== 200) throw new Error(`GET /api/r/…: ${res.status} ${res.body.slice(0, 200)}`);
      const answers = (JSON.parse(res.body) as { answers: Record<string, AnswerValue> }).answers;
      for (const [itemId, value] of last[c]) {
        if (JSON.stringify(answers[itemId]) !== JSON.stringify(value))
          throw new Error(`svaret på ${itemId} för länk ${c + 1} är ${JSON.stringify(answers[itemId])}, väntat ${JSON.stringify(value)}`);
        checked++;
      }
      if (Object.keys(answers).length !== last[c].size) throw new Error(`länk ${c + 1} har ${Object.keys(answers).length} svar, väntat ${last[c].size}`);
    }
  } finally {
    agent.destroy();
  }
  return checked;
}

interface Backend {
  label: string;
  target: { savesPerSecond: number; p95Ms?: number };
  /** Prepares the database, returns the server's environment and a cleanup. */
  setUp(): Promise<{ plans: Plan[]; env: Record<string, string>; cleanUp: () => Promise<void> }>;
}

const postgres: Backend = {
  label: 'PostgreSQL',
  target: { savesPerSecond: 300, p95Ms: 100 },
  async setUp() {
    const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `bench_answers_${process.pid}`;
    const adminQuery = async (sql: string) => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await adminQuery(`DROP DATABASE IF EXISTS "${name}"`);
    await adminQuery(`CREATE DATABASE "${name}"`);
    const cleanUp = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    try {
      const u = new URL(base);
      u.pathname = `/${name}`;
      const url = u.toString();
      const db = await openDb({ url });
      try {
        return { plans: await prepareAnswerLoad(db, CLIENTS), env: { DATABASE_URL: url }, cleanUp };
      } finally {
        await db.close();
      }
    } catch (e) {
      await cleanUp();
      throw e;
    }
  },
};

const pglite: Backend = {
  label: 'Inbäddad (PGlite)',
  target: { savesPerSecond: 100 },
  async setUp() {
    const dir = mkdtempSync(join(tmpdir(), 'samverka-bench-svar-'));
    const cleanUp = async () => rmSync(dir, { recursive: true, force: true });
    try {
      const db = await openDb({ dataDir: dir });
      try {
        return { plans: await prepareAnswerLoad(db, CLIENTS), env: { SAMVERKA_DATA_DIR: dir }, cleanUp };
      } finally {
        await db.close();
      }
    } catch (e) {
      await cleanUp();
      throw e;
    }
  },
};

async function runBackend(b: Backend): Promise<string> {
  const { plans, env, cleanUp } = await b.setUp();
  try {
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under the load.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean);
    const server = await startServer({ ...env, SAMVERKA_RESPONDENT_RATE_LIMIT: '10000000', SAMVERKA_RATE_LIMIT: '10000000' }, { nodeArgs });
    let result: LoadResult;
    let idleRss: number;
    let peak: number;
    let checked: number;
    try {
      idleRss = rssMiB(server.child.pid!);
      result = await load(server, plans);
      checked = await verify(server, plans, result.last);
      peak = peakRssMiB(server.child.pid!);
    } catch (e) {
      throw new Error(`${b.label}: ${(e as Error).message}\nServerns utdata:\n${server.output()}`);
    } finally {
      await server.stop();
    }
    const sorted = [...result.latencies].sort((x, y) => x - y);
    const perSecond = result.saves / (MEASURE_MS / 1000);
    const p95 = percentile(sorted, 95);
    const L = b.label;
    console.log(`${L}: ${CLIENTS} samtidiga svarande, ${WARMUP_MS / 1000} s uppvärmning + ${MEASURE_MS / 1000} s mätning, ${result.saves} sparade svar`);
    report(`${L}: sparade svar per sekund`, perSecond, 'svar/s', { op: '>=', value: b.target.savesPerSecond });
    report(`${L}: svar/s / mål`, perSecond / b.target.savesPerSecond, '×', { op: '>=', value: 1 });
    report(`${L}: svarstid p50`, percentile(sorted, 50), 'ms');
    report(`${L}: svarstid p95`, p95, 'ms', b.target.p95Ms ? { op: '<=', value: b.target.p95Ms } : undefined);
    if (b.target.p95Ms) report(`${L}: p95 / mål`, p95 / b.target.p95Ms, '×', { op: '<=', value: 1 });
    report(`${L}: svarstid p99`, percentile(sorted, 99), 'ms');
    report(`${L}: svarstid max`, sorted[sorted.length - 1], 'ms');
    report(`${L}: fel`, result.errors, 'st', { op: '<=', value: 0 });
    report(`${L}: serverns CPU under mätningen`, result.serverCpu / (MEASURE_MS / 1000), 'kärnor');
    report(`${L}: serverns topp-RSS (RSS före lasten)`, peak, `MiB (${idleRss.toFixed(0)} MiB)`);
    console.log(`${L}: ${checked} sparade svar lästa tillbaka via GET /api/r/… och kontrollerade`);
    if (result.errors > 0) throw new Error(`${L}: ${result.errors} misslyckade sparningar, t.ex.:\n  ${result.firstErrors.join('\n  ')}`);
    const p95Part = b.target.p95Ms ? `, p95 ${p95.toFixed(0)} ms (mål ≤ ${b.target.p95Ms})` : `, p95 ${p95.toFixed(0)} ms`;
    return `${L.padEnd(20)} ${perSecond.toFixed(0).padStart(6)} svar/s (mål ≥ ${b.target.savesPerSecond})${p95Part}, topp-RSS ${peak.toFixed(0)} MiB, 0 fel`;
  } finally {
    await cleanUp();
  }
}

export async function run(): Promise<void> {
  const lines: string[] = [];
  const only = process.env.BENCH_ANSWER_BACKENDS?.split(',');
  for (const b of [postgres, pglite].filter((x) => !only || only.includes(x === postgres ? 'postgres' : 'pglite'))) {
    lines.push(await runBackend(b));
    console.log('');
  }
  console.log('Sammanfattning:');
  for (const l of lines) console.log(`  ${l}`);
}
