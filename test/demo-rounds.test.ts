// Demo rounds (issue 3 item 6, DOMAIN.md §11). Expected values are taken from the source reports (docs/sources.md) by hand:
// - Mellerud's capability map (Delrapport Mellerud 2021 figur 17): 55 capabilities, 37 rated 1, 16 rated 2, 2 rated 3;
// - the 4D matrix (Förstudierapport gemensam it-organisation 2024 Bilaga 2 and table 2): Färgelanda It-ledning 1, target 3; Bengtsfors 3,
//   Mellerud 1, Åmål 2; "Support, first line" 3 in all four;
// - DiMiOS 2020 (Analysrapport 2024, avsnitt 3.2.3, figur 7): 13 municipalities, 7 in B, 1 in A, 5 in D, regional mean
//   about 53 %; Mellerud in D (Delrapport Mellerud 2021, avsnitt 3.1.3);
// - status survey 2024 (Analysrapport 2024, avsnitt 3.2.3 figur 11): processorienterade arbetssätt 0/35/31/22/12/0 %,
//   innovationskultur 4/25/49/16/6/0 %.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/db.ts';
import { DEMO_ROUNDS, buildDemoRounds, loadDemoRounds } from '../src/demo/rounds.ts';
import { compareRounds, regionalScores, scoreMunicipalities, type AnalysisResponse } from '../src/domain/analysis/index.ts';
import { loadBuiltInInstruments } from '../src/domain/instruments/catalog.ts';
import type { Instrument } from '../src/domain/instruments/schema.ts';
import { backends } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';

async function roundId(db: Db, key: keyof typeof DEMO_ROUNDS): Promise<number> {
  const { instrument, title } = DEMO_ROUNDS[key];
  const rows = (await db.query<{ id: number }>('SELECT id FROM rounds WHERE is_demo AND instrument_id = $1 AND title = $2', [instrument, title])).rows;
  assert.equal(rows.length, 1, `exactly one round "${title}"`);
  return rows[0].id;
}

/** The stored answers of a round as analysis responses (one per respondent with answers). */
async function responses(db: Db, id: number): Promise<AnalysisResponse[]> {
  const rows = (
    await db.query<{ id: number; municipality: string; type: string | null; area: string | null; item: string; value: any }>(
      `SELECT p.id, p.municipality_code AS municipality, p.respondent_type AS type, p.area, a.item_id AS item, a.value
         FROM respondents p JOIN answers a ON a.respondent_id = p.id WHERE p.round_id = $1 ORDER BY p.id`,
      [id],
    )
  ).rows;
  const byId = new Map<number, AnalysisResponse>();
  for (const r of rows) {
    if (!byId.has(r.id))
      byId.set(r.id, { responseId: String(r.id), municipality: r.municipality, respondentType: r.type ?? undefined, area: r.area ?? undefined, answers: {} });
    byId.get(r.id)!.answers[r.item] = r.value;
  }
  return [...byId.values()];
}

async function storedInstrument(db: Db, roundIdValue: number): Promise<Instrument> {
  return (
    await db.query<{ definition: Instrument }>(
      'SELECT i.definition FROM rounds r JOIN instruments i ON i.id = r.instrument_id AND i.version = r.instrument_version WHERE r.id = $1',
      [roundIdValue],
    )
  ).rows[0].definition;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['instruments', 'rounds', 'round_municipalities', 'respondents', 'answers'])
    out[t] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  return out;
}

test('demo rounds are deterministic (same data on every build)', async () => {
  const instruments = await loadBuiltInInstruments();
  assert.equal(JSON.stringify(buildDemoRounds(instruments)), JSON.stringify(buildDemoRounds(instruments)));
});

