// National bench, analysis (issue 15, items 3 and 4's server side), on the national data set
// (bench/national/dataset.ts: 290 municipalities × 40 respondents × 60 items, 696 000 answers):
//
// - Floor: one hand-written SQL GROUP BY (municipality, item, avg) over the current round's counted
//   answers, in the same database (the figure issue 4's bench/analysis.ts also uses), median of RUNS.
// - Full analysis, cold: the regional view of the förbundsadmin (load, evaluate per municipality,
//   combine, shape) with the analysis cache cleared, median of RUNS, interleaved with the floor runs;
//   the ratio analysis / floor (target ≤ 1.5).
// - Incremental update: one respondent of one municipality submits (a respondent row completed and
//   its 60 answers, in one transaction, as the link's submit leaves them); the next regional view
//   reloads that municipality only and combines; its time and its ratio to the full cold analysis.
//   The respondent is removed afterwards (the data set is left as found).
// - Cached per-viewer view: the regional view again with nothing changed (förbundsadmin, a kommunansvarig).
// - Through a real server process (`bin/samverka.mjs serve`, PostgreSQL only): the regional results
//   response's size raw and gzipped (target ≤ 200 kB gzipped), and p50/p95 with 20 concurrent signed-in
//   readers (each its own session, closed loop, READS_PER_READER requests each, after one warm-up
//   request each; target p95 ≤ 300 ms), the server's CPU time per request and its peak RSS.
// On PGlite (`run(ds)` with an embedded data set) only the floor, the full analysis, their ratio and
// the incremental update are measured (one process holds the data directory).
//
// The machine is shared (2 cores): the clients run in this process and take CPU from the server and
// the database. BENCH_ANALYSIS_PGLITE=0 skips the embedded database (while iterating).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { analysisCacheStats, clearAnalysisCache, getRegionalView } from '../../src/analysis/service.ts';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { AnalysisViewer } from '../../src/domain/analysis/views.ts';
import { startServer } from '../../test/support/answer-load.ts';
import { peakRssMiB, percentile, report } from '../util.ts';
import { itemId, NATIONAL, openNational, type NationalDataset } from './dataset.ts';

