// National bench, answer saves (issue 15, item 5): 200 respondents saving answers at once through
// PUT /api/r/<token>/answers/<item> against a real server process on the national data set, on
// PostgreSQL (target ≥ 1 000 saves/s, p95 < 50 ms) and on the embedded database (≥ 300 saves/s,
// p95 < 150 ms), nothing lost, with the floor of the same single-row upsert driven straight against
// the database with the same concurrency, measured in the same run.
//
// What is measured, per backend (`run(ds)` does one):
// - 200 link respondents are added to the open national round (store addRespondentsBulk, synthetic
//   names, the three respondent types in turn, spread over the municipalities) and removed at the end
//   with their answers, so the data set is left as it was found.
// - The server runs as a child process (`node bin/samverka.mjs serve --no-demo`, DATABASE_URL or
//   SAMVERKA_DATA_DIR, default pool and logging; only the per-IP rate limits are raised, since every
//   client shares one address).
// - Capacity: each of the 200 clients saves back-to-back on its own keep-alive connection (closed loop)
//   for MEASURE_MS after WARMUP_MS; saves/s is the capacity. With 200 clients always waiting, the mean
//   latency is 200 / (saves/s) by Little's law (200 ms at 1 000/s), so its latency is printed but is
//   not the target's.
// - Latency at the target rate: the 200 clients together offer the target rate (1 000/s or 300/s), each
//   saving every 200/rate seconds at its own phase (a respondent clicking through the form quickly).
//   Latency is counted from the moment a save was due, so a server that falls behind is charged for
//   the queue too (no coordinated omission). p50/p95/p99 of these are the target's latency.
// - Nothing lost: afterwards every link is read back through GET /api/r/<token>; each item must hold
//   the value of its last acknowledged save, and nothing unacknowledged.
// - Floor: the same single-row upsert the save ends in (INSERT … ON CONFLICT (respondent_id, item_id)
//   DO UPDATE, autocommit) on the same 200 respondents' rows, driven from this process with 200
//   concurrent callers, closed loop and at the target rate as above. On PostgreSQL the callers share a
//   pg pool as large as the server's (SAMVERKA_DB_POOL, default of src/db/db.ts), so the floor has
//   the server's connections and no HTTP, no validation, no checks. PGlite is one connection inside
//   one process: the server serialises every statement on it, so its floor is the same statement run
//   on one in-process PGlite (openDb with the data directory) by 200 concurrent callers queued on that
//   one connection, i.e. what the embedded database can do with no server around it.
// - Ratios: server saves/s ÷ floor saves/s (capacity), and server p95 ÷ floor p95 at the target rate.
// - The server's peak RSS (VmHWM) and its RSS before the load.
//
// The clients run in this process on the same (2-core) machine and take CPU from the server and the
// database: they are kept cheap (one keep-alive agent, bodies built from precomputed strings, no JSON
// parsing of the answers during the load).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../../src/db/db.ts';
import { openDb } from '../../src/db/db.ts';
import type { AnswerValue, Instrument } from '../../src/domain/instruments/schema.ts';
import { getInstrument } from '../../src/store/instruments.ts';
import { addRespondentsBulk } from '../../src/store/respondents.ts';
import { answerPath, answerPlan, request, startServer, type Plan, type Server } from '../../test/support/answer-load.ts';
import { peakRssMiB, percentile, report } from '../util.ts';
import { openNational, type NationalDataset } from './dataset.ts';

const CLIENTS = Number(process.env.BENCH_SAVES_CLIENTS ?? 200);
const WARMUP_MS = 2_000;
const MEASURE_MS = Number(process.env.BENCH_SAVES_MEASURE_S ?? 8) * 1000;
const TARGET = {
  postgres: { savesPerSecond: 1000, p95Ms: 50 },
  pglite: { savesPerSecond: 300, p95Ms: 150 },
} as const;
/** The server's pool when SAMVERKA_DB_POOL is not set (src/db/db.ts); the PostgreSQL floor gets as many connections. */
const DEFAULT_POOL = 10;

/** CPU seconds (user + system) of a process so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  return cpuOf(pid).user + cpuOf(pid).system;
}
/** User and system CPU seconds of a process so far (utime, stime in clock ticks of USER_HZ = 100). */
function cpuOf(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
  return { user: Number(f[11]) / 100, system: Number(f[12]) / 100 };
}
/** This process's CPU seconds so far (the bench's clients). */
const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** One save a client sends: the path and the body, built once. */
interface Step {
  item: string;
  value: AnswerValue;
  path: string;
  body: string;
}

