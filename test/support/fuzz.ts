// The fuzz driver (test/fuzz.test.ts and `npm run bench`): sends generated requests to every route
// of a running app and checks that none is answered with a 5xx and that no rejected (4xx) request
// changed the database.
//
// 1. Routes come from the app itself (app.routeList, src/server/input-hygiene.ts): a new route is fuzzed.
// 2. Each route's zod schemas are the ones its endpoint declares (src/contracts, registered by
//    src/server/route.ts and listed with the route in app.routeList).
// 3. fast-check (fixed seed) generates each request from those schemas: valid values, boundary and
//    malformed values, unicode edge cases, raw garbage, oversized bodies, multipart files (also cut
//    off); path parameters from the demo data or garbage; as förbundsadmin, kommunansvarig or anonymous.
// 4. Writes are seen through a write log (a statement trigger on every table, installed for the run
//    and removed after): when a 4xx request wrote to a table, the table's content fingerprint must
//    equal the one from before the request.
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import type { Db } from '../../src/db/db.ts';
import { DB_ERROR_MESSAGES } from '../../src/db/errors.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../src/domain/identity/policy.ts';
import { saveSecuritySettings } from '../../src/store/identity.ts';
import type { z } from 'zod';
import { Client, DEMO, loggedIn } from './app.ts';
import { edgeText, edgeValue, EDGE_STRINGS, jsonSchemaOf, mutate, mutatedArb, validArb, type Hints, type Json, type Mutation } from './schema-arbitrary.ts';

export interface FuzzOptions {
  app: FastifyInstance;
  db: Db;
  /** Generated requests to send (learning probes come on top). */
  requests: number;
  seed: number;
  log?: (line: string) => void;
}

export interface FuzzRequest {
  method: string;
  url: string;
  route: string;
  persona: Persona;
  contentType?: string;
  body?: string;
}

export interface FuzzProblem extends FuzzRequest {
  status: number;
  response: string;
  /** Tables whose content a rejected request changed. */
  tables?: string[];
}

export interface FuzzResult {
  seed: number;
  /** All requests sent, learning probes included. */
  sent: number;
  probes: number;
  byStatus: Record<number, number>;
  /** Answers per route ("POST /api/rounds") and status. */
  byRoute: Record<string, Record<number, number>>;
  fiveHundreds: FuzzProblem[];
  /** 4xx answers that came from the database refusing input (src/db/errors.ts), not from validation. */
  dbRefused: FuzzProblem[];
  /** Rejected requests that changed the database. */
  dbChanged: FuzzProblem[];
  routes: Array<{ method: string; url: string }>;
  /** Routes registered through a contract (their schemas are known). */
  declaredRoutes: number;
  relogins: number;
  ms: number;
}

type Persona = 'admin' | 'kommun' | 'anon';
type Pools = Awaited<ReturnType<typeof loadPools>>;
type Schemas = { params: object[]; query: object[]; body: object[] };

/**
 * Tables a rejected request may write to by design; each excluded by name:
 * - sessions: a signed-in request renews its session; sign-in and sign-out are sessions.
 * - login_failures: a failed sign-in is counted (it slows the next attempt from that address, docs/sign-in.md).
 * - report_jobs, report_job_chunks: a batch of delrapporter accepted earlier in the run goes on in the background
 *   (progress, heartbeat, the zip's chunks) while later requests are rejected (migration 025).
 * - scheduled_task_runs: an instance's claim on the nightly backup or the audit-log cleanup, taken in the background.
 * - audit_log: a failed sign-in is logged (action login.failed); other audit rows are checked by
 *   fingerprinting the table without those rows (see FINGERPRINT_FILTER).
 */
const EXPECTED_WRITES_ON_REJECT = new Set(['sessions', 'login_failures', 'report_jobs', 'report_job_chunks', 'scheduled_task_runs']);
const FINGERPRINT_FILTER: Record<string, string> = { audit_log: `WHERE action <> 'login.failed'` };

