// The fault scenarios, shared by the fault tests (test/faults.test.ts, which assert on the figures)
// and the benchmark (bench/faults.ts, which prints them): respondents save answers through HTTP
// against the real server process while the database is taken away under it.
import http from 'node:http';
import type { Db } from '../../src/db/db.ts';
import { openDb } from '../../src/db/db.ts';
import {
  compareWithAcknowledged,
  prepareAnswerLoad,
  request,
  startAnswerLoad,
  startServer,
  storedAnswers,
  type AnswerLoad,
  type HttpResult,
  type Plan,
  type Server,
} from './answer-load.ts';
import { createDatabase, type PgCluster } from './pg-cluster.ts';

/** Rate limits raised: every client shares one IP address and saves far faster than a person. */
export const UNLIMITED = { SAMVERKA_RESPONDENT_RATE_LIMIT: '10000000', SAMVERKA_RATE_LIMIT: '10000000' };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok()` holds (polling), or throws naming `what` after `limitMs`. */
export async function waitFor(what: string, ok: () => boolean, limitMs = 60_000) {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > limitMs) throw new Error(`${what}: inte inom ${limitMs / 1000} s`);
    await sleep(50);
  }
}

export async function withDb<T>(open: () => Promise<Db>, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Polls a link until the server answers it with 200; the milliseconds it took (Infinity past the limit). */
export async function msUntilServing(server: Server, token: string, limitMs: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: false });
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < limitMs) {
      const res = await request(agent, server.port, 'GET', `/api/r/${token}`).catch(() => ({ status: 0 }));
      if (res.status === 200) return performance.now() - t0;
      await sleep(25);
    }
    return Infinity;
  } finally {
    agent.destroy();
  }
}

/** Rows of answers beyond one per (respondent, item): nothing acknowledged twice may be stored twice. */
async function duplicateAnswers(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT (count(*) - count(DISTINCT (respondent_id, item_id)))::int AS n FROM answers');
  return r.rows[0].n;
}

export interface Verdict {
  load: AnswerLoad;
  /** Acknowledged answers compared with the database. */
  checked: number;
  /** Acknowledged answers missing or with another value (must be empty). */
  lost: string[];
  duplicates: number;
}

async function verdict(open: () => Promise<Db>, plans: Plan[], load: AnswerLoad): Promise<Verdict> {
  return withDb(open, async (db) => {
    const { checked, lost } = compareWithAcknowledged(plans, load, await storedAnswers(db, plans.map((p) => p.token)));
    return { load, checked, lost, duplicates: await duplicateAnswers(db) };
  });
}

export interface PostgresFaults extends Verdict {
  /** Backends ended by pg_terminate_backend. */
  terminated: number;
  msServingAfterTerminate: number;
  msServingAfterRestart: number;
  /** The server process ran through both faults. */
  aliveThroughout: boolean;
  /** A request made while PostgreSQL was stopped, as answered. */
  whileDown: HttpResult;
  /** The server's exit code on SIGTERM afterwards, and everything it printed. */
  exitCode: number | null;
  output: string;
}

/**
 * On a fresh database of `cluster`: `clients` respondents save answers; (a) every backend is
 * terminated; (b) the cluster is stopped for `downMs` and started again. The load retries saves
 * that got 503 and is stopped once every link's last save is acknowledged.
 */
export async function postgresFaults(cluster: PgCluster, database: string, clients: number, downMs = 2000): Promise<PostgresFaults> {
  const url = await createDatabase(cluster, database);
  const open = () => openDb({ url });
  const plans = await withDb(open, (db) => prepareAnswerLoad(db, clients));
  const server = await startServer({ DATABASE_URL: url, ...UNLIMITED });
  let alive = true;
  try {
    const load = startAnswerLoad(server.port, plans);
    await waitFor('lasten kommer i gång', () => load.ackCount() >= clients);

    const terminated = await cluster.terminateBackends(database);
    const msServingAfterTerminate = await msUntilServing(server, plans[0].token, 10_000);
    await sleep(1000);
    alive &&= server.alive();

    await cluster.stop();
    await sleep(downMs);
    alive &&= server.alive();
    const whileDown = await request(new http.Agent(), server.port, 'GET', `/api/r/${plans[0].token}`).catch(
      (e): HttpResult => ({ status: 0, body: String(e), headers: {} }),
    );
    await cluster.start();
    const msServingAfterRestart = await msUntilServing(server, plans[0].token, 10_000);
    await sleep(1500);
    await load.stop();
    alive &&= server.alive();
    const v = await verdict(open, plans, load);
    const exitCode = await server.stop();
    return { ...v, terminated, msServingAfterTerminate, msServingAfterRestart, aliveThroughout: alive, whileDown, exitCode, output: server.output() };
  } finally {
    await server.stop();
  }
}

/** `clients` respondents save answers (`loadMs` after they all got going); the server is killed with SIGKILL mid-load, then started again. */
export async function killNine(
  env: Record<string, string>,
  open: () => Promise<Db>,
  clients: number,
  loadMs = 500,
): Promise<Verdict & { output: string }> {
  const plans = await withDb(open, (db) => prepareAnswerLoad(db, clients));
  const first = await startServer({ ...env, ...UNLIMITED });
  let load: AnswerLoad;
  try {
    load = startAnswerLoad(first.port, plans);
    await waitFor('lasten kommer i gång', () => load.ackCount() >= clients);
    await sleep(loadMs);
  } finally {
    await first.kill();
  }
  await load.abandon();
  // Started again on the same database (for the embedded one: the lock left by the killed process is taken over).
  const second = await startServer({ ...env, ...UNLIMITED });
  await second.stop();
  return { ...(await verdict(open, plans, load)), output: first.output() + second.output() };
}
