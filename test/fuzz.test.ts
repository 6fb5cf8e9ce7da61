// Property-based fuzzing of the whole API (issue 10): every route, found from the app itself, gets
// requests generated from its own zod schemas (valid, boundary, malformed, unicode edge cases,
// oversized, multipart cut off), as förbundsadmin, kommunansvarig and anonymous, and through the
// respondent links. No answer may be a 5xx, no 4xx may come from the database refusing input
// (validation comes first), and no rejected request may change the database.
// FUZZ_SEED picks the seed (printed), FUZZ_REQUESTS the number of generated requests per backend.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';
import { runFuzz, type FuzzProblem, type FuzzResult } from './support/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
// 2 × 5 200 ≥ 10 000 requests in CI (both backends), learning probes not counted.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5200);

const show = (list: FuzzProblem[]) =>
  list
    .slice(0, 5)
    .map((p) => `${p.status} ${p.method} ${p.url.slice(0, 200)} (${p.persona}, ${p.contentType ?? '-'}) body=${JSON.stringify(p.body?.slice(0, 200))} → ${p.response.slice(0, 200)}${p.tables ? ` tables=${p.tables.join(',')}` : ''}`)
    .join('\n');

for (const backend of backends) {
  describe(`fuzzning av hela API:t (${backend.name})`, () => {
    let t: TestApp;
    let r: FuzzResult;

    before(async () => {
      // The link routes have their own limit per link and IP: high, so the fuzz is not throttled there.
      t = await startApp(backend, { config: { respondentRateLimit: 1_000_000 } });
      console.log(`fuzz (${backend.name}): seed ${SEED} (FUZZ_SEED=${SEED} upprepar körningen), ${REQUESTS} genererade förfrågningar`);
      r = await runFuzz({ app: t.app, db: t.db, requests: REQUESTS, seed: SEED, log: (l) => console.log(`  ${l}`) });
      console.log(`fuzz (${backend.name}): ${r.sent} skickade på ${Math.round(r.ms / 1000)} s; per status ${JSON.stringify(r.byStatus)}`);
    });
    after(() => t.close());

    it('fuzzar varje väg i API:t, med scheman från vägarnas kontrakt', () => {
      // 98 API routes when this was written (one per method, the /api/* fallback apart): the enumeration cannot come back empty.
      assert.ok(r.routes.length >= 90, `bara ${r.routes.length} vägar hittades`);
      assert.equal(r.declaredRoutes, r.routes.length, 'varje väg har ett kontrakt');
      for (const url of ['/api/r/:token/answers/:itemId', '/api/rounds/:id/municipalities/:code/respondents/import', '/api/initiatives/:id'])
        assert.ok(r.routes.some((x) => x.url === url), `${url} saknas bland vägarna`);
      assert.equal(r.sent, REQUESTS + r.probes, 'varje genererad förfrågan skickades');
      // Both accepted and rejected requests: the generator reaches past validation, and validation rejects.
      const count = (lo: number, hi: number) => Object.entries(r.byStatus).reduce((n, [s, c]) => (Number(s) >= lo && Number(s) < hi ? n + c : n), 0);
      assert.ok(count(200, 300) >= REQUESTS / 20, `för få godkända förfrågningar: ${JSON.stringify(r.byStatus)}`);
      assert.ok(count(400, 500) >= REQUESTS / 5, `för få avvisade förfrågningar: ${JSON.stringify(r.byStatus)}`);
    });

    it('inget svar är 5xx', () => {
      assert.equal(r.fiveHundreds.length, 0, `${r.fiveHundreds.length} svar med 5xx (FUZZ_SEED=${SEED}):\n${show(r.fiveHundreds)}`);
    });

    it('ingen 4xx kommer från att databasen vägrade: valideringen säger nej först', () => {
      assert.equal(r.dbRefused.length, 0, `${r.dbRefused.length} databasfel som 4xx (FUZZ_SEED=${SEED}):\n${show(r.dbRefused)}`);
    });

    it('en avvisad förfrågan ändrar ingenting i databasen', () => {
      assert.equal(r.dbChanged.length, 0, `${r.dbChanged.length} avvisade förfrågningar ändrade databasen (FUZZ_SEED=${SEED}):\n${show(r.dbChanged)}`);
    });
  });
}