/**
 * Routes whose demo data the run must keep (deleting it would leave the rest of the run with 404s):
 * their path parameters come only from rows created during the run, or garbage.
 */
const KEEP_DEMO_DATA = [/^DELETE \/api\/rounds\/:id$/, /^DELETE \/api\/instruments\/:id\/versions\/:version$/];

const GARBAGE_PARAMS = ['0', '-1', '1.5', '99999999999999999999', '2147483648', 'abc', '%00', 'a%00b', '%ED%A0%80', '%E2%80%AE', '%F0%9F%98%80', '%FF', '%ZZ', '%', ' ', '%20', '..', '%2E%2E%2F', 'x'.repeat(3000), 'null', '1e3', '0x10', '%C3%A5'];
const GARBAGE_QUERIES = ['%00=1', 'a=%ED%A0%80', 'id=%00', '%ZZ=1', 'a[b]=1', 'a=1&a=2&a=3', '=', '&&', 'dryRun=%00', 'x=' + 'y'.repeat(5000), 'format=%FF'];
const GARBAGE_BODIES: Array<[string, string]> = [
  ['application/json', '{'],
  ['application/json', '[1,'],
  ['application/json', 'null'],
  ['application/json', '"text"'],
  ['application/json', '123'],
  ['application/json', '[]'],
  ['application/json', '{"a":1}{'],
  ['application/json', '{"__proto__":{"x":1}}'],
  ['application/json', '{"constructor":{"prototype":{"x":1}}}'],
  ['application/json', '{"text":"\\u0000"}'],
  ['application/json', '{"name":"\\ud800"}'],
  ['application/json', '{"\\ud800":1}'],
  ['application/json', '\u0000'],
  ['application/json', ''],
  ['text/plain', 'hej'],
  ['application/x-www-form-urlencoded', 'a=1&b=%00'],
  ['application/xml', '<a/>'],
  ['multipart/form-data', 'garbage'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nNamn;E-post\r\n'],
];

async function loadPools(db: Db, personaIds: number[]) {
  const q = async <T = Record<string, unknown>>(sql: string) => (await db.query<T>(sql)).rows;
  const items = await q<{ id: string; version: string; item: string }>(
    `SELECT id, version, jsonb_array_elements(definition->'items')->>'id' AS item FROM instruments`,
  );
  const itemsOf = new Map<string, string[]>();
  for (const r of items) itemsOf.set(`${r.id}@${r.version}`, [...(itemsOf.get(`${r.id}@${r.version}`) ?? []), r.item]);
  const respondents = await q<{ id: number; code: string; rid: number; token: string | null; ins: string }>(
    `SELECT p.round_id AS id, p.municipality_code AS code, p.id AS rid, p.token, r.instrument_id || '@' || r.instrument_version AS ins
       FROM respondents p JOIN rounds r ON r.id = p.round_id ORDER BY p.id`,
  );
  const col = async (sql: string) => (await q<{ v: unknown }>(sql)).map((r) => String(r.v));
  return {
    respondents: respondents.map((r) => ({ id: String(r.id), code: r.code, rid: String(r.rid), token: r.token ?? 'x', items: itemsOf.get(r.ins) ?? [] })),
    roundMunicipalities: (await q<{ id: number; code: string }>(`SELECT round_id AS id, municipality_code AS code FROM round_municipalities ORDER BY 1, 2`)).map((r) => ({
      id: String(r.id),
      code: r.code,
    })),
    instruments: (await q<{ id: string; version: string }>(`SELECT id, version FROM instruments ORDER BY 1, 2`)).map((r) => ({ id: r.id, version: r.version })),
    rounds: await col(`SELECT id AS v FROM rounds ORDER BY 1`),
    initiatives: await col(`SELECT id AS v FROM initiatives ORDER BY 1`),
    users: (await col(`SELECT id AS v FROM users ORDER BY 1`)).filter((id) => !personaIds.includes(Number(id))),
    networks: await col(`SELECT id AS v FROM networks ORDER BY 1`),
    actors: await col(`SELECT id AS v FROM actors ORDER BY 1`),
    codes: await col(`SELECT code AS v FROM municipalities ORDER BY 1`),
    items: [...new Set(items.map((i) => i.item))],
    indicators: await col(`SELECT DISTINCT indicator AS v FROM indicator_values ORDER BY 1`),
    periods: await col(`SELECT DISTINCT period AS v FROM initiative_status_reports ORDER BY 1`),
    years: ['2023', '2024', '2025', '2026'],
    areas: await col(`SELECT id AS v FROM areas ORDER BY 1`),
    respondentTypes: await col(`SELECT DISTINCT jsonb_array_elements(definition->'respondentTypes')->>'id' AS v FROM instruments ORDER BY 1`),
  };
}

/** Real values for body and query keys of those names. */
function hintsOf(pools: Pools): Hints {
  const versions = [...new Set(pools.instruments.map((i) => i.version))];
  const instruments = [...new Set(pools.instruments.map((i) => i.id))];
  return {
    area: pools.areas,
    respondentType: pools.respondentTypes,
    municipality: pools.codes,
    municipalities: pools.codes,
    addMunicipalities: pools.codes,
    removeMunicipalities: pools.codes,
    proposingMunicipality: pools.codes,
    code: pools.codes,
    instrument: instruments,
    instrumentId: instruments,
    instrumentVersion: versions,
    from: versions,
    to: versions,
    itemId: pools.items,
    period: pools.periods,
  };
}

/** Concrete path parameters for a route: coherent rows of the demo data (pick) or garbage. */
function pathParams(route: string, names: string[], pools: Pools, initial: Pools, pick: number, garbage: Array<string | null>): Record<string, string> {
  const at = <T>(list: T[]): T | undefined => (list.length ? list[pick % list.length] : undefined);
  const keep = KEEP_DEMO_DATA.some((re) => re.test(route));
  const fresh = <T extends { id: string }>(list: T[], old: T[]) => (keep ? list.filter((x) => !old.some((o) => o.id === x.id)) : list);
  const out: Record<string, string> = {};
  const set = (row: Record<string, unknown> | undefined) => {
    for (const n of names) if (row && typeof row[n] === 'string' && out[n] === undefined) out[n] = row[n] as string;
  };
  const path = route.split(' ')[1];
  if (names.includes('token') || names.includes('rid')) {
    const r = at(pools.respondents);
    set(r);
    if (r && names.includes('itemId')) out.itemId = r.items.length ? r.items[Math.floor(pick / 7) % r.items.length] : 'x';
  } else if (path.startsWith('/api/rounds/') && names.includes('code')) set(at(pools.roundMunicipalities));
  else if (path.startsWith('/api/instruments/')) set(at(fresh(pools.instruments, initial.instruments)));
  const byName: Record<string, string[]> = {
    id: path.startsWith('/api/rounds/')
      ? keep
        ? pools.rounds.filter((x) => !initial.rounds.includes(x))
        : pools.rounds
      : path.startsWith('/api/initiatives/')
        ? pools.initiatives
        : path.startsWith('/api/admin/users/')
          ? pools.users
          : path.startsWith('/api/networks/')
            ? pools.networks
            : [...pools.rounds, ...pools.initiatives],
    code: pools.codes,
    otherId: pools.rounds,
    actorId: pools.actors,
    itemId: pools.items,
    indicator: pools.indicators,
    period: pools.periods,
    year: pools.years,
    job: ['1', '2'],
    action: ['open', 'close', 'reopen'],
    format: ['csv', 'xlsx', 'pdf', 'docx'],
  };
  names.forEach((n, i) => {
    if (garbage[i] !== null) out[n] = garbage[i]!;
    else if (out[n] === undefined) out[n] = at(byName[n] ?? []) ?? 'x';
  });
  return out;
}

function queryString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `q=${percentEncode(JSON.stringify(value))}`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const one = (x: unknown) => parts.push(`${percentEncode(k)}=${percentEncode(typeof x === 'string' ? x : JSON.stringify(x))}`);
    if (Array.isArray(v)) v.forEach(one);
    else if (v !== undefined) one(v);
  }
  return parts.join('&');
}