/** Each client's sequence of saves (its plan's items and values in turn), precomputed. */
function stepsOf(plan: Plan, c: number, length: number): Step[] {
  const out: Step[] = [];
  for (let n = 0; n < length; n++) {
    const item = plan.items[n % plan.items.length];
    const value = item.values[Math.floor(n / plan.items.length + c) % item.values.length];
    out.push({ item: item.id, value, path: answerPath(plan.token, item.id), body: JSON.stringify({ value }) });
  }
  return out;
}

interface Phase {
  /** Completed saves in the measured window, per second. */
  perSecond: number;
  /** Latencies (ms) of the saves due (paced) or started (closed loop) in the measured window, sorted. */
  latencies: number[];
  errors: number;
  firstErrors: string[];
}

/**
 * Drives `clients` callers: `send(c, n)` does caller c's n-th save and resolves true when it was
 * acknowledged. `rate` undefined: closed loop (each caller saves again at once); otherwise paced, the
 * callers together offering `rate` saves per second, latency counted from when a save was due.
 */
async function drive(clients: number, send: (c: number, n: number) => Promise<true | string>, rate?: number): Promise<Phase> {
  const start = performance.now();
  const measureStart = start + WARMUP_MS;
  const end = measureStart + MEASURE_MS;
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let done = 0;
  const interval = rate ? (clients / rate) * 1000 : 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; ; n++) {
        let due = performance.now();
        if (rate) {
          due = start + (c / clients) * interval + n * interval;
          const wait = due - performance.now();
          if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        }
        if (due >= end) return;
        const result = await send(c, n).catch((e: Error) => `0 ${e.message}`);
        const t1 = performance.now();
        if (result !== true) {
          errors++;
          if (firstErrors.length < 5) firstErrors.push(result);
          continue;
        }
        if (t1 >= measureStart && t1 < end) done++;
        if (due >= measureStart) latencies.push(t1 - due);
      }
    }),
  );
  return { perSecond: done / (MEASURE_MS / 1000), latencies: latencies.sort((a, b) => a - b), errors, firstErrors };
}

/** The load through HTTP: every caller's saves on one shared keep-alive agent; records the last acknowledged value per link and item. */
function httpSender(server: Server, steps: Step[][], acked: Array<Map<string, AnswerValue>>, pending: Array<Step | undefined>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: steps.length });
  let count = 0;
  const send = async (c: number, n: number): Promise<true | string> => {
    const s = steps[c][n % steps[c].length];
    pending[c] = s;
    const res = await request(agent, server.port, 'PUT', s.path, s.body);
    if (res.status !== 200) return `${res.status} ${s.item}: ${res.body.slice(0, 200)}`;
    acked[c].set(s.item, s.value);
    pending[c] = undefined;
    count++;
    return true;
  };
  return { send, count: () => count, close: () => agent.destroy() };
}

/**
 * Reads every link back through the API: each item must hold its last acknowledged value (or the value
 * of a save still unanswered when the load stopped), and nothing that was never acknowledged.
 */
async function verify(
  server: Server,
  plans: Plan[],
  acked: Array<Map<string, AnswerValue>>,
  pending: Array<Step | undefined>,
): Promise<{ checked: number; lost: string[] }> {
  const agent = new http.Agent({ keepAlive: true });
  const lost: string[] = [];
  let checked = 0;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  try {
    for (const [c, plan] of plans.entries()) {
      const res = await request(agent, server.port, 'GET', `/api/r/${plan.token}`);
      if (res.status !== 200) throw new Error(`GET /api/r/…: ${res.status} ${res.body.slice(0, 200)}`);
      const answers = (JSON.parse(res.body) as { answers: Record<string, AnswerValue> }).answers;
      const p = pending[c];
      for (const [itemId, value] of acked[c]) {
        checked++;
        if (!same(answers[itemId], value) && !(p?.item === itemId && same(answers[itemId], p.value)))
          lost.push(`länk ${c + 1}, ${itemId}: lagrat ${JSON.stringify(answers[itemId])}, kvitterat ${JSON.stringify(value)}`);
      }
      for (const itemId of Object.keys(answers))
        if (!acked[c].has(itemId) && p?.item !== itemId) lost.push(`länk ${c + 1}, ${itemId}: lagrat utan att ha kvitterats`);
    }
  } finally {
    agent.destroy();
  }
  return { checked, lost };
}

