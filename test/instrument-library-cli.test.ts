// The instrument library from the CLI: validate and import a YAML file, duplicate a version and
// compare two versions, on the embedded database and on PostgreSQL.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cliEnvironments, samverka } from './support/cli.ts';

const { dir, envs } = await cliEnvironments('instrcli');

const good = [
  'id: cli-prov',
  'version: "1.0"',
  'title: CLI-prov',
  'mode: survey',
  'scales:',
  '  - id: jn',
  '    label: Ja eller nej',
  '    options:',
  '      - { code: ja, label: Ja, value: 1 }',
  '      - { code: nej, label: Nej, value: 0 }',
  'items:',
  '  - { id: a, type: scale, scale: jn, text: Fråga A, short: Fråga A }',
  '  - { id: b, type: text, text: Fråga B, short: Fråga B }',
].join('\n');
const goodFile = join(dir, 'prov.yaml');
const badFile = join(dir, 'fel.yml');
writeFileSync(goodFile, good);
writeFileSync(badFile, good.replace('scale: jn, text: Fråga A', 'scale: saknas, text: Fråga A').replace('type: text', 'type: fritext'));

for (const e of envs) {
  describe(`instrument i CLI (${e.name})`, () => {
    after(() => e.cleanup());

    it('validate listar varje fel med sökväg och slutkod 1', async () => {
      const r = await samverka(e.env, 'instruments', 'validate', badFile, '--json');
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout);
      assert.equal(out.valid, false);
      assert.deepEqual(out.errors.map((x: { path: string }) => x.path).sort(), ['items[0].scale', 'items[1].type']);
    });

    it('import av YAML, duplicate till nästa delversion och compare', async () => {
      const imp = await samverka(e.env, 'instruments', 'import', goodFile, '--json');
      assert.equal(imp.code, 0, imp.stderr);
      assert.deepEqual(JSON.parse(imp.stdout), { id: 'cli-prov', version: '1.0', result: 'created' });
      const dup = await samverka(e.env, 'instruments', 'duplicate', 'cli-prov', '1.0', '--json');
      assert.equal(dup.code, 0, dup.stderr);
      assert.deepEqual(JSON.parse(dup.stdout), { id: 'cli-prov', version: '1.1', basedOn: '1.0' });
      const again = await samverka(e.env, 'instruments', 'duplicate', 'cli-prov', '1.0', '--to', '1.1');
      assert.notEqual(again.code, 0);
      assert.match(again.stderr, /har redan en version 1\.1/);
      const cmp = await samverka(e.env, 'instruments', 'compare', 'cli-prov', '1.0', '1.1');
      assert.equal(cmp.code, 0, cmp.stderr);
      assert.match(cmp.stdout, /Mätomgångar på version 1\.0 och 1\.1 kan jämföras/);
      assert.match(cmp.stdout, /a\s+Oförändrad/);
    });
  });
}
