// Respondents saving answers over HTTP against a real server process: shared by the fault tests
// (test/faults.test.ts) and the benchmarks (bench/answers.ts, bench/faults.ts).
//
// prepareAnswerLoad() readies a database with the store functions: Fyrbodal's organisation, the built-in
// instruments, an open round of "statusenkät" for the 14 municipalities and `clients` respondents with
// personal links (alternately IT-nära and verksamhetsnära, so both routings are exercised), each with a
// plan of valid answers for its visible items (scale codes, "Vet ej", option lists, free text).
// startServer() runs `node bin/samverka.mjs serve --no-demo` as a child process configured through the
// environment like any installation.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadDemoOrganisation } from '../../src/demo/organisation.ts';
import { optionsOf, visibleItems } from '../../src/domain/instruments/answers.ts';
import { loadBuiltInInstruments } from '../../src/domain/instruments/catalog.ts';
import type { AnswerValue, Instrument } from '../../src/domain/instruments/schema.ts';
import { FYRBODAL } from '../../src/domain/organisation.ts';
import { syncBuiltInInstruments } from '../../src/store/instruments.ts';
import { addRespondent } from '../../src/store/respondents.ts';
import { createRound, setRoundStatus } from '../../src/store/rounds.ts';
import { freePort } from './pg-cluster.ts';

const INSTRUMENT = 'statusenkat';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One link and the answers its client cycles through: every visible item with a list of valid values. */
export interface Plan {
  token: string;
  items: Array<{ id: string; values: AnswerValue[] }>;
}

export async function prepareAnswerLoad(db: Db, clients: number): Promise<Plan[]> {
  await migrate(db);
  await loadDemoOrganisation(db);
  const instruments = await loadBuiltInInstruments();
  await db.transaction((tx) => syncBuiltInInstruments(tx, instruments));
  const ins = instruments.find((i) => i.id === INSTRUMENT);
  if (!ins) throw new Error(`Instrumentet ${INSTRUMENT} saknas`);
  const round = await createRound(db, {
    instrument: ins.id,
    instrumentVersion: ins.version,
    title: 'Last: sparade svar',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    municipalities: FYRBODAL.map((m) => m.code),
  });
  await setRoundStatus(db, round.id, 'open');
  const plans: Plan[] = [];
  for (let k = 0; k < clients; k++) {
    const type = ins.respondentTypes[k % ins.respondentTypes.length].id;
    const p = await addRespondent(db, {
      roundId: round.id,
      municipality: FYRBODAL[k % FYRBODAL.length].code,
      respondentType: type,
      area: null,
      name: `Last ${k + 1}`,
    });
    plans.push(answerPlan(ins, type, k, p.token!));
  }
  return plans;
}

/**
 * The answers link number `k` (0-based) of respondent type `type` cycles through: every visible item with
 * a list of valid values. Each link starts at a different item so that the links do not move in lockstep.
 */
export function answerPlan(ins: Instrument, type: string | null, k: number, token: string): Plan {
  const items = visibleItems(ins, type).map((item) => {
    const codes = optionsOf(ins, item).map((o) => o.code);
    let values: AnswerValue[];
    if (item.type === 'multi') values = [[], ...codes.map((_, i) => codes.slice(0, i + 1))];
    else if (item.type === 'text') values = ['Ja, i liten skala.', 'Nej.', `Svar från respondent ${k + 1}: ${'lite text '.repeat(20).trim()}`];
    else if (item.type === 'scale' || item.type === 'single') values = codes;
    else throw new Error(`Frågetypen ${item.type} ingår inte i lasten`);
    return { id: item.id, values };
  });
  const shift = k % items.length;
  return { token, items: [...items.slice(shift), ...items.slice(0, shift)] };
}

export interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** True while the process runs. */
  alive: () => boolean;
  /** SIGTERM (SIGKILL after 10 s); resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL, as a crash or an OOM killer would. */
  kill: () => Promise<void>;
}

