// The analysis cache (issue 15, src/analysis/service.ts): invalidated through the database (migration
// 027's versions, changed by triggers in the writing transaction, and 030's for names, areas and
// reference series), updated per municipality, one computation shared by concurrent readers, and two
// processes on one PostgreSQL never serving an analysis older than a committed answer. Figures are hand-computed in test/support/analysis-seed.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDb, type Db } from '../src/db/db.ts';
import { analysisCacheStats, analysisContext, clearAnalysisCache, roundInfo } from '../src/analysis/service.ts';
import { analysisStamps, viewVersions } from '../src/store/analysis.ts';
import { completeRespondent, saveAnswer } from '../src/store/respondents.ts';
import type { AnalysisContext } from '../src/domain/analysis/views.ts';
import { backends } from './support/db.ts';
import { AMAL, BENGTSFORS, MELLERUD, ROUND_2025, seedRound } from './support/analysis-seed.ts';

const ALL = { respondentType: null, area: null };
const q1Of = (ctx: AnalysisContext, code: string) => ctx.full.municipalityScores.find((m) => m.municipality === code)?.items.q1.value;
const nOf = (ctx: AnalysisContext, code: string) => ctx.full.municipalityScores.find((m) => m.municipality === code)?.n ?? 0;

for (const backend of backends) {
  describe(`analyscachen (${backend.name})`, () => {
    let db: Db;
    let roundId: number;
    const ctx = async (d: Db = db) => analysisContext(d, await roundInfo(d, roundId), ALL);

    before(async () => {
      db = await backend.open();
      await db.query(`INSERT INTO areas (id, name, sort) VALUES ('it', 'IT', 1), ('utbildning', 'Utbildning', 2) ON CONFLICT DO NOTHING`);
      roundId = await seedRound(db, { title: 'Cacherunda', periodStart: '2025-01-01', periodEnd: '2025-12-31', respondents: ROUND_2025, status: 'open' });
    });
    after(() => db?.close());

    it('ett inskickat svar syns i nästa analys; bara den kommunen räknas om', async () => {
      const first = await ctx();
      assert.equal(first.full.respondents.n, 9);
      assert.equal(nOf(first, MELLERUD), 4);
      assert.strictEqual((await ctx()).full, first.full, 'oförändrad omgång: samma cachade analys');
      const { fullLoads, municipalitiesReloaded } = analysisCacheStats;
      // Mellerud's started respondent (q1 "0") submits through the link's store function.
      const draft = await db.query<{ id: number }>(`SELECT id FROM respondents WHERE round_id = $1 AND completed_at IS NULL`, [roundId]);
      await completeRespondent(db, draft.rows[0].id);
      const next = await ctx();
      assert.equal(next.full.respondents.n, 10);
      assert.equal(nOf(next, MELLERUD), 5);
      // Mellerud q1 [4,3,3,0] (+ Vet ej) → median 3 (unchanged value, one more respondent behind it).
      assert.equal(next.full.municipalityScores.find((m) => m.municipality === MELLERUD)?.items.q1.n, 4);
      assert.equal(analysisCacheStats.fullLoads, fullLoads, 'ingen hel omräkning');
      assert.equal(analysisCacheStats.municipalitiesReloaded, municipalitiesReloaded + 1, 'bara Mellerud läses om');
    });

    it('ett sparat men inte inskickat svar ändrar ingenting', async () => {
      const cached = await ctx();
      const stamps = await analysisStamps(db, roundId);
      const p = await db.query<{ id: number }>(
        `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area) VALUES ($1, $2, 'link', 'it', 'it') RETURNING id`,
        [roundId, BENGTSFORS],
      );
      await saveAnswer(db, p.rows[0].id, 'q1', '4');
      assert.equal(await analysisStamps(db, roundId), stamps);
      assert.strictEqual((await ctx()).full, cached.full);
    });

    it('ett ändrat svar hos en räknad svarande (självskattning som importeras igen) syns', async () => {
      assert.equal(q1Of(await ctx(), AMAL), 4);
      // Åmål q1 [4,4] → [0,4]: median 2.
      await db.query(
        `UPDATE answers SET value = '"0"' WHERE item_id = 'q1' AND respondent_id = (SELECT min(id) FROM respondents WHERE round_id = $1 AND municipality_code = $2)`,
        [roundId, AMAL],
      );
      assert.equal(q1Of(await ctx(), AMAL), 2);
    });

    it('en borttagen svarande och ett borttaget svar syns', async () => {
      await db.query(`DELETE FROM respondents WHERE id = (SELECT max(id) FROM respondents WHERE round_id = $1 AND municipality_code = $2 AND completed_at IS NOT NULL)`, [
        roundId,
        BENGTSFORS,
      ]);
      assert.equal(nOf(await ctx(), BENGTSFORS), 2);
      // Bengtsfors q1 [1,2] → 1.5; without the first respondent's q1 answer: [2] → 2.
      assert.equal(q1Of(await ctx(), BENGTSFORS), 1.5);
      await db.query(`DELETE FROM answers WHERE item_id = 'q1' AND respondent_id = (SELECT min(id) FROM respondents WHERE round_id = $1 AND municipality_code = $2)`, [
        roundId,
        BENGTSFORS,
      ]);
      assert.equal(q1Of(await ctx(), BENGTSFORS), 2);
    });

    it('den stegvis uppdaterade analysen är densamma som en ny beräkning från början', async () => {
      const updated = await ctx();
      clearAnalysisCache(db);
      const fresh = await ctx();
      assert.notStrictEqual(fresh.full, updated.full);
      assert.deepStrictEqual(fresh.full, updated.full);
      assert.deepStrictEqual(fresh.public, updated.public);
      assert.deepStrictEqual(fresh.small, updated.small);
    });

    it('samtidiga läsare väntar på samma beräkning', async () => {
      clearAnalysisCache(db);
      const { fullLoads } = analysisCacheStats;
      const all = await Promise.all(Array.from({ length: 8 }, () => ctx()));
      assert.equal(analysisCacheStats.fullLoads, fullLoads + 1);
      for (const c of all) assert.strictEqual(c.full, all[0].full);
      // A submission while readers wait: they share one update too.
      const p = await db.query<{ id: number }>(
        `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, started_at, completed_at)
         VALUES ($1, $2, 'import', 'it', 'it', now(), now()) RETURNING id`,
        [roundId, AMAL],
      );
      await db.query(`INSERT INTO answers (respondent_id, item_id, value) VALUES ($1, 'q1', '"4"')`, [p.rows[0].id]);
      const { combines } = analysisCacheStats;
      const again = await Promise.all(Array.from({ length: 8 }, () => ctx()));
      assert.equal(analysisCacheStats.combines, combines + 1);
      assert.equal(nOf(again[0], AMAL), 3);
    });

    it('namn, områden och referensserier får en ny version vid varje ändring (migrering 030), inte vid läsning eller återrullning', async () => {
      const v0 = await viewVersions(db, roundId);
      assert.deepEqual(await viewVersions(db, roundId), v0, 'en läsning flyttar ingen version');
      await db.query(`UPDATE municipalities SET name = name WHERE code = $1`, [MELLERUD]);
      const v1 = await viewVersions(db, roundId);
      assert.notEqual(v1.names, v0.names);
      assert.deepEqual([v1.areas, v1.references, v1.stamps], [v0.areas, v0.references, v0.stamps]);
      await db.query(`UPDATE areas SET sort = sort WHERE id = 'it'`);
      const v2 = await viewVersions(db, roundId);
      assert.notEqual(v2.areas, v1.areas);
      assert.equal(v2.names, v1.names);
      const series = await db.query<{ id: number }>(
        `INSERT INTO reference_series (name, measure, source_title) VALUES ('Cacheserie', 'index', 'Test') RETURNING id`,
      );
      const v3 = await viewVersions(db, roundId);
      assert.notEqual(v3.references, v2.references);
      await db.query(`INSERT INTO reference_values (series_id, year, value) VALUES ($1, 2024, 50)`, [series.rows[0].id]);
      const v4 = await viewVersions(db, roundId);
      assert.notEqual(v4.references, v3.references, 'ett nytt värde i en serie är en ny version');
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(`UPDATE municipalities SET name = name || ' (ändrad)' WHERE code = $1`, [MELLERUD]);
          throw new Error('återrullas');
        }),
      );
      assert.deepEqual(await viewVersions(db, roundId), v4, 'en återrullad ändring flyttar ingen version');
      await db.query('DELETE FROM reference_series WHERE id = $1', [series.rows[0].id]);
    });

    if (backend.name === 'postgres')
      it('två processer på samma databas: ett svar via den ena syns direkt i den andras analys', async () => {
        const schema = (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
        const other = await openDb({ url: process.env.TEST_DATABASE_URL!, schema });
        try {
          const before = await ctx(other);
          assert.strictEqual((await ctx(other)).full, before.full);
          const p = await db.query<{ id: number }>(
            `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, started_at) VALUES ($1, $2, 'link', 'it', 'it', now()) RETURNING id`,
            [roundId, MELLERUD],
          );
          await saveAnswer(db, p.rows[0].id, 'q1', '4');
          await completeRespondent(db, p.rows[0].id);
          const afterSubmit = await ctx(other);
          assert.equal(nOf(afterSubmit, MELLERUD), nOf(before, MELLERUD) + 1);
          assert.equal(afterSubmit.full.respondents.n, before.full.respondents.n + 1);
        } finally {
          await other.close();
        }
      });
  });
}
