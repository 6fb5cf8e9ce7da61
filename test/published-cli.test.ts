// `npx samverka published import|list` and `analyze --json` on a round holding published aggregates, on
// both databases. Expected: Analysrapport 2024 figur 3 (portföljstyrning) 17 + 28 + 33 + 6 + 2 = 86 % → PERCENT_SUM.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import { seedRound } from './support/analysis-seed.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const { dir, envs } = await cliEnvironments('published_cli');
const SRC = 'Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024';
const OK = [
  'fraga;figur;alternativ;andel;bas_n;bas_enhet;svarande_kommuner;kalla;sida',
  ...[['icke-existerande', 17], ['ostrukturerad', 28], ['i-utvecklingsfasen', 33], ['delvis-etablerad', 6], ['val-fungerande', 2]].map(
    ([o, v]) => `portfoljstyrning;Figur 3;${o};${v};11;kommuner;11;${SRC};figur 3`,
  ),
  `roller;Figur 10;informationssakerhetschef;24;11;kommuner;11;${SRC};figur 10`,
  `roller;Figur 10;digitaliseringschef;76;11;kommuner;11;${SRC};figur 10`,
].join('\n');
writeFileSync(join(dir, 'ok.csv'), OK);
writeFileSync(join(dir, 'fel.csv'), `${OK}\nforum;Figur 9;it-rad;-3;11;kommuner;11;${SRC};`);

for (const e of envs) {
  describe(`CLI published (${e.name})`, () => {
    let round = 0;
    before(async () => {
      const db = await e.open();
      try {
        await migrate(db);
        const statusenkat = loadBuiltInInstrumentsSync().find((i) => i.id === 'statusenkat')!;
        round = await seedRound(db, { title: 'Publicerad 2024', periodStart: '2024-02-05', periodEnd: '2024-03-22', respondents: [], instrument: statusenkat, municipalities: ['1461', '1460'] });
      } finally {
        await db.close();
      }
    });
    after(e.cleanup);

    it('import with an error: the error by row and column, exit 1, nothing written', async () => {
      const r = await samverka(e.env, 'published', 'import', '--round', String(round), '--file', join(dir, 'fel.csv'), '--json');
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.errors.map((x: any) => [x.row, x.column]), [[9, 'andel']]);
      assert.equal(report.written, 0);
      const list = JSON.parse((await samverka(e.env, 'published', 'list', '--round', String(round), '--json')).stdout);
      assert.equal(list.aggregates.length, 0);
    });

    it('--dry-run writes nothing; import writes; list --json and analyze --json carry the flags', async () => {
      const dry = await samverka(e.env, 'published', 'import', '--round', String(round), '--file', join(dir, 'ok.csv'), '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /Inget sparades \(--dry-run\)/);
      assert.match(dry.stdout, /\[PERCENT_SUM\] Figur 3 \(portfoljstyrning\): andelarna summerar till 86 %/);
      assert.equal(JSON.parse((await samverka(e.env, 'published', 'list', '--round', String(round), '--json')).stdout).aggregates.length, 0);

      const r = await samverka(e.env, 'published', 'import', '--round', String(round), '--file', join(dir, 'ok.csv'));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /2 frågor sparade/);
      const list = JSON.parse((await samverka(e.env, 'published', 'list', '--round', String(round), '--json')).stdout);
      assert.deepEqual(list.figures[0].rows.map((x: any) => x.percent), [17, 28, 33, 6, 2]);
      assert.deepEqual(list.flags.map((f: any) => f.code).sort(), ['MENTIONS_AS_SHARE', 'PERCENT_SUM']);

      const a = await samverka(e.env, 'analyze', '--round', String(round), '--json');
      assert.equal(a.code, 0, a.stderr);
      const view = JSON.parse(a.stdout);
      const f = view.published.flags.find((x: any) => x.code === 'PERCENT_SUM');
      assert.equal(f.subject, 'Figur 3 (portfoljstyrning)');
      assert.equal(f.expected, 100);
      assert.equal(f.actual, 86);
      assert.ok(view.published.flags.some((x: any) => x.code === 'MENTIONS_AS_SHARE' && x.subject === 'Figur 10 (roller)'));
      const text = await samverka(e.env, 'analyze', '--round', String(round));
      assert.match(text.stdout, /Datakvalitet \(2 flaggor för de publicerade aggregaten\)/);
    });

    it('a round of another association is not found', async () => {
      const r = await samverka(e.env, 'published', 'list', '--round', String(round), '--association', 'gr');
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /finns inte i Göteborgsregionen/);
    });
  });
}