const encodeParam = (v: string) => (/%|^\.\.$/.test(v) || v === ' ' ? v.replace(/ /g, '%20') : percentEncode(v));

/** encodeURIComponent that also encodes a lone surrogate (as its three WTF-8 bytes, %ED%A0%80) instead of throwing. */
function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

function multipart(file: { content: string; filename: string; field: string }, truncateAt: number | null, boundary = 'fuzzBoundary7MA4YWxk'): { contentType: string; body: string } {
  const full = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: truncateAt === null ? full : full.slice(0, truncateAt % full.length) };
}

const FILE_CONTENTS = [
  'Namn;E-post;Respondenttyp;Verksamhetsområde\nAnna Fuzz;anna.fuzz@example.se;;\n',
  'Namn;E-post\nNul\u0000Namn;nul@example.se\n',
  'Namn;E-post\n\ud800;x@example.se\n',
  'kommun;respondenttyp;område\n1461;;\n',
  'PK\u0003\u0004garbage',
  '',
  '\uFEFF;;;\n;;;\n',
  'a,b,c\n"unterminated,1,2\n',
];
const FILENAMES = ['a.csv', 'a.xlsx', 'a.xls', '', 'å😀.csv', 'a\u0000.csv', '../../x.csv', 'x'.repeat(300) + '.csv'];

