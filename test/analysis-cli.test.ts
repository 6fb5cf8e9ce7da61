// `npx samverka analyze` on both databases: the association's view as JSON and text, a municipality
// against the region, change between rounds, and clear errors (expected numbers: analysis-seed.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import { AMAL, BENGTSFORS, MELLERUD, ROUND_2023, ROUND_2025, seedRound } from './support/analysis-seed.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const { envs } = await cliEnvironments('analyze');

for (const e of envs) {
  describe(`CLI analyze (${e.name})`, () => {
    let r2025 = 0;
    let r2023 = 0;
    let other = 0;
    before(async () => {
      const db = await e.open();
      try {
        await migrate(db);
        for (const [code, name] of [
          [MELLERUD, 'Mellerud'],
          [BENGTSFORS, 'Bengtsfors'],
          [AMAL, 'Åmål'],
        ])
          await db.query('INSERT INTO municipalities (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [code, name]);
        await db.query(`INSERT INTO areas (id, name) VALUES ('it', 'IT'), ('utbildning', 'Utbildning och skola') ON CONFLICT DO NOTHING`);
        r2025 = await seedRound(db, { title: 'Analysrunda 2025', periodStart: '2025-01-01', periodEnd: '2025-12-31', respondents: ROUND_2025 });
        r2023 = await seedRound(db, { title: 'Analysrunda 2023', periodStart: '2023-01-01', periodEnd: '2023-12-31', respondents: ROUND_2023 });
        const formagekarta = loadBuiltInInstrumentsSync().find((i) => i.id === 'formagekarta')!;
        other = await seedRound(db, {
          title: 'Förmågekarta 2024',
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          respondents: [],
          instrument: formagekarta,
          municipalities: [MELLERUD],
        });
      } finally {
        await db.close();
      }
    });
    after(e.cleanup);

    it('analyze --json ger förbundets regionala vy med namn', async () => {
      const r = await samverka(e.env, 'analyze', '--round', String(r2025), '--json');
      assert.equal(r.code, 0, r.stderr);
      const view = JSON.parse(r.stdout);
      assert.equal(view.kind, 'regional');
      const rows = view.figures.find((f: any) => f.id === 'kommuner').rows;
      assert.deepEqual(
        rows.map((x: any) => [x.cells.municipality, x.cells.n, x.cells.overall]),
        [
          ['Bengtsfors', 3, 31.25],
          ['Mellerud', 4, 71.875],
          ['Åmål', 2, 53.125],
        ],
      );
    });

    it('analyze --municipality och --compare; text anger bas och n', async () => {
      const m = await samverka(e.env, 'analyze', '--round', String(r2025), '--municipality', MELLERUD, '--json');
      assert.equal(m.code, 0, m.stderr);
      const q1 = JSON.parse(m.stdout).figures.find((f: any) => f.id === 'kommun-mot-region').rows.find((x: any) => x.key === 'q1').cells;
      // The CLI shows the association's view: region of all three municipalities (mean 75).
      assert.deepEqual([q1.own, q1.mean, q1.difference], [75, 75, 0]);
      const c = await samverka(e.env, 'analyze', '--round', String(r2025), '--compare', String(r2023), '--json');
      assert.equal(c.code, 0, c.stderr);
      const change = JSON.parse(c.stdout);
      assert.deepEqual([change.increasedShare.count, change.increasedShare.n], [1, 3]);
      const text = await samverka(e.env, 'analyze', '--round', String(r2025));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Kommunerna \(procent av skalans maximum\) – bas: respondenter, n = 9/);
      assert.match(text.stdout, /Åmål; n \(svarande\): 2; Totalt: 53,1 %/);
    });

    it('tydliga fel: okänd omgång, okänd kommun, annat instrument', async () => {
      const unknown = await samverka(e.env, 'analyze', '--round', '99999', '--json');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /Mätomgång 99999 finns inte/);
      const muni = await samverka(e.env, 'analyze', '--round', String(r2025), '--municipality', '9999');
      assert.equal(muni.code, 1);
      assert.match(muni.stderr, /9999 finns inte/);
      const cmp = await samverka(e.env, 'analyze', '--round', String(r2025), '--compare', String(other));
      assert.equal(cmp.code, 1);
      assert.match(cmp.stderr, /kan inte jämföras/);
      const badId = await samverka(e.env, 'analyze', '--round', 'x');
      assert.equal(badId.code, 1);
      assert.match(badId.stderr, /positivt heltal/);
    });
  });
}