for (const backend of backends)
  describe(`demo rounds (${backend.name})`, () => {
    let t: TestApp;
    let db: Db;
    before(async () => {
      t = await startApp(backend);
      db = t.db;
    });
    after(async () => t.close());

    test('the seven demo rounds exist with their status, municipalities and a Swedish demo note', async () => {
      const expected: Array<[keyof typeof DEMO_ROUNDS, string, number]> = [
        ['dimios2020', 'closed', 13],
        ['formagekarta2021', 'closed', 11],
        ['itKompetens2024', 'closed', 4],
        ['status2024Published', 'closed', 14], // Analysrapport 2024 figures 2–24 as published aggregates
        ['status2024', 'closed', 14], // sent to all 14; 13 answered (Strömstad not)
        ['dimios2025', 'closed', 10],
        ['status2026', 'open', 14],
      ];
      for (const [key, status, municipalities] of expected) {
        const id = await roundId(db, key);
        const r = (
          await db.query<{ status: string; is_demo: boolean; demo_note: string | null; n: number; opened: boolean; closed: boolean }>(
            `SELECT status, is_demo, demo_note, opened_at IS NOT NULL AS opened, closed_at IS NOT NULL AS closed,
                    (SELECT count(*)::int FROM round_municipalities m WHERE m.round_id = r.id) AS n
               FROM rounds r WHERE id = $1`,
            [id],
          )
        ).rows[0];
        assert.equal(r.status, status, key);
        assert.equal(r.is_demo, true, key);
        assert.equal(r.n, municipalities, key);
        assert.equal(r.opened, true, key);
        assert.equal(r.closed, status === 'closed', key);
        assert.ok(r.demo_note && r.demo_note.length > 40, `${key} has a demo note`);
      }
      const note = async (key: keyof typeof DEMO_ROUNDS) =>
        (await db.query<{ demo_note: string }>('SELECT demo_note FROM rounds WHERE id = $1', [await roundId(db, key)])).rows[0].demo_note;
      assert.match(await note('formagekarta2021'), /Mellerud: verkliga värden ur Delrapport Mellerud 2021 \(figur 17/);
      assert.match(await note('formagekarta2021'), /Övriga tio kommuner: syntetiserade/);
      assert.match(await note('status2024'), /^Syntetiserade svar/);
      assert.match(await note('status2024Published'), /^Publicerade aggregat: figur 2–24/);
      // The published round holds the report's figures and no respondents (never re-synthesised).
      const pub = await roundId(db, 'status2024Published');
      const held = (await db.query<{ a: number; p: number }>(
        'SELECT (SELECT count(*)::int FROM published_aggregates WHERE round_id = $1) AS a, (SELECT count(*)::int FROM respondents WHERE round_id = $1) AS p',
        [pub],
      )).rows[0];
      assert.deepEqual(held, { a: 24, p: 0 });
      assert.match(await note('dimios2025'), /^Fiktiv/);
    });

    test("Mellerud's capability map 2021: 55 rated, 37 at 1, 16 at 2, 2 at 3 (Delrapport Mellerud 2021 figur 17)", async () => {
      const id = await roundId(db, 'formagekarta2021');
      const rows = (
        await db.query<{ level: string; n: number }>(
          `SELECT a.value->>'current' AS level, count(*)::int AS n
             FROM respondents p JOIN answers a ON a.respondent_id = p.id
            WHERE p.round_id = $1 AND p.municipality_code = '1461'
            GROUP BY 1 ORDER BY 1`,
          [id],
        )
      ).rows;
      assert.deepEqual(rows, [
        { level: '1', n: 37 },
        { level: '2', n: 16 },
        { level: '3', n: 2 },
      ]);
      const self = (
        await db.query<{ n: number; source: string; completed: boolean }>(
          `SELECT count(*)::int AS n, min(source) AS source, bool_and(completed_at IS NOT NULL) AS completed
             FROM respondents WHERE round_id = $1 AND municipality_code = '1461'`,
          [id],
        )
      ).rows[0];
      assert.deepEqual(self, { n: 1, source: 'self', completed: true });
      // Following the seed's order: "Följa upp avtal" 1, "Upprätthålla stabil och tillförlitlig driftsleverans" 3.
      const one = async (item: string) =>
        (
          await db.query<{ v: string }>(
            `SELECT a.value->>'current' AS v FROM respondents p JOIN answers a ON a.respondent_id = p.id
              WHERE p.round_id = $1 AND p.municipality_code = '1461' AND a.item_id = $2`,
            [id, item],
          )
        ).rows[0]?.v;
      assert.equal(await one('folja-upp-avtal'), '1');
      assert.equal(await one('stabil-driftsleverans'), '3');
      assert.equal(await one('kommunicera-med-medarbetare'), '3');
      // Ten other municipalities, each with all 55 capabilities rated.
      const others = (
        await db.query<{ m: number; a: number }>(
          `SELECT count(DISTINCT p.municipality_code)::int AS m, count(*)::int AS a
             FROM respondents p JOIN answers a ON a.respondent_id = p.id WHERE p.round_id = $1 AND p.municipality_code <> '1461'`,
          [id],
        )
      ).rows[0];
      assert.deepEqual(others, { m: 10, a: 550 });
    });

    test('IT competence 2024 matches the 4D matrix (Förstudierapport gemensam it-organisation 2024 Bilaga 2): Färgelanda It-ledning 1, target 3', async () => {
      const id = await roundId(db, 'itKompetens2024');
      const rating = async (code: string, item: string) =>
        (
          await db.query<{ v: string }>(
            `SELECT a.value->>'current' AS v FROM respondents p JOIN answers a ON a.respondent_id = p.id
              WHERE p.round_id = $1 AND p.municipality_code = $2 AND a.item_id = $3`,
            [id, code, item],
          )
        ).rows[0]?.v;
      assert.equal(await rating('1439', 'it-ledning'), '1');
      assert.equal(await rating('1460', 'it-ledning'), '3');
      assert.equal(await rating('1461', 'it-ledning'), '1');
      assert.equal(await rating('1492', 'it-ledning'), '2');
      for (const code of ['1460', '1439', '1461', '1492']) assert.equal(await rating(code, 'support-first-line'), '3', code);
      assert.equal(await rating('1439', 'programpaketering'), '3');
      const ins = await storedInstrument(db, id);
      assert.equal(ins.items.find((i) => i.id === 'it-ledning')?.target?.level, 3);
      const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.round_id = $1', [id]))
        .rows[0].n;
      assert.equal(n, 60);
    });

    test('DiMiOS 2020: 7 B, 1 A, 5 D, Mellerud D, regional mean 53 ± 1.5 % (analysis module over stored answers)', async () => {
      const id = await roundId(db, 'dimios2020');
      const ins = await storedInstrument(db, id);
      const rs = await responses(db, id);
      const region = regionalScores(ins, rs);
      assert.deepEqual(region.quadrantCounts?.counts, { A: 1, B: 7, C: 0, D: 5 });
      assert.equal(region.municipalities.n, 13);
      const mean = region.overall.pct.municipalityWeighted.mean!;
      assert.ok(Math.abs(mean - 53) <= 1.5, `regional mean ${mean}`);
      const mellerud = scoreMunicipalities(ins, rs).find((m) => m.municipality === '1461');
      assert.equal(mellerud?.quadrant?.key, 'D');
      // Respondents: förvaltningschefer and IT-chefer (Delrapport Mellerud 2021, avsnitt 3.1.3).
      const types = (await db.query<{ t: string }>('SELECT DISTINCT respondent_type AS t FROM respondents WHERE round_id = $1 ORDER BY 1', [id])).rows;
      assert.deepEqual(types.map((r) => r.t), ['forvaltningschef', 'it-chef']);
    });

    test('DiMiOS 2025 (fictional follow-up): 5 of 10 municipalities increased by at least 5 pp', async () => {
      const before2020 = await roundId(db, 'dimios2020');
      const after2025 = await roundId(db, 'dimios2025');
      const change = compareRounds(
        { instrument: await storedInstrument(db, before2020), responses: await responses(db, before2020) },
        { instrument: await storedInstrument(db, after2025), responses: await responses(db, after2025) },
      );
      assert.deepEqual(change.increasedShare, { base: 'municipalities', n: 10, count: 5, percent: 50 });
      assert.deepEqual(change.counts, { increased: 5, unchanged: 4, decreased: 1 });
      assert.deepEqual(change.onlyBefore.sort(), ['1421', '1438', '1486']);
    });

    test('status survey 2024: regional distribution within ±10 pp of Analysrapport 2024 figur 11; sample as specified', async () => {
      const id = await roundId(db, 'status2024');
      const published: Record<string, Record<string, number>> = {
        'processorienterat-arbetssatt': {
          'icke-existerande': 0,
          ostrukturerad: 35,
          'i-utvecklingsfasen': 31,
          'delvis-etablerad': 22,
          'val-fungerande': 12,
          'fullt-etablerad': 0,
        },
        innovationskultur: {
          'icke-existerande': 4,
          ostrukturerad: 25,
          'i-utvecklingsfasen': 49,
          'delvis-etablerad': 16,
          'val-fungerande': 6,
          'fullt-etablerad': 0,
        },
      };
      for (const [item, dist] of Object.entries(published)) {
        const rows = (
          await db.query<{ code: string; n: number }>(
            `SELECT a.value #>> '{}' AS code, count(*)::int AS n
               FROM respondents p JOIN answers a ON a.respondent_id = p.id
              WHERE p.round_id = $1 AND a.item_id = $2 GROUP BY 1`,
            [id, item],
          )
        ).rows;
        const total = rows.reduce((s, r) => s + r.n, 0);
        assert.ok(total >= 26, `${item}: ${total} answers`);
        for (const [code, pct] of Object.entries(dist)) {
          const got = ((rows.find((r) => r.code === code)?.n ?? 0) / total) * 100;
          assert.ok(Math.abs(got - pct) <= 10, `${item} ${code}: ${got.toFixed(1)} % vs published ${pct} %`);
        }
      }
      const perMunicipality = (
        await db.query<{ code: string; n: number; it: number; other: number; no_area: number; completed: number }>(
          `SELECT municipality_code AS code, count(*)::int AS n,
                  count(*) FILTER (WHERE respondent_type = 'it-nara')::int AS it,
                  count(*) FILTER (WHERE respondent_type = 'verksamhetsnara')::int AS other,
                  count(*) FILTER (WHERE area IS NULL)::int AS no_area,
                  count(completed_at)::int AS completed
             FROM respondents WHERE round_id = $1 AND source = 'import' GROUP BY 1`,
          [id],
        )
      ).rows;
      // The respondents who answered (imported); the non-respondents are tested below.
      assert.equal(perMunicipality.length, 13);
      for (const m of perMunicipality) {
        assert.ok(m.n >= 2 && m.n <= 4, `${m.code}: ${m.n} respondents`);
        assert.equal(m.it + m.other, m.n);
        assert.ok(m.it >= 1 && m.other >= 1, m.code);
        assert.equal(m.no_area, 0);
        assert.equal(m.completed, m.n);
      }
      // Routing: IT-only questions are answered by IT-nära respondents only.
      const wrong = (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM respondents p JOIN answers a ON a.respondent_id = p.id
            WHERE p.round_id = $1 AND a.item_id = 'teknisk-skuld' AND p.respondent_type <> 'it-nara'`,
          [id],
        )
      ).rows[0].n;
      assert.equal(wrong, 0);
      const texts = (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM respondents p JOIN answers a ON a.respondent_id = p.id
            WHERE p.round_id = $1 AND a.item_id = 'mal-digitalisering' AND jsonb_typeof(a.value) = 'string'`,
          [id],
        )
      ).rows[0].n;
      assert.ok(texts >= 5, `${texts} free-text goals`);
    });

    test('the 2026 round is open for all 14 municipalities with link respondents and no answers', async () => {
      const id = await roundId(db, 'status2026');
      const r = (
        await db.query<{ n: number; municipalities: number; tokens: number; link: number; invited: number; started: number; answers: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT municipality_code)::int AS municipalities,
                  count(DISTINCT token)::int AS tokens, count(*) FILTER (WHERE source = 'link')::int AS link,
                  count(invited_at)::int AS invited, count(started_at)::int AS started,
                  (SELECT count(*)::int FROM answers a JOIN respondents q ON q.id = a.respondent_id WHERE q.round_id = $1) AS answers
             FROM respondents WHERE round_id = $1`,
          [id],
        )
      ).rows[0];
      assert.equal(r.municipalities, 14);
      assert.equal(r.n, 42);
      assert.equal(r.tokens, 42);
      assert.equal(r.link, 42);
      assert.deepEqual([r.invited, r.started, r.answers], [0, 0, 0]);
      const mellerud = (
        await db.query<{ n: number; emails: number }>(
          `SELECT count(*)::int AS n, count(email)::int AS emails FROM respondents WHERE round_id = $1 AND municipality_code = '1461'`,
          [id],
        )
      ).rows[0];
      assert.deepEqual(mellerud, { n: 3, emails: 3 });
    });

    test('closed rounds show non-response: invited respondents who never answered, rates per municipality vary', async () => {
      // Rates per municipality from the sample (the base of the response rate: every respondent in the sample).
      const rates = async (key: keyof typeof DEMO_ROUNDS) => {
        const id = await roundId(db, key);
        return (
          await db.query<{ code: string; n: number; completed: number; silent_answers: number; invited: number; reminded: number }>(
            `SELECT municipality_code AS code, count(*)::int AS n, count(completed_at)::int AS completed,
                    count(*) FILTER (WHERE completed_at IS NULL AND source = 'import')::int AS silent_import,
                    (SELECT count(*)::int FROM answers a JOIN respondents q ON q.id = a.respondent_id
                      WHERE q.round_id = $1 AND q.municipality_code = p.municipality_code AND q.completed_at IS NULL) AS silent_answers,
                    count(invited_at) FILTER (WHERE completed_at IS NULL)::int AS invited,
                    count(reminded_at) FILTER (WHERE completed_at IS NULL)::int AS reminded
               FROM respondents p WHERE round_id = $1 GROUP BY 1 ORDER BY 1`,
            [id],
          )
        ).rows;
      };
      for (const key of ['dimios2020', 'status2024', 'dimios2025'] as const) {
        const rows = await rates(key);
        const pct = rows.map((r) => (r.completed / r.n) * 100);
        const total = rows.reduce((s, r) => s + r.n, 0);
        const completed = rows.reduce((s, r) => s + r.completed, 0);
        // Not everyone answered, and the rates differ between municipalities.
        assert.ok(completed < total, `${key}: ${completed} av ${total}`);
        assert.ok(new Set(pct.map((p) => Math.round(p))).size >= 3, `${key}: ${pct.join(', ')}`);
        for (const r of rows) {
          if (key === 'status2024' && r.code === '1486') continue;
          const p = (r.completed / r.n) * 100;
          assert.ok(p >= 60 && p <= 100, `${key} ${r.code}: ${p.toFixed(0)} %`);
          // Those who did not answer have no stored answers, were invited and reminded.
          assert.equal(r.silent_answers, 0, `${key} ${r.code}`);
          assert.equal(r.invited, r.n - r.completed, `${key} ${r.code}`);
          assert.equal(r.reminded, r.n - r.completed, `${key} ${r.code}`);
        }
        const overall = (completed / total) * 100;
        assert.ok(overall >= 60 && overall <= 95, `${key}: ${overall.toFixed(1)} %`);
      }
      // Digitaliseringsenkät 2024: sent to 14, 13 answered; Strömstad's two invitees did not answer.
      const strömstad = (await rates('status2024')).find((r) => r.code === '1486');
      assert.deepEqual([strömstad?.n, strömstad?.completed], [2, 0]);
      // Counted in the results are only those who answered: 13 municipalities in the 2024 survey (unchanged).
      const counted = (
        await db.query<{ m: number }>(
          `SELECT count(DISTINCT municipality_code)::int AS m FROM respondents p
            WHERE round_id = $1 AND (completed_at IS NOT NULL OR source = 'import')`,
          [await roundId(db, 'status2024')],
        )
      ).rows[0].m;
      assert.equal(counted, 13);
    });

    // The rounds step again (startApp has run the whole demo once); other steps test their own idempotency.
    test('loading the demo rounds again changes nothing', async () => {
      const first = await counts(db);
      assert.ok(first.answers > 3000, `${first.answers} answers`);
      await loadDemoRounds(db);
      await loadDemoRounds(db);
      assert.deepEqual(await counts(db), first);
    });
  });