/** One generated request for a route, before path parameters are chosen from the pools. */
function requestArb(route: { method: string; url: string }, schemas: Schemas | undefined, hints: Hints) {
  const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  const respondentLink = route.url.startsWith('/api/r/');
  const hasBody = route.method !== 'GET';
  const body = schemas?.body.length ? (schemas.body.length === 1 ? schemas.body[0] : { anyOf: schemas.body }) : undefined;
  const query = schemas?.query.length ? (schemas.query.length === 1 ? schemas.query[0] : { anyOf: schemas.query }) : undefined;
  const json = (s: object | undefined) =>
    s ? fc.oneof({ weight: 5, arbitrary: validArb(s, s, 0, hints) }, { weight: 5, arbitrary: mutatedArb(s, hints) }) : fc.jsonValue({ maxDepth: 2 });
  const isImport = route.url.endsWith('/import');
  const payload = fc.oneof(
    { weight: hasBody ? 12 : 1, arbitrary: json(body).map((v) => ({ kind: 'json' as const, v })) },
    { weight: hasBody ? 0 : 8, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: fc.constantFrom(...GARBAGE_BODIES).map(([ct, b]) => ({ kind: 'raw' as const, ct, b })) },
    { weight: hasBody ? 1 : 0, arbitrary: fc.constant({ kind: 'oversized' as const }) },
    {
      weight: isImport ? 12 : hasBody ? 1 : 0,
      arbitrary: fc
        .record({
          content: fc.constantFrom(...FILE_CONTENTS),
          filename: fc.constantFrom(...FILENAMES),
          field: fc.constantFrom('file', 'file', 'file', 'other'),
          // Half of the files cut off somewhere (fc.option gives null with probability 1/freq).
          truncateAt: fc.option(fc.nat(), { freq: 2 }),
        })
        .map((f) => ({ kind: 'multipart' as const, ...f })),
    },
  );
  return fc.record({
    route: fc.constant(route),
    names: fc.constant(names),
    persona: respondentLink ? fc.constantFrom<Persona>('anon', 'anon', 'anon', 'admin') : fc.constantFrom<Persona>('admin', 'admin', 'kommun', 'kommun', 'anon'),
    pick: fc.nat(),
    // Each path parameter: from the demo data (6 of 7), else garbage.
    garbage: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...GARBAGE_PARAMS, ...EDGE_STRINGS.map(percentEncode)) }), {
      minLength: names.length,
      maxLength: names.length,
    }),
    query: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: query ? 6 : 0, arbitrary: json(query) },
      { weight: 1, arbitrary: fc.constantFrom(...GARBAGE_QUERIES) },
    ),
    payload,
    // A third of the time, when the route has accepted a request before: that request, mutated.
    fromCorpus: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.record({ n: fc.nat(), at: fc.nat(), kind: fc.constantFrom<Mutation>('unicode', 'unicode', 'replace', 'extra-key'), edge: edgeValue, text: edgeText }),
      },
    ),
  });
}