const RUNS = Number(process.env.BENCH_ANALYSIS_RUNS ?? 3);
const READERS = 20;
const READS_PER_READER = Number(process.env.BENCH_ANALYSIS_READS ?? 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** The floor: the same figures (mean per municipality and item) in one hand-written aggregate. */
const FLOOR_SQL = `SELECT p.municipality_code, a.item_id, avg((a.value #>> '{}')::numeric) AS mean
                     FROM respondents p JOIN answers a ON a.respondent_id = p.id
                    WHERE p.round_id = $1 AND p.completed_at IS NOT NULL AND a.value #>> '{}' ~ '^[0-9]+$'
                    GROUP BY p.municipality_code, a.item_id`;

/** One respondent of `code` who has submitted 60 answers, added in one transaction; returns its id. */
async function submitOne(db: Db, ds: NationalDataset, code: string): Promise<number> {
  return db.transaction(async (tx) => {
    const p = await tx.query<{ id: number }>(
      `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, name, started_at)
       VALUES ($1, $2, 'link', 'it-chef', 'it', 'Benchmark-svarande (syntetisk)', now()) RETURNING id`,
      [ds.currentRoundId, code],
    );
    const id = p.rows[0].id;
    await tx.query(
      `INSERT INTO answers (respondent_id, item_id, value) SELECT $1, x.item, '"4"'::jsonb FROM unnest($2::text[]) AS x(item)`,
      [id, Array.from({ length: NATIONAL.items }, (_, i) => itemId(i + 1))],
    );
    await tx.query(`UPDATE respondents SET completed_at = now() WHERE id = $1`, [id]);
    return id;
  });
}

/** User plus system CPU seconds of a process so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function get(agent: http.Agent, port: number, path: string, cookie: string): Promise<{ status: number; bytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, method: 'GET', path, headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function signIn(port: number, email: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('samverka_sid='));
  if (!res.ok || !cookie) throw new Error(`inloggningen misslyckades: ${res.status} ${await res.text()}`);
  return cookie;
}

export async function run(ds: NationalDataset): Promise<void> {
  // BENCH_ANALYSIS_PGLITE=0 skips the embedded database (while iterating on the PostgreSQL figures).
  if (ds.backend === 'pglite' && process.env.BENCH_ANALYSIS_PGLITE === '0') return;
  const db = await openNational(ds);
  await migrate(db); // the data set may predate migrations (027: the analysis versions)
  const label = ds.backend === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const admin: AnalysisViewer = { role: 'forbundsadmin', municipalities: [], associationId: ds.associationId, associationMembers: ds.codes };
  // A kommunansvarig (the round is open: a läsare sees closed rounds only): the anonymised, suppressed view.
  const reader: AnalysisViewer = { role: 'kommunansvarig', municipalities: [ds.codes[0]], associationId: ds.associationId, associationMembers: ds.codes };
  const q = { roundId: ds.currentRoundId, filters: { respondentType: null, area: null } };
  let added: number | null = null;
  try {
    // Floor and full cold analysis, interleaved so that both see the same machine.
    await db.query(FLOOR_SQL, [ds.currentRoundId]); // warm the buffer cache
    const floors: number[] = [];
    const fulls: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push((await time(() => db.query(FLOOR_SQL, [ds.currentRoundId]))).ms);
      clearAnalysisCache(db);
      fulls.push((await time(() => getRegionalView(db, admin, q))).ms);
    }
    const floor = median(floors);
    const full = median(fulls);
    report(`[${label}] SQL GROUP BY (golv), median`, floor, 'ms');
    report(`[${label}] Full nationell analys (kall), median`, full, 'ms');
    report(`[${label}] Analys / golv`, full / floor, '×', { op: '<=', value: 1.5 });

    // Incremental: one submission in one municipality.
    const cached = (await time(() => getRegionalView(db, admin, q))).ms;
    const reloaded = analysisCacheStats.municipalitiesReloaded;
    const loads = analysisCacheStats.fullLoads;
    added = await submitOne(db, ds, ds.codes[Math.floor(ds.codes.length / 2)]);
    const inc = await time(() => getRegionalView(db, admin, q));
    if (analysisCacheStats.fullLoads !== loads || analysisCacheStats.municipalitiesReloaded !== reloaded + 1)
      throw new Error('den stegvisa uppdateringen läste om mer än en kommun');
    if (inc.value.summary.respondents.n !== NATIONAL.municipalities * NATIONAL.respondents + 1) throw new Error('det nya svaret syns inte i analysen');
    report(`[${label}] Stegvis uppdatering efter ett nytt svar`, inc.ms, 'ms');
    report(`[${label}] Stegvis uppdatering / full omräkning`, inc.ms / full, '×');

    // Cached per-viewer views (nothing changed since).
    const views: number[] = [];
    const readerViews: number[] = [];
    await getRegionalView(db, reader, q);
    for (let i = 0; i < 5; i++) {
      views.push((await time(() => getRegionalView(db, admin, q))).ms);
      readerViews.push((await time(() => getRegionalView(db, reader, q))).ms);
    }
    report(`[${label}] Cachad vy per tittare (förbundet), median`, median([cached, ...views]), 'ms');
    report(`[${label}] Cachad vy per tittare (kommunansvarig), median`, median(readerViews), 'ms');
    const view = JSON.stringify(await getRegionalView(db, admin, q));
    report(`[${label}] Regional vy (förbundet), JSON`, view.length / 1024, 'kB');
    report(`[${label}] Regional vy (förbundet), gzip`, gzipSync(view).length / 1024, 'kB', { op: '<=', value: 200 });
    report(`[${label}] Högsta RSS (bench-processen)`, peakRssMiB(), 'MiB');
  } finally {
    if (added !== null) await db.query('DELETE FROM respondents WHERE id = $1', [added]);
    await db.close();
  }

  if (ds.backend !== 'postgres') return;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under the readers.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean);
  const server = await startServer({ DATABASE_URL: ds.url!, SAMVERKA_RATE_LIMIT: '100000000', SAMVERKA_AUTH_RATE_LIMIT: '100000' }, { nodeArgs });
  try {
    const path = `/api/rounds/${ds.currentRoundId}/analysis`;
    const cookies: string[] = [];
    for (let i = 0; i < READERS; i++) cookies.push(await signIn(server.port, ds.adminEmail, ds.adminPassword));
    const agent = new http.Agent({ keepAlive: true, maxSockets: READERS });
    const first = await time(() => get(agent, server.port, path, cookies[0]));
    if (first.value.status !== 200) throw new Error(`regional vy: ${first.value.status} ${first.value.body.toString().slice(0, 200)}`);
    const raw = (await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { cookie: cookies[0] } }).then((r) => r.arrayBuffer())).byteLength;
    report('[PostgreSQL] Regional vy via servern, första (kall) anropet', first.ms, 'ms');
    report('[PostgreSQL] Regionalt svar, okomprimerat', raw / 1024, 'kB');
    report('[PostgreSQL] Regionalt svar, gzip', first.value.bytes / 1024, 'kB', { op: '<=', value: 200 });
    // Each reader has opened the page once (its session used, as the web app's first call does), then reads.
    await Promise.all(cookies.map((cookie) => get(agent, server.port, path, cookie)));
    const times: number[] = [];
    const cpu0 = cpuSeconds(server.child.pid!);
    const t0 = performance.now();
    await Promise.all(
      cookies.map(async (cookie) => {
        for (let k = 0; k < READS_PER_READER; k++) {
          const r = await time(() => get(agent, server.port, path, cookie));
          if (r.value.status !== 200) throw new Error(`regional vy: ${r.value.status}`);
          times.push(r.ms);
        }
      }),
    );
    const wall = performance.now() - t0;
    const serverCpu = cpuSeconds(server.child.pid!) - cpu0;
    const sorted = times.sort((a, b) => a - b);
    report(`[PostgreSQL] ${READERS} samtidiga läsare: anrop/s`, (times.length / wall) * 1000, '/s');
    report(`[PostgreSQL] ${READERS} samtidiga läsare: p50`, percentile(sorted, 50), 'ms');
    report(`[PostgreSQL] ${READERS} samtidiga läsare: p95`, percentile(sorted, 95), 'ms', { op: '<=', value: 300 });
    report(`[PostgreSQL] ${READERS} samtidiga läsare: serverns CPU-tid per anrop`, (serverCpu * 1000) / times.length, 'ms');
    report('[PostgreSQL] Serverns högsta RSS', peakRssMiB(server.child.pid!), 'MiB');
    agent.destroy();
  } finally {
    await server.stop();
  }
}
