// The measurement commands work in one association (issue 14): `--association <förbund>`, else the
// instance's default (Fyrbodal). A round of another association is refused with a message naming it; a
// round's municipalities must be members of its association. The sign-in rules and the group report
// follow the same option.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnvironments, samverka } from './support/cli.ts';

const { dir, envs } = await cliEnvironments('measurecli');

for (const e of envs) {
  describe(`CLI: mätning per kommunalförbund (${e.name})`, () => {
    after(e.cleanup);
    let fyrRound = 0;
    let grRound = 0;

    it('demo load; rounds list and municipalities list per association', async () => {
      assert.equal((await samverka(e.env, 'demo', 'load')).code, 0);
      const fyr = JSON.parse((await samverka(e.env, 'rounds', 'list', '--json')).stdout) as Array<{ id: number; title: string; status: string }>;
      // Six demo rounds, the 2024 survey held as published and Mellerud's information security 2021: all Fyrbodal's.
      assert.equal(fyr.length, 8, 'the eight demo rounds are Fyrbodal\'s');
      fyrRound = fyr.find((r) => r.status === 'closed')!.id;
      const gr = await samverka(e.env, 'rounds', 'list', '--association', 'gr', '--json');
      assert.equal(gr.code, 0, gr.stderr);
      assert.deepEqual(JSON.parse(gr.stdout), []);
      const members = JSON.parse((await samverka(e.env, 'municipalities', 'list', '--association', 'Göteborgsregionen', '--json')).stdout) as unknown[];
      assert.equal(members.length, 13);
      const unknown = await samverka(e.env, 'rounds', 'list', '--association', 'halland');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /Kommunalförbundet "halland" finns inte\. Ange ett av: fyrbodal \(Fyrbodals kommunalförbund\), gr \(Göteborgsregionen\)/);
    });

    it('rounds create --association gr: members only (400-style message naming the municipality), then the round is GR\'s', async () => {
      const base = ['rounds', 'create', '--association', 'gr', '--instrument', 'statusenkat', '--title', 'GR enkät', '--start', '2026-09-01', '--end', '2026-10-31'];
      const refused = await samverka(e.env, ...base, '--municipalities', '1480', '1461');
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Kommunen 1461 \(Mellerud\) är inte medlem i Göteborgsregionen/);
      const created = await samverka(e.env, ...base, '--municipalities', '1480,1481', '--json');
      assert.equal(created.code, 0, created.stderr);
      grRound = (JSON.parse(created.stdout) as { id: number }).id;
      const gr = JSON.parse((await samverka(e.env, 'rounds', 'list', '--association', 'gr', '--json')).stdout) as Array<{ id: number }>;
      assert.deepEqual(gr.map((r) => r.id), [grRound]);
    });

    it("a round of another association is refused by every measurement command, naming the round's association", async () => {
      writeFileSync(join(dir, 'svar.csv'), 'Kommun;Respondenttyp\n1461;it-nara\n');
      const notFyr = new RegExp(`Mätomgång ${grRound} tillhör Göteborgsregionen, inte Fyrbodals kommunalförbund\\. Ange --association gr`);
      const notGr = new RegExp(`Mätomgång ${fyrRound} tillhör Fyrbodals kommunalförbund, inte Göteborgsregionen\\. Ange --association fyrbodal`);
      for (const [args, expected] of [
        [['rounds', 'show', String(grRound)], notFyr],
        [['rounds', 'open', String(grRound)], notFyr],
        [['respondents', 'links', '--round', String(grRound), '--municipality', '1480'], notFyr],
        [['rounds', 'show', String(fyrRound), '--association', 'gr'], notGr],
        [['analyze', '--round', String(fyrRound), '--association', 'gr'], notGr],
        [['report', '--round', String(fyrRound), '--association', 'gr', '--out', join(dir, 'x.pdf')], notGr],
        [['import', 'responses', '--round', String(fyrRound), '--association', 'gr', '--file', join(dir, 'svar.csv')], notGr],
      ] as const) {
        const r = await samverka(e.env, ...args);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
        assert.match(r.stderr, expected, args.join(' '));
      }
      // In its own association the same commands work.
      const shown = await samverka(e.env, 'rounds', 'show', String(grRound), '--association', 'gr', '--json');
      assert.equal(shown.code, 0, shown.stderr);
      assert.equal(JSON.parse(shown.stdout).title, 'GR enkät');
      const analysed = await samverka(e.env, 'analyze', '--round', String(fyrRound), '--json');
      assert.equal(analysed.code, 0, analysed.stderr);
    });

    it('sso domains and group-report work in one association too', async () => {
      const set = await samverka(e.env, 'sso', 'domains', 'set', 'partille.se', '--provisioning', 'refuse', '--association', 'gr', '--json');
      assert.equal(set.code, 0, set.stderr);
      const listed = (args: string[]) => samverka(e.env, 'sso', 'domains', 'list', ...args, '--json').then((r) => (JSON.parse(r.stdout) as Array<{ domain: string }>).map((d) => d.domain));
      assert.deepEqual(await listed(['--association', 'gr']), ['partille.se']);
      assert.ok(!(await listed([])).includes('partille.se'), "not in Fyrbodal's rules");
      // Fyrbodal (the default) can neither take over nor remove GR's rule.
      const taken = await samverka(e.env, 'sso', 'domains', 'set', 'partille.se', '--provisioning', 'create');
      assert.equal(taken.code, 1);
      assert.match(taken.stderr, /Domänen partille\.se har en regel i ett annat kommunalförbund; ange det med --association/);
      const removed = await samverka(e.env, 'sso', 'domains', 'remove', 'partille.se');
      assert.equal(removed.code, 1);
      assert.match(removed.stderr, /Fyrbodals kommunalförbund har ingen regel för domänen partille\.se/);
      assert.equal((await samverka(e.env, 'sso', 'domains', 'remove', 'partille.se', '--association', 'gr')).code, 0);
      assert.deepEqual(await listed(['--association', 'gr']), []);

      // The demo's groups are Fyrbodal's: GR does not have them.
      const group = '4D – Bengtsfors, Färgelanda, Mellerud och Åmål';
      const out = join(dir, `grupp-${e.name}.xlsx`);
      const refused = await samverka(e.env, 'group-report', '--group', group, '--association', 'gr', '--format', 'xlsx', '--out', out);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Gruppen "4D – Bengtsfors, Färgelanda, Mellerud och Åmål" finns inte/);
      const written = await samverka(e.env, 'group-report', '--group', group, '--association', 'fyrbodal', '--format', 'xlsx', '--out', out, '--json');
      assert.equal(written.code, 0, written.stderr);
      assert.equal(JSON.parse(written.stdout).group, group);
    });
  });
}