/** Accepted requests by route (bodies that got past validation and the data checks), the bases of mutants. */
type Corpus = Map<string, FuzzRequest[]>;
const CORPUS_SIZE = 20;

type Plan = ReturnType<typeof requestArb> extends fc.Arbitrary<infer T> ? T : never;

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const { app, db, seed } = opts;
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const routes = app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.includes('*'));
  const wildcard = app.routeList.filter((r) => r.url.startsWith('/api/') && r.url.includes('*'));
  const clients: Record<'admin' | 'kommun', Client> = { admin: await loggedIn(app, DEMO.admin), kommun: await loggedIn(app, DEMO.mellerud) };
  const personaIds = [(await clients.admin.get('/api/auth/me')).body.user.id, (await clients.kommun.get('/api/auth/me')).body.user.id];
  const result: FuzzResult = { seed, sent: 0, probes: 0, byStatus: {}, byRoute: {}, fiveHundreds: [], dbRefused: [], dbChanged: [], routes, declaredRoutes: 0, relogins: 0, ms: 0 };

  const writeLog = await installWriteLog(db);
  const baseline = new Map<string, string>();
  for (const t of writeLog.tables) baseline.set(t, await fingerprint(db, t));
  const initial = await loadPools(db, personaIds);
  let pools = initial;

  const corpus: Corpus = new Map();
  async function send(req: FuzzRequest): Promise<number> {
    const headers: Record<string, string> = req.contentType ? { 'content-type': req.contentType } : {};
    const client = req.persona === 'anon' ? new Client(app) : clients[req.persona];
    let res;
    try {
      res = await client.request(req.method, req.url, req.body, headers);
    } catch (e) {
      // inject() itself refused the request (e.g. a URL it cannot parse): no server answer to judge.
      res = { status: 0, body: String(e) };
    }
    result.sent++;
    result.byStatus[res.status] = (result.byStatus[res.status] ?? 0) + 1;
    const route = (result.byRoute[req.route] ??= {});
    route[res.status] = (route[res.status] ?? 0) + 1;
    const problem = (): FuzzProblem => ({ ...req, body: req.body?.slice(0, 300), status: res.status, response: (typeof res.body === 'string' ? res.body : JSON.stringify(res.body)).slice(0, 500) });
    if (res.status >= 200 && res.status < 300 && req.contentType === 'application/json' && parseJson(req.body) !== undefined) {
      const list = corpus.get(req.route) ?? [];
      if (list.length < CORPUS_SIZE) corpus.set(req.route, [...list, req]);
    }
    if (res.status >= 500) result.fiveHundreds.push(problem());
    else if (res.status >= 400 && DB_ERROR_MESSAGES.has(res.body?.error)) result.dbRefused.push(problem());
    const written = await writeLog.take();
    if (written.length) {
      const rejected = res.status >= 400 && res.status < 500;
      const changed: string[] = [];
      for (const t of written) {
        const now = await fingerprint(db, t);
        if (rejected && !EXPECTED_WRITES_ON_REJECT.has(t) && now !== baseline.get(t)) changed.push(t);
        baseline.set(t, now);
      }
      if (changed.length) result.dbChanged.push({ ...problem(), tables: changed });
    }
    // A session ended by the fuzz (sign-out, expiry): sign in again.
    if (res.status === 401 && req.persona !== 'anon') {
      // The fuzz may have required two-factor for admins (PUT /api/admin/security) or deactivated the
      // persona (POST /api/admin/users/:id/deactivate); the re-login is a plain password sign-in.
      const email = req.persona === 'admin' ? DEMO.admin : DEMO.mellerud;
      await saveSecuritySettings(db, DEFAULT_SECURITY_SETTINGS);
      await db.query('UPDATE users SET deactivated_at = NULL WHERE lower(email) = lower($1)', [email]);
      const again = await loggedIn(app, email);
      clients[req.persona] = again;
      result.relogins++;
      // Signing in writes (session, audit): part of no fuzzed request.
      for (const t of await writeLog.take()) baseline.set(t, await fingerprint(db, t));
    }
    return res.status;
  }

  // ---- Schemas: each route's declared params, query and body (src/contracts, src/server/route.ts) --
  const schemas = new Map<string, Schemas>();
  for (const r of routes) {
    const ep = r.endpoint;
    if (!ep) continue;
    const of = (x: z.ZodType | undefined) => (x ? [jsonSchemaOf(x) as object] : []);
    schemas.set(`${r.method} ${r.url}`, { params: of(ep.params), query: of(ep.query), body: of(ep.body) });
  }
  // Seeds of the corpus: accepted requests to mutate.
  // POST /api/instruments validates with the instrument schema (not parse): stored definitions as bases of mutants.
  for (const def of (await db.query<{ d: unknown }>(`SELECT definition AS d FROM instruments ORDER BY id, version LIMIT 3`)).rows) {
    await send({ method: 'POST', url: '/api/instruments', route: 'POST /api/instruments', persona: 'admin', contentType: 'application/json', body: JSON.stringify(def.d) });
    result.probes++;
  }
  // Answers through respondent links (open rounds): a value of the item's type, so that the corpus holds accepted answers to mutate.
  const answerable = await db.query<{ token: string; item: string; type: string; min: number | null }>(
    `SELECT p.token, i.item->>'id' AS item, i.item->>'type' AS type, (i.item->>'min')::float AS min
       FROM respondents p JOIN rounds r ON r.id = p.round_id AND r.status = 'open'
       JOIN instruments ins ON ins.id = r.instrument_id AND ins.version = r.instrument_version
       CROSS JOIN LATERAL jsonb_array_elements(ins.definition->'items') AS i(item)
      WHERE p.token IS NOT NULL AND p.completed_at IS NULL AND i.item->>'type' IN ('text', 'number', 'yesno_degree')
      ORDER BY p.id, 2 LIMIT 40`,
  );
  for (const a of answerable.rows) {
    const value = a.type === 'text' ? 'Ett svar' : a.type === 'number' ? (a.min ?? 1) : { answer: 'ja' };
    const url = `/api/r/${a.token}/answers/${percentEncode(a.item)}`;
    await send({ method: 'PUT', url, route: 'PUT /api/r/:token/answers/:itemId', persona: 'anon', contentType: 'application/json', body: JSON.stringify({ value }) });
    result.probes++;
  }
  result.declaredRoutes = routes.filter((r) => schemas.has(`${r.method} ${r.url}`)).length;
  const undeclared = routes.filter((r) => !schemas.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
  if (undeclared.length) log(`fuzz: no contract declared for ${undeclared.join(', ')}`);
  log(`fuzz: seed ${seed}, ${routes.length} routes, declared schemas for ${result.declaredRoutes}, ${result.probes} probes`);

  // ---- Generated requests ---------------------------------------------------------------------
  const arbs = [...routes, ...wildcard.map((w) => ({ method: w.method, url: '/api/fuzz/:x' }))].map((r) => requestArb(r, schemas.get(`${r.method} ${r.url}`), hintsOf(pools)));
  const plans = fc.sample(fc.oneof(...arbs), { seed, numRuns: opts.requests }) as Plan[];
  for (let i = 0; i < plans.length; i++) {
    if (i % 500 === 499) {
      pools = await loadPools(db, personaIds);
      log(`fuzz: ${i + 1}/${plans.length} sent, ${result.fiveHundreds.length} 5xx, ${result.dbChanged.length} changed the database`);
    }
    await send(materialise(plans[i], pools, initial, corpus));
  }
  await writeLog.remove();
  result.ms = Date.now() - started;
  return result;
}