export async function startServer(
  env: Record<string, string>,
  opts: { args?: string[]; timeoutMs?: number; onOutput?: (text: string) => void; nodeArgs?: string[] } = {},
): Promise<Server> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  // nodeArgs: e.g. ['--cpu-prof', '--cpu-prof-dir=…'] to profile the server under a bench's load.
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(ROOT, 'bin/samverka.mjs'), 'serve', ...(opts.args ?? ['--no-demo'])], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => {
    out += d;
    // A bench's server logs every request: keep the start and the latest megabyte, not everything.
    if (out.length > 4_000_000) out = `${out.slice(0, 100_000)}\n[…]\n${out.slice(-1_000_000)}`;
    opts.onOutput?.(out);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const kill = async () => {
    if (!alive()) return;
    child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (!alive()) throw new Error(`servern avslutades (kod ${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`servern svarade inte inom ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, output: () => out, alive, stop, kill };
}

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function request(agent: http.Agent, port: number, method: string, path: string, body?: string): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The path that saves one answer of a link. */
export const answerPath = (token: string, itemId: string) => `/api/r/${token}/answers/${encodeURIComponent(itemId)}`;

/** Every stored answer of the given links, read straight from the database: token → item → value. */
export async function storedAnswers(db: Db, tokens: string[]): Promise<Map<string, Map<string, AnswerValue>>> {
  const { rows } = await db.query<{ token: string; item_id: string; value: AnswerValue }>(
    `SELECT p.token, a.item_id, a.value FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.token = ANY($1::text[])`,
    [tokens],
  );
  const out = new Map(tokens.map((t) => [t, new Map<string, AnswerValue>()]));
  for (const r of rows) out.get(r.token)!.set(r.item_id, r.value);
  return out;
}

export interface AnswerLoad {
  /** Requests sent, by status (0: no HTTP answer, e.g. a refused connection). */
  byStatus: Map<number, number>;
  sent: () => number;
  /** Saves acknowledged so far. */
  ackCount: () => number;
  /** Each link's last acknowledged (2xx) value per item. */
  acked: Array<Map<string, AnswerValue>>;
  /** Each link's save that has been sent but not acknowledged (its outcome is unknown). */
  pending: Array<{ item: string; value: AnswerValue } | undefined>;
  /** Anything but 2xx, 503 or a refused connection: a defect. */
  unexpected: string[];
  /** One 503 answer as received, to check its message and Retry-After. */
  first503?: HttpResult;
  /** performance.now() of the latest acknowledgement. */
  lastAckAt: () => number;
  /** Stops: each link retries its current save until it is acknowledged (at most `graceMs`). */
  stop: (graceMs?: number) => Promise<void>;
  /** Stops at once, leaving the saves in flight pending (for a server that was killed). */
  abandon: () => Promise<void>;
}

/**
 * Every link saves answers one after the other on its own keep-alive connection, like a respondent
 * clicking through the form. A save that gets 503 or no answer is retried after `retryDelayMs`, as
 * the web app's autosave does, so the last save of every item ends acknowledged.
 */
export function startAnswerLoad(port: number, plans: Plan[], opts: { retryDelayMs?: number } = {}): AnswerLoad {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plans.length });
  const retryDelayMs = opts.retryDelayMs ?? 100;
  const byStatus = new Map<number, number>();
  const acked = plans.map(() => new Map<string, AnswerValue>());
  const pending: AnswerLoad['pending'] = plans.map(() => undefined);
  const unexpected: string[] = [];
  let sent = 0;
  let ackCount = 0;
  let lastAckAt = 0;
  let stopping = false;
  let abandoned = false;
  let graceUntil = Infinity;
  const load: AnswerLoad = {
    byStatus,
    sent: () => sent,
    ackCount: () => ackCount,
    acked,
    pending,
    unexpected,
    lastAckAt: () => lastAckAt,
    stop: async (graceMs = 30_000) => {
      graceUntil = performance.now() + graceMs;
      stopping = true;
      await done;
      agent.destroy();
    },
    abandon: async () => {
      abandoned = stopping = true;
      agent.destroy();
      await done;
    },
  };
  const done = Promise.all(
    plans.map(async (plan, c) => {
      for (let n = 0; !stopping; n++) {
        const item = plan.items[n % plan.items.length];
        const value = item.values[Math.floor(n / plan.items.length + c) % item.values.length];
        pending[c] = { item: item.id, value };
        for (;;) {
          let res: HttpResult;
          try {
            res = await request(agent, port, 'PUT', answerPath(plan.token, item.id), JSON.stringify({ value }));
          } catch (e) {
            res = { status: 0, body: String(e), headers: {} };
          }
          if (abandoned) return;
          sent++;
          byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
          if (res.status >= 200 && res.status < 300) {
            acked[c].set(item.id, value);
            pending[c] = undefined;
            ackCount++;
            lastAckAt = performance.now();
            break;
          }
          if (res.status === 503) load.first503 ??= res;
          if (res.status !== 503 && res.status !== 0) {
            if (unexpected.length < 10) unexpected.push(`${res.status} ${item.id}: ${res.body.slice(0, 300)}`);
            break;
          }
          if (performance.now() > graceUntil) return;
          await new Promise((r) => setTimeout(r, retryDelayMs));
        }
      }
    }),
  );
  return load;
}

/**
 * Compares the stored answers with what the load was told: every acknowledged answer must be stored
 * with its last acknowledged value, or with the value of a save still pending for that item (sent,
 * maybe committed, never answered). Returns the differences (empty: nothing lost) and the answers checked.
 */
export function compareWithAcknowledged(
  plans: Plan[],
  load: Pick<AnswerLoad, 'acked' | 'pending'>,
  stored: Map<string, Map<string, AnswerValue>>,
): { checked: number; lost: string[] } {
  const lost: string[] = [];
  let checked = 0;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [c, plan] of plans.entries()) {
    const have = stored.get(plan.token) ?? new Map<string, AnswerValue>();
    const p = load.pending[c];
    for (const [item, value] of load.acked[c]) {
      checked++;
      const v = have.get(item);
      if (!same(v, value) && !(p && p.item === item && same(v, p.value)))
        lost.push(`länk ${c + 1}, ${item}: lagrat ${JSON.stringify(v)}, kvitterat ${JSON.stringify(value)}`);
    }
    for (const item of have.keys())
      if (!load.acked[c].has(item) && p?.item !== item) lost.push(`länk ${c + 1}, ${item}: lagrat utan att ha kvitterats`);
  }
  return { checked, lost };
}
