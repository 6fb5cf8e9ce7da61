// The demo portfolio obeys the product's own rules (issue 9 item 7). Loads the demo and checks, by hand:
// - every initiative meets the gate of every stage it has passed (DEFAULT_GATES in src/domain/portfolio/stages.ts):
//   e.g. "Avtalssamverkan för e-arkiv Väst" is Prioriterad and so needs at least 2 participating municipalities;
//   it has 6 (Trollhättan, Vänersborg, Lysekil, Åmål, Munkedal, Sotenäs) and the other 8 are interested;
// - no two qualification justifications are identical (11 scored initiatives × 7 criteria = 77 texts);
// - the decision log runs forward: registered < Kvalificering < scored < Prioriterad < Genomförande, participation
//   declared before Prioriterad, status reports after the period they report on and after Genomförande.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/db.ts';
import { checkGate, parsePeriod, STAGES, type Stage } from '../src/domain/portfolio/index.ts';
import { getGates, listCriteria, listInitiatives, listStatusReports } from '../src/store/initiatives.ts';
import { backends } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';

const PATH: Stage[] = ['ide', 'kvalificering', 'prioriterad', 'genomforande', 'nyttohemtagning'];
const day = (ts: Date | string) => new Date(ts).toISOString().slice(0, 10);

for (const backend of backends)
  describe(`demo portfolio (${backend.name})`, () => {
    let t: TestApp;
    let db: Db;
    before(async () => {
      t = await startApp(backend);
      db = t.db;
    });
    after(async () => t.close());

    test('every demo initiative meets the gates of every stage up to its own', async () => {
      const gates = await getGates(db);
      const criteria = (await listCriteria(db)).filter((c) => c.weight > 0).map((c) => ({ id: c.id, label: c.label }));
      const initiatives = await listInitiatives(db);
      assert.equal(initiatives.length, 13);
      const failures: string[] = [];
      for (const i of initiatives) {
        assert.ok(STAGES.includes(i.stage));
        const ctx = { criteria, scoredCriteria: i.scores.map((s) => s.criterionId), statusReports: await listStatusReports(db, i.id) };
        for (const stage of PATH.slice(1, PATH.indexOf(i.stage) + 1))
          for (const missing of checkGate(i, stage, gates, ctx)) failures.push(`${i.title} (${stage}): ${missing}`);
      }
      assert.deepEqual(failures, []);

      const earkiv = initiatives.find((i) => i.title === 'Avtalssamverkan för e-arkiv Väst')!;
      assert.equal(earkiv.stage, 'prioriterad');
      assert.deepEqual(
        earkiv.participations.filter((p) => p.kind === 'deltar').map((p) => p.municipality),
        ['1427', '1430', '1484', '1487', '1488', '1492'],
      );
      assert.equal(earkiv.participations.filter((p) => p.kind === 'intresserad').length, 8);
    });

    test('qualification justifications are distinct, one per criterion', async () => {
      const rows = (await db.query<{ initiative_id: number; criterion_id: string; justification: string }>(
        'SELECT initiative_id, criterion_id, justification FROM qualification_scores ORDER BY initiative_id, criterion_id',
      )).rows;
      assert.equal(rows.length, 77);
      const texts = rows.map((r) => r.justification.trim());
      for (const s of texts) assert.ok(s.length >= 20, `kort motivering: "${s}"`);
      const dup = texts.filter((s, k) => texts.indexOf(s) !== k);
      assert.deepEqual(dup, []);
    });

    test('the decision log, scores, participations and status reports are in a plausible order', async () => {
      const initiatives = await listInitiatives(db);
      for (const i of initiatives) {
        const log = (await db.query<{ from_stage: Stage | null; to_stage: Stage; at: Date | string }>(
          'SELECT from_stage, to_stage, at FROM initiative_stage_log WHERE initiative_id = $1 ORDER BY at, id',
          [i.id],
        )).rows;
        // Registered in Idé, then one step at a time up to the current stage, each on a later date.
        assert.deepEqual(log.map((l) => l.to_stage), PATH.slice(0, PATH.indexOf(i.stage) + 1), i.title);
        for (let k = 1; k < log.length; k++) assert.ok(day(log[k - 1].at) < day(log[k].at), `${i.title}: ${log[k].to_stage} efter ${log[k - 1].to_stage}`);
        const reached = (s: Stage) => log.find((l) => l.to_stage === s)?.at;
        const now = day(new Date());
        assert.ok(log.every((l) => day(l.at) < now), `${i.title}: inga beslut i framtiden`);

        if (i.scores.length) {
          const kval = reached('kvalificering');
          assert.ok(kval, `${i.title}: poäng utan kvalificering`);
          for (const s of i.scores) {
            assert.ok(day(s.scoredAt) > day(kval), `${i.title}: bedömd efter Kvalificering`);
            const prio = reached('prioriterad');
            if (prio) assert.ok(day(s.scoredAt) < day(prio), `${i.title}: bedömd före Prioriterad`);
          }
        }
        const declared = (await db.query<{ at: Date | string }>('SELECT declared_at AS at FROM initiative_participations WHERE initiative_id = $1', [i.id])).rows;
        const prio = reached('prioriterad');
        for (const d of declared) {
          assert.ok(day(d.at) >= day(log[0].at), `${i.title}: deltagande efter registrering`);
          if (prio) assert.ok(day(d.at) < day(prio), `${i.title}: deltagande före Prioriterad`);
        }
        const start = reached('genomforande');
        for (const r of await listStatusReports(db, i.id)) {
          assert.ok(start, `${i.title}: statusrapport utan genomförande`);
          assert.ok(day(r.reportedAt) > day(start), `${i.title} ${r.period}: rapporterad efter start`);
          assert.ok(day(r.reportedAt) > parsePeriod(r.period)!.end, `${i.title} ${r.period}: rapporterad efter periodens slut`);
        }
      }
      // Hand-checked examples: 4D registered 2024-09-10, Genomförande 2025-01-09, its 2025-Q2 report on 2025-07-03.
      const fourD = initiatives.find((i) => i.title.endsWith('(4D)'))!;
      const log = (await db.query<{ to_stage: Stage; at: Date | string }>('SELECT to_stage, at FROM initiative_stage_log WHERE initiative_id = $1 ORDER BY at', [fourD.id])).rows;
      assert.deepEqual(log.map((l) => [l.to_stage, day(l.at)]), [
        ['ide', '2024-09-10'],
        ['kvalificering', '2024-10-01'],
        ['prioriterad', '2024-11-14'],
        ['genomforande', '2025-01-09'],
      ]);
      const q2 = (await listStatusReports(db, fourD.id)).find((r) => r.period === '2025-Q2')!;
      assert.equal(day(q2.reportedAt), '2025-07-03');
    });

    test('the Prioriterad decision names the weighted score: e-arkiv 45/11 = 4,09', async () => {
      const row = (await db.query<{ reason: string }>(
        `SELECT l.reason FROM initiative_stage_log l JOIN initiatives i ON i.id = l.initiative_id
          WHERE i.title = 'Avtalssamverkan för e-arkiv Väst' AND l.to_stage = 'prioriterad'`,
      )).rows[0];
      assert.match(row.reason, /viktad poäng 4,09 av 5/);
    });
  });