function parseJson(text: string | undefined): Json | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as Json);
  } catch {
    return undefined;
  }
}

function materialise(p: Plan, pools: Pools, initial: Pools, corpus: Corpus): FuzzRequest {
  const key = `${p.route.method} ${p.route.url}`;
  const bases = corpus.get(key);
  if (p.fromCorpus && bases?.length) {
    const base = bases[p.fromCorpus.n % bases.length];
    const { at, kind, edge, text } = p.fromCorpus;
    const parsed = parseJson(base.body);
    if (parsed !== undefined) return { ...base, body: JSON.stringify(mutate(parsed, at, kind, edge, text)) ?? 'null' };
  }
  const params = pathParams(key, p.names, pools, initial, p.pick, p.garbage);
  const path = p.route.url.replace(/:([A-Za-z]+)/g, (_, n: string) => (p.garbage[p.names.indexOf(n)] !== null ? params[n] : encodeParam(params[n])));
  const qs = p.query === undefined ? '' : queryString(p.query);
  const req: FuzzRequest = { method: p.route.method, url: qs ? `${path}?${qs}` : path, route: key, persona: p.persona };
  const b = p.payload;
  if (b.kind === 'json') return { ...req, contentType: 'application/json', body: JSON.stringify(b.v) ?? 'null' };
  if (b.kind === 'raw') return { ...req, contentType: b.ct, body: b.b };
  if (b.kind === 'oversized') return { ...req, contentType: 'application/json', body: JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) }) };
  if (b.kind === 'multipart') {
    const m = multipart(b, b.truncateAt);
    return { ...req, contentType: m.contentType, body: m.body };
  }
  return req;
}

