// Benchmark "analysis" (issue 4): a national-scale round in PostgreSQL — 290 municipalities × 40
// respondents × 60 items (696 000 answers) — and
//   1. the full regional analysis (load the counted responses, evaluate, shape the association's
//      view), cold (no cache), median of several runs; its parts; peak RSS of this process;
//   2. the floor: one hand-written SQL GROUP BY (municipality, item, avg) over the same answers in the
//      same database, median of several runs, and the ratio analysis / floor;
//   3. the municipality dashboard API (GET /api/rounds/:id/analysis/municipalities/:code) through the
//      Fastify app in-process (app.inject), 60 requests for random municipalities, p50/p95/max; the
//      first request computes the analysis, later ones reuse the cached one after checking the
//      round's response fingerprint.
// Targets (issue 4): analysis ≤ 2 s, ≤ 3 × floor, peak RSS < 1 GB; dashboard API p95 < 300 ms.
// Database: TEST_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// fresh schema that is dropped at the end.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { clearAnalysisCache, analysisContext, getRegionalView, roundInfo } from '../src/analysis/service.ts';
import { configFromEnv } from '../src/config.ts';
import { openDb, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { evaluate } from '../src/domain/analysis/engine.ts';
import { instrumentSchema } from '../src/domain/instruments/schema.ts';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/store/accounts.ts';
import { loadRoundResponses } from '../src/store/analysis.ts';
import { peakRssMiB, percentile, report } from './util.ts';

const MUNICIPALITIES = 290;
const RESPONDENTS = 40;
const ITEMS = 60;
const RUNS = 5;
const API_REQUESTS = 60;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** A 60-item survey instrument with the structure of the built-in "digital mognad" (scale 0–6 + Vet ej, groups, dimensions, quadrant). */
function benchInstrument() {
  const dm = JSON.parse(readFileSync(new URL('../instruments/digital-mognad.json', import.meta.url), 'utf8'));
  const items = Array.from({ length: ITEMS }, (_, i) => ({ ...dm.items[i % dm.items.length], id: `q${String(i + 1).padStart(2, '0')}` }));
  return instrumentSchema.parse({ ...dm, id: 'bench-mognad', version: '1.0', title: 'Benchmark: digital mognad (60 frågor)', items });
}

async function generate(db: Db): Promise<number> {
  const ins = benchInstrument();
  await db.query(`INSERT INTO instruments (id, version, definition) VALUES ($1, $2, $3::text::jsonb)`, [ins.id, ins.version, JSON.stringify(ins)]);
  await db.query(`INSERT INTO areas (id, name, sort) VALUES ('it', 'IT', 1), ('utbildning', 'Utbildning och skola', 2), ('socialtjanst', 'Socialtjänst, vård och omsorg', 3) ON CONFLICT DO NOTHING`);
  await db.query(
    `INSERT INTO municipalities (code, name) SELECT (1000 + g)::text, 'Testkommun ' || g FROM generate_series(1, $1::int) g`,
    [MUNICIPALITIES],
  );
  const r = await db.query<{ id: number }>(
    `INSERT INTO rounds (instrument_id, instrument_version, title, period_start, period_end, status)
     VALUES ($1, $2, 'Nationell benchmark', '2025-01-01', '2025-12-31', 'closed') RETURNING id`,
    [ins.id, ins.version],
  );
  const roundId = r.rows[0].id;
  await db.query(`INSERT INTO round_municipalities (round_id, municipality_code) SELECT $1, code FROM municipalities`, [roundId]);
  await db.query(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, started_at, completed_at)
     SELECT $1, m.code, 'link', (ARRAY['forvaltningschef', 'it-chef', 'medarbetare'])[1 + k % 3],
            (ARRAY['it', 'utbildning', 'socialtjanst'])[1 + (k / 3) % 3], now(), now()
       FROM municipalities m, generate_series(1, $2::int) k`,
    [roundId, RESPONDENTS],
  );
  // Each municipality has its own level (0–3) plus noise; 5 % "Vet ej".
  await db.query(
    `INSERT INTO answers (respondent_id, item_id, value)
     SELECT p.id, 'q' || lpad(i::text, 2, '0'),
            to_jsonb(CASE WHEN random() < 0.05 THEN 'vet_ej'
                          ELSE least(6, (abs(hashtext(p.municipality_code)) % 4) + floor(random() * 4)::int)::text END)
       FROM respondents p, generate_series(1, $2::int) i
      WHERE p.round_id = $1`,
    [roundId, ITEMS],
  );
  await db.query('ANALYZE');
  return roundId;
}

export async function run(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_analysis_${process.pid}`;
  const db = await openDb({ url, schema });
  try {
    await migrate(db);
    const gen = await time(() => generate(db));
    const roundId = gen.value;
    const answers = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM answers')).rows[0].n;
    console.log(`Genererat: ${MUNICIPALITIES} kommuner × ${RESPONDENTS} svarande × ${ITEMS} frågor = ${answers} svar (${(gen.ms / 1000).toFixed(1)} s)`);

    // Floor: one hand-written GROUP BY over the same answers.
    const floorSql = `SELECT p.municipality_code, a.item_id, avg((a.value #>> '{}')::numeric) AS mean
                        FROM respondents p JOIN answers a ON a.respondent_id = p.id
                       WHERE p.round_id = $1 AND p.completed_at IS NOT NULL AND a.value #>> '{}' ~ '^[0-9]+$'
                       GROUP BY p.municipality_code, a.item_id`;
    await db.query(floorSql, [roundId]); // warm the buffer cache
    const floors: number[] = [];
    for (let i = 0; i < RUNS; i++) floors.push((await time(() => db.query(floorSql, [roundId]))).ms);
    const floor = median(floors);

    // Full regional analysis, cold each time.
    const admin = { role: 'forbundsadmin' as const, municipalities: [] };
    const round = await roundInfo(db, roundId);
    const filters = { respondentType: null, area: null };
    const totals: number[] = [];
    const loads: number[] = [];
    const evals: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      clearAnalysisCache(db);
      totals.push((await time(() => getRegionalView(db, admin, { roundId, filters }))).ms);
      const load = await time(() => loadRoundResponses(db, roundId, filters));
      loads.push(load.ms);
      const ins = benchInstrument();
      evals.push((await time(async () => evaluate(ins, load.value))).ms);
    }
    const analysis = median(totals);
    const rss = peakRssMiB();
    clearAnalysisCache(db);
    await analysisContext(db, round, filters);
    const cached = median(await Promise.all([0, 1, 2, 3, 4].map(async () => (await time(() => getRegionalView(db, admin, { roundId, filters }))).ms)));

    report('SQL GROUP BY (golv), median', floor, 'ms');
    report('Full regional analys (kall), median', analysis, 'ms', { op: '<=', value: 2000 });
    report('  varav inläsning av svar, median', median(loads), 'ms');
    report('  varav beräkning (evaluate), median', median(evals), 'ms');
    report('Analys / golv', analysis / floor, '×', { op: '<=', value: 3 });
    report('Regional vy med cachad analys, median', cached, 'ms');
    report('Högsta RSS (processen)', rss, 'MiB', { op: '<=', value: 1024 });

    // Municipality dashboard API through the app.
    const app = await buildApp(db, { ...configFromEnv({}), rateLimit: 1_000_000, authRateLimit: 1_000_000 });
    await app.ready();
    try {
      clearAnalysisCache(db);
      await createUser(db, { email: 'bench@samverka.test', name: 'Bench', password: 'bench-losenord-2026', role: 'forbundsadmin' });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'bench@samverka.test', password: 'bench-losenord-2026' } });
      const cookie = login.cookies.find((c) => c.name === 'samverka_sid');
      if (!cookie) throw new Error(`inloggning misslyckades: ${login.statusCode} ${login.body}`);
      const times: number[] = [];
      let first = 0;
      for (let i = 0; i < API_REQUESTS; i++) {
        const code = String(1001 + ((i * 97) % MUNICIPALITIES));
        const t = await time(() =>
          app.inject({ method: 'GET', url: `/api/rounds/${roundId}/analysis/municipalities/${code}`, headers: { cookie: `samverka_sid=${cookie.value}` } }),
        );
        if (t.value.statusCode !== 200) throw new Error(`API ${t.value.statusCode}: ${t.value.body.slice(0, 200)}`);
        if (i === 0) first = t.ms;
        times.push(t.ms);
      }
      const sorted = [...times].sort((a, b) => a - b);
      report(`Kommunvy via API, första (kall) anropet`, first, 'ms');
      report(`Kommunvy via API, p50 (${API_REQUESTS} anrop)`, percentile(sorted, 50), 'ms');
      report(`Kommunvy via API, p95 (${API_REQUESTS} anrop)`, percentile(sorted, 95), 'ms', { op: '<=', value: 300 });
      report(`Kommunvy via API, max`, sorted[sorted.length - 1], 'ms');
      report('Högsta RSS (processen, efter API)', peakRssMiB(), 'MiB', { op: '<=', value: 1024 });
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
}