/** Adds the bench's link respondents to the open national round; returns their ids and plans. */
async function addLinks(db: Db, ds: NationalDataset, ins: Instrument): Promise<{ ids: number[]; plans: Plan[] }> {
  const ids: number[] = [];
  const plans: Plan[] = [];
  const types = ins.respondentTypes.map((t) => t.id);
  for (let k = 0; k < CLIENTS; k++) {
    const type = types[k % types.length] ?? null;
    const [added] = await addRespondentsBulk(db, ds.currentRoundId, ds.codes[(k * 7) % ds.codes.length], [
      { respondentType: type, area: null, name: `Benchmark-svarande ${k + 1} (syntetisk)`, email: null },
    ]);
    ids.push(added.id);
    plans.push(answerPlan(ins, type, k, added.token));
  }
  return { ids, plans };
}

const UPSERT = `INSERT INTO answers (respondent_id, item_id, value) VALUES ($1, $2, $3::text::jsonb)
                ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`;

/** The floor: the upsert straight against the database, closed loop and at the target rate. */
async function floor(ds: NationalDataset, ids: number[], steps: Step[][], rate: number): Promise<{ closed: Phase; paced: Phase }> {
  const values = steps.map((list) => list.map((s) => JSON.stringify(s.value)));
  let query: (sql: string, params: unknown[]) => Promise<unknown>;
  let close: () => Promise<void>;
  if (ds.url) {
    const pool = new pg.Pool({ connectionString: ds.url, max: Number(process.env.SAMVERKA_DB_POOL ?? DEFAULT_POOL) });
    query = (sql, params) => pool.query(sql, params);
    close = () => pool.end();
  } else {
    const db = await openDb({ dataDir: ds.dataDir });
    query = (sql, params) => db.query(sql, params);
    close = () => db.close();
  }
  try {
    const send = async (c: number, n: number): Promise<true> => {
      const i = n % steps[c].length;
      await query(UPSERT, [ids[c], steps[c][i].item, values[c][i]]);
      return true;
    };
    const closed = await drive(ids.length, send);
    const paced = await drive(ids.length, send, rate);
    return { closed, paced };
  } finally {
    await close();
  }
}

async function removeLinks(ds: NationalDataset, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const db = await openNational(ds);
  try {
    await db.query('DELETE FROM respondents WHERE id = ANY($1::int[])', [ids]);
  } finally {
    await db.close();
  }
}