// ---- The database: a write log and content fingerprints ----------------------------------------

async function installWriteLog(db: Db) {
  const tables = (
    await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'fuzz_write_log' ORDER BY 1`)
  ).rows.map((r) => r.t);
  await db.exec(`CREATE TABLE IF NOT EXISTS fuzz_write_log (tbl text NOT NULL);
    CREATE OR REPLACE FUNCTION fuzz_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO fuzz_write_log VALUES (TG_TABLE_NAME); RETURN NULL; END $$;`);
  for (const t of tables)
    await db.exec(`CREATE TRIGGER fuzz_log AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz_log_write()`);
  return {
    tables,
    /** The tables written since the last call (committed writes only: the log is in the same transaction). */
    async take(): Promise<string[]> {
      const rows = (await db.query<{ tbl: string }>(`DELETE FROM fuzz_write_log RETURNING tbl`)).rows;
      return [...new Set(rows.map((r) => r.tbl))];
    },
    async remove() {
      for (const t of tables) await db.exec(`DROP TRIGGER IF EXISTS fuzz_log ON "${t}"`);
      await db.exec(`DROP TABLE IF EXISTS fuzz_write_log; DROP FUNCTION IF EXISTS fuzz_log_write()`);
    },
  };
}

async function fingerprint(db: Db, table: string): Promise<string> {
  const r = await db.query<{ n: number; h: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${table}" x ${FINGERPRINT_FILTER[table] ?? ''}`,
  );
  return `${r.rows[0].n}:${r.rows[0].h}`;
}