export async function run(ds: NationalDataset): Promise<void> {
  // BENCH_SAVES_BACKENDS=postgres (or pglite) runs one backend only, e.g. while iterating.
  const only = process.env.BENCH_SAVES_BACKENDS?.split(',').filter(Boolean);
  if (only?.length && !only.includes(ds.backend)) return;
  const target = TARGET[ds.backend];
  const L = ds.backend === 'postgres' ? 'Svar PostgreSQL' : 'Svar inbäddad (PGlite)';
  let ids: number[] = [];
  try {
    const db = await openNational(ds);
    let plans: Plan[];
    try {
      const ins = await getInstrument(db, ds.instrumentId, ds.instrumentVersion);
      if (!ins) throw new Error(`Instrumentet ${ds.instrumentId} ${ds.instrumentVersion} saknas i datasetet`);
      ({ ids, plans } = await addLinks(db, ds, ins));
    } finally {
      await db.close(); // PGlite: one process at a time, the server comes next
    }
    const steps = plans.map((p, c) => stepsOf(p, c, p.items.length * 4));
    const env: Record<string, string> = ds.url ? { DATABASE_URL: ds.url } : { SAMVERKA_DATA_DIR: ds.dataDir! };
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean);
    const server = await startServer({ ...env, SAMVERKA_RESPONDENT_RATE_LIMIT: '100000000', SAMVERKA_RATE_LIMIT: '100000000' }, {
      nodeArgs,
      timeoutMs: 600_000, // the embedded database reads a national data directory at start
    });
    let capacity: Phase, paced: Phase, cpu: { server: number; serverSystem: number; client: number; saves: number }, check: { checked: number; lost: string[] }, peak: number, idleRss: number;
    try {
      idleRss = rssMiB(server.child.pid!);
      const acked = plans.map(() => new Map<string, AnswerValue>());
      const pending: Array<Step | undefined> = plans.map(() => undefined);
      const load = httpSender(server, steps, acked, pending);
      try {
        capacity = await drive(plans.length, load.send);
        // CPU per save at the target rate: the server's and the clients' CPU seconds over the whole
        // paced phase (warm-up included) divided by every save acknowledged in it.
        const before = { server: cpuSeconds(server.child.pid!), serverSystem: cpuOf(server.child.pid!).system, client: ownCpuSeconds(), saves: load.count() };
        paced = await drive(plans.length, load.send, target.savesPerSecond);
        cpu = { server: cpuSeconds(server.child.pid!) - before.server, serverSystem: cpuOf(server.child.pid!).system - before.serverSystem, client: ownCpuSeconds() - before.client, saves: load.count() - before.saves };
      } finally {
        load.close();
      }
      check = await verify(server, plans, acked, pending);
      peak = peakRssMiB(server.child.pid!);
    } catch (e) {
      throw new Error(`${L}: ${(e as Error).message}\nServerns utdata (slutet):\n${server.output().slice(-4000)}`);
    } finally {
      await server.stop();
    }
    const f = await floor(ds, ids, steps, target.savesPerSecond);

    const p = (ph: Phase, q: number) => percentile(ph.latencies, q);
    console.log(
      `${L}: ${plans.length} samtidiga svarande, ${WARMUP_MS / 1000} s uppvärmning + ${MEASURE_MS / 1000} s mätning per fas; ` +
        `golvet: samma upsert direkt mot databasen med ${plans.length} samtidiga anrop${ds.url ? '' : ' på den enda inbäddade anslutningen'}`,
    );
    report(`${L}: sparade svar/s (kapacitet, sluten slinga)`, capacity.perSecond, 'svar/s', { op: '>=', value: target.savesPerSecond });
    report(`${L}: golv: upsert/s direkt mot databasen`, f.closed.perSecond, 'svar/s');
    report(`${L}: kapacitet / golv`, capacity.perSecond / f.closed.perSecond, '×');
    report(`${L}: svarstid p50 / p95 (sluten slinga)`, p(capacity, 50), `ms / ${p(capacity, 95).toFixed(0)} ms`);
    report(`${L}: takt vid ${target.savesPerSecond}/s erbjudet`, paced.perSecond, 'svar/s', { op: '>=', value: target.savesPerSecond * 0.98 });
    report(`${L}: svarstid p50 vid ${target.savesPerSecond}/s`, p(paced, 50), 'ms');
    report(`${L}: svarstid p95 vid ${target.savesPerSecond}/s`, p(paced, 95), 'ms', { op: '<=', value: target.p95Ms });
    report(`${L}: svarstid p99 vid ${target.savesPerSecond}/s`, p(paced, 99), 'ms');
    report(`${L}: golv: p95 vid ${target.savesPerSecond}/s`, p(f.paced, 95), 'ms');
    report(`${L}: p95 / golvets p95`, p(paced, 95) / p(f.paced, 95), '×');
    report(`${L}: serverns CPU per sparat svar vid ${target.savesPerSecond}/s`, (cpu.server / cpu.saves) * 1e6, `µs (varav system ${((cpu.serverSystem / cpu.saves) * 1e6).toFixed(0)} µs; klienterna ${((cpu.client / cpu.saves) * 1e6).toFixed(0)} µs)`);
    report(`${L}: fel`, capacity.errors + paced.errors, 'st', { op: '<=', value: 0 });
    report(`${L}: serverns topp-RSS (RSS före lasten)`, peak, `MiB (${idleRss.toFixed(0)} MiB)`);
    report(`${L}: förlorade svar (av ${check.checked} kvitterade, lästa tillbaka)`, check.lost.length, 'st', { op: '<=', value: 0 });
    if (check.lost.length) throw new Error(`${L}: ${check.lost.length} sparade svar saknas eller är fel, t.ex.:\n  ${check.lost.slice(0, 5).join('\n  ')}`);
    const firstErrors = [...capacity.firstErrors, ...paced.firstErrors];
    if (firstErrors.length) throw new Error(`${L}: ${capacity.errors + paced.errors} misslyckade sparningar, t.ex.:\n  ${firstErrors.join('\n  ')}`);
  } finally {
    await removeLinks(ds, ids);
  }
}
