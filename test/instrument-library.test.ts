// The instrument library: reading JSON/YAML files with errors by path, the rules for changing a
// version, duplicate versions and the compatibility of two versions (domain), and the library's
// HTTP API on every backend. Expected values are worked out by hand from the definitions below.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  compareVersions,
  defaultRoundVersion,
  detectFormat,
  nextVersion,
  readInstrumentText,
  versionLockReason,
} from '../src/domain/instruments/library.ts';
import { validateInstrument, type Instrument } from '../src/domain/instruments/schema.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

function instrument(def: Record<string, unknown>): Instrument {
  const v = validateInstrument(def);
  assert.ok(v.ok, v.ok ? '' : JSON.stringify(v.errors));
  return v.instrument;
}

const base = {
  id: 'prov',
  version: '1.0',
  title: 'Provenkät',
  mode: 'survey',
  scales: [
    {
      id: 's1',
      label: 'Instämmande',
      options: [
        { code: '1', label: 'Instämmer inte', value: 1 },
        { code: '2', label: 'Instämmer helt', value: 2 },
        { code: 'vet_ej', label: 'Vet ej', value: null },
      ],
    },
  ],
  items: [
    { id: 'q1', type: 'scale', scale: 's1', text: 'Vi samverkar', short: 'Vi samverkar' },
    { id: 'q2', type: 'single', text: 'Storlek', short: 'Storlek', options: [{ code: 'a', label: 'Liten', value: 1 }, { code: 'b', label: 'Stor', value: 2 }] },
    { id: 'q3', type: 'text', text: 'Övrigt', short: 'Övrigt' },
    { id: 'q4', type: 'number', text: 'Timmar', short: 'Timmar', unit: 'timmar per vecka' },
    { id: 'q5', type: 'scale', scale: 's1', text: 'Vi mäter', short: 'Vi mäter' },
  ],
};

describe('instrumentbiblioteket: domänregler', () => {
  it('läser JSON och YAML; formatet efter filnamn eller första tecken', () => {
    assert.equal(detectFormat('{"id":"x"}'), 'json');
    assert.equal(detectFormat('id: x'), 'yaml');
    assert.equal(detectFormat('{"id":"x"}', 'instrument.yml'), 'yaml');
    assert.equal(detectFormat('id: x', 'instrument.JSON'), 'json');
    const yaml = [
      'id: prov',
      'version: "1.0"',
      'title: Provenkät',
      'mode: survey',
      'items:',
      '  - id: q1',
      '    type: text',
      '    text: Övrigt',
      '    short: Övrigt',
    ].join('\n');
    const r = readInstrumentText(yaml);
    assert.ok(r.ok);
    assert.equal(r.format, 'yaml');
    if (r.ok) assert.deepEqual([r.instrument.id, r.instrument.version, r.instrument.items[0].text], ['prov', '1.0', 'Övrigt']);
  });

  it('varje fel med sökväg: items[n].fält; syntaxfel som ett fel i (rot)', () => {
    const yaml = [
      'id: prov',
      'version: "1"',
      'title: Prov',
      'mode: survey',
      'items:',
      '  - { id: q1, type: text, text: A, short: A }',
      '  - { id: q2, type: scale, scale: saknas, text: B, short: B }',
      '  - { id: q3, type: fritext, text: C, short: C }',
      '  - { id: q1, type: single, text: D, short: D }',
    ].join('\n');
    const r = readInstrumentText(yaml);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path).sort();
    assert.deepEqual(paths, ['items[1].scale', 'items[2].type', 'items[3].id', 'items[3].options']);
    assert.match(r.errors.find((e) => e.path === 'items[1].scale')!.message, /Okänd skala "saknas"/);

    const broken = readInstrumentText('id: prov\nitems: [\n', { filename: 'x.yaml' });
    assert.equal(broken.ok, false);
    if (!broken.ok) {
      assert.equal(broken.errors[0].path, '(rot)');
      assert.match(broken.errors[0].message, /inte giltig YAML/);
    }
    const badJson = readInstrumentText('{ "id": ', { format: 'json' });
    assert.equal(badJson.ok, false);
    if (!badJson.ok) assert.match(badJson.errors[0].message, /inte giltig JSON/);
    const empty = readInstrumentText('  ');
    assert.equal(empty.ok, false);
  });

  it('en version som används av en omgång eller är inbyggd ändras inte; ett oanvänt utkast får ändras', () => {
    assert.equal(versionLockReason({ source: 'import', usedBy: 0 }), null);
    assert.match(versionLockReason({ source: 'import', usedBy: 1 })!, /används av en mätomgång/);
    assert.match(versionLockReason({ source: 'import', usedBy: 3 })!, /används av 3 mätomgångar/);
    assert.match(versionLockReason({ source: 'builtin', usedBy: 0 })!, /inbyggd/);
    assert.match(versionLockReason({ source: 'builtin', usedBy: 2 })!, /används av 2 mätomgångar/);
  });

  it('en ny omgång utan vald version tar den nyaste fastställda versionen, aldrig ett oanvänt utkast', () => {
    const v = (version: string, source: 'builtin' | 'import', usedBy: number) => ({ version, source, usedBy });
    // 2024.10 is newer than 2024.9 (numbers compare as numbers), but it is an unused draft
    assert.equal(defaultRoundVersion([v('2024.9', 'import', 1), v('2024.10', 'import', 0), v('2024.1', 'builtin', 0)])?.version, '2024.9');
    assert.equal(defaultRoundVersion([v('2024.1', 'builtin', 0), v('2024.2', 'import', 0)])?.version, '2024.1');
    assert.equal(defaultRoundVersion([v('2', 'import', 0), v('10', 'import', 2)])?.version, '10');
    // only drafts: the newest of them
    assert.equal(defaultRoundVersion([v('1.1', 'import', 0), v('1.2', 'import', 0)])?.version, '1.2');
    assert.equal(defaultRoundVersion([]), undefined);
  });

  it('en kopia får nästa lediga delversion', () => {
    assert.equal(nextVersion('2024.1', ['2024.1']), '2024.2');
    assert.equal(nextVersion('2024.1', ['2024.1', '2024.2', '2024.3']), '2024.4');
    assert.equal(nextVersion('v1.9', ['v1.9']), 'v1.10');
    assert.equal(nextVersion('1', ['1']), '1.1');
    assert.equal(nextVersion('1', ['1', '1.1']), '1.2');
    assert.equal(nextVersion('utkast', ['utkast']), 'utkast.1');
  });

  it('kompatibilitet: samma id och samma svarskoder och värden ⇒ jämförbar; ändrad text flaggas', () => {
    const a = instrument(base);
    const b = instrument({
      ...base,
      version: '1.1',
      scales: [
        {
          ...base.scales[0],
          // label of option 2 changed: q1 and q5 keep their codes and values
          options: [base.scales[0].options[0], { code: '2', label: 'Instämmer helt och hållet', value: 2 }, base.scales[0].options[2]],
        },
      ],
      items: [
        { id: 'q5', type: 'scale', scale: 's1', text: 'Vi mäter', short: 'Vi mäter' },
        { id: 'q1', type: 'scale', scale: 's1', text: 'Vi samverkar med andra kommuner', short: 'Vi samverkar', description: 'Högt = ofta' },
        { id: 'q2', type: 'single', text: 'Storlek', short: 'Storlek', options: [{ code: 'a', label: 'Liten', value: 1 }, { code: 'b', label: 'Stor', value: 3 }] },
        { id: 'q4', type: 'number', text: 'Timmar', short: 'Timmar', unit: 'timmar per månad' },
        { id: 'q6', type: 'text', text: 'Ny fråga', short: 'Ny fråga' },
      ],
    });
    const c = compareVersions(a, b);
    assert.equal(c.roundsComparable, true);
    assert.equal(c.reason, null);
    const by = Object.fromEntries(c.items.map((i) => [i.id, i]));
    assert.deepEqual(c.items.map((i) => i.id), ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    assert.equal(by.q1.status, 'comparable');
    assert.deepEqual(by.q1.changes, ['optionLabels', 'text', 'description']);
    assert.equal(by.q1.before, 'Vi samverkar');
    assert.equal(by.q1.after, 'Vi samverkar med andra kommuner');
    assert.equal(by.q2.status, 'not-comparable');
    assert.deepEqual(by.q2.changes, ['values']);
    assert.equal(by.q3.status, 'removed');
    assert.equal(by.q4.status, 'not-comparable');
    assert.deepEqual(by.q4.changes, ['unit']);
    assert.equal(by.q5.status, 'comparable');
    assert.deepEqual(by.q5.changes, ['optionLabels']);
    assert.equal(by.q6.status, 'added');
    assert.deepEqual(c.counts, { same: 0, comparable: 2, 'not-comparable': 2, added: 1, removed: 1 });
  });

  it('kompatibilitet: ändrad frågetyp eller svarskoder bryter; annan huvudversion jämförs inte i analysen', () => {
    const a = instrument(base);
    const b = instrument({
      ...base,
      version: '2.0',
      items: [
        { id: 'q1', type: 'single', text: 'Vi samverkar', short: 'Vi samverkar', options: [{ code: '1', label: 'Nej', value: 1 }, { code: '2', label: 'Ja', value: 2 }] },
        { id: 'q2', type: 'single', text: 'Storlek', short: 'Storlek', options: [{ code: 'a', label: 'Liten', value: 1 }, { code: 'c', label: 'Stor', value: 2 }] },
        { id: 'q3', type: 'text', text: 'Övrigt', short: 'Övrigt' },
        { id: 'q4', type: 'number', text: 'Timmar', short: 'Timmar', unit: 'timmar per vecka' },
        { id: 'q5', type: 'scale', scale: 's1', text: 'Vi mäter', short: 'Vi mäter', respondentTypes: [] },
      ],
    });
    const c = compareVersions(a, b);
    assert.equal(c.roundsComparable, false);
    assert.match(c.reason!, /1\.0 och 2\.0/);
    const by = Object.fromEntries(c.items.map((i) => [i.id, i]));
    assert.deepEqual([by.q1.status, by.q1.changes], ['not-comparable', ['type']]);
    assert.deepEqual([by.q2.status, by.q2.changes], ['not-comparable', ['options']]);
    assert.deepEqual([by.q3.status, by.q4.status, by.q5.status], ['same', 'same', 'same']);
    assert.equal(compareVersions(a, a).counts.same, 5);
  });
});

const STATUS_YAML = `
id: prov-yaml
version: "1"
title: Provenkät i YAML
mode: survey
respondentTypes:
  - { id: chef, label: Chef }
  - { id: medarbetare, label: Medarbetare }
scales:
  - id: jn
    label: Ja eller nej
    options:
      - { code: ja, label: Ja, value: 1 }
      - { code: nej, label: Nej, value: 0 }
items:
  - { id: alla, type: scale, scale: jn, text: Fråga till alla, short: Fråga till alla }
  - { id: chefer, type: scale, scale: jn, text: Fråga till chefer, short: Fråga till chefer, respondentTypes: [chef] }
`;

for (const backend of backends) {
  describe(`instrumentbiblioteket över HTTP (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let anon: Client;
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM instruments')).rows[0].n;
    const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
    const del = (c: Client, url: string) => c.request('DELETE', url);

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
      anon = new Client(t.app);
    });
    after(() => t.close());

    it('laddar upp JSON och YAML; fel listas med sökväg och inget sparas', async () => {
      const n0 = await count();
      const json = JSON.stringify({ ...base, id: 'prov-json' });
      assert.equal((await mellerud.post('/api/instruments/upload', { text: json })).status, 403);
      assert.equal((await anon.post('/api/instruments/upload', { text: json })).status, 401);
      const j = await admin.post('/api/instruments/upload', { text: json, filename: 'prov.json' });
      assert.equal(j.status, 201);
      assert.deepEqual([j.body.result, j.body.format, j.body.instrument], ['created', 'json', { id: 'prov-json', version: '1.0' }]);
      const y = await admin.post('/api/instruments/upload', { text: STATUS_YAML, filename: 'prov.yaml' });
      assert.equal(y.status, 201);
      assert.equal(y.body.format, 'yaml');
      assert.equal((await admin.post('/api/instruments/upload', { text: STATUS_YAML })).body.result, 'unchanged');
      assert.equal(await count(), n0 + 2);

      const bad = STATUS_YAML.replace('version: "1"', 'version: "2"')
        .replace('scale: jn, text: Fråga till alla', 'scale: saknas, text: Fråga till alla')
        .replace('respondentTypes: [chef]', 'respondentTypes: [okand]');
      const r = await admin.post('/api/instruments/upload', { text: bad });
      assert.equal(r.status, 400);
      assert.deepEqual(
        r.body.details.map((e: { path: string }) => e.path).sort(),
        ['items[0].scale', 'items[1].respondentTypes'],
      );
      assert.match(r.body.error, /2 fel, inget har sparats/);
      assert.match(r.body.error, /items\[0\]\.scale: Okänd skala "saknas"/);
      const syntax = await admin.post('/api/instruments/upload', { text: 'id: x\nitems: [', format: 'yaml' });
      assert.equal(syntax.status, 400);
      assert.match(syntax.body.error, /inte giltig YAML/);
      const badVersion = await admin.post('/api/instruments/upload', { text: JSON.stringify({ ...base, id: 'prov-v', version: '1/2' }) });
      assert.equal(badVersion.status, 400);
      assert.equal(badVersion.body.details[0].path, 'version');
      assert.equal(await count(), n0 + 2);
    });

    it('en versions sida: förhandsvisning per respondenttyp, omgångar som använder den; roller', async () => {
      const url = '/api/instruments/statusenkat/versions/2024.1';
      assert.equal((await reader.get(url)).status, 403);
      assert.equal((await anon.get(url)).status, 401);
      assert.equal((await admin.get('/api/instruments/statusenkat/versions/9.9')).status, 404);
      const m = await mellerud.get(url);
      assert.equal(m.status, 200);
      assert.equal(m.body.version.editable, false);
      const r = await admin.get(url);
      assert.equal(r.status, 200);
      assert.equal(r.body.version.source, 'builtin');
      assert.equal(r.body.version.editable, false);
      assert.match(r.body.version.lockReason, /Duplicera/);
      // statusenkat: 17 items for everyone, 8 only IT-nära, 3 only verksamhetsnära
      assert.deepEqual(
        r.body.previews.map((p: any) => [p.respondentType, p.instrument.items.length]),
        [
          ['it-nara', 25],
          ['verksamhetsnara', 20],
          [null, 17],
        ],
      );
      assert.ok(r.body.previews.every((p: any) => p.instrument.items.every((i: any) => !('sourceNote' in i))));
      assert.ok(r.body.rounds.length >= 1, 'demo-omgångarna använder statusenkäten');
      assert.ok(r.body.rounds.every((x: any) => x.accessible));
      const y = await admin.get('/api/instruments/prov-yaml/versions/1');
      assert.deepEqual(
        y.body.previews.map((p: any) => [p.respondentType, p.instrument.items.map((i: any) => i.id)]),
        [
          ['chef', ['alla', 'chefer']],
          ['medarbetare', ['alla']],
          [null, ['alla']],
        ],
      );
      assert.deepEqual(y.body.rounds, []);
      assert.equal(y.body.version.editable, true);
      const list = await reader.get('/api/instruments');
      const prov = list.body.instruments.find((i: any) => i.id === 'prov-yaml');
      assert.deepEqual(prov.versionDetails.map((v: any) => [v.version, v.source, v.usedBy]), [['1', 'import', 0]]);
    });

    it('duplicera som utkast, ändra utkastet; en använd eller inbyggd version ändras aldrig (409)', async () => {
      const dupUrl = '/api/instruments/statusenkat/versions/2024.1/duplicate';
      assert.equal((await mellerud.post(dupUrl, {})).status, 403);
      const d = await admin.post(dupUrl, {});
      assert.equal(d.status, 201);
      assert.deepEqual(d.body.instrument, { id: 'statusenkat', version: '2024.2', basedOn: '2024.1' });
      assert.equal((await admin.post(dupUrl, { version: '2024.2' })).status, 409);
      assert.equal((await admin.post(dupUrl, { version: 'a b' })).status, 400);

      const draftUrl = '/api/instruments/statusenkat/versions/2024.2';
      const draft = (await admin.get(draftUrl)).body;
      assert.equal(draft.version.editable, true);
      assert.equal(draft.version.basedOn, '2024.1');
      const def = structuredClone(draft.instrument);
      def.items[0].text = 'Vår kommun har goda erfarenheter av samverkan med andra kommuner';
      def.items[0].description = 'Ett högt svar betyder att samverkan har fungerat väl.';
      [def.items[1], def.items[2]] = [def.items[2], def.items[1]];
      const ownScale = def.scales.find((s: any) => s.id === def.items[0].scale);
      ownScale.options[0].label = 'Tar helt avstånd';

      assert.equal((await put(mellerud, draftUrl, { definition: def })).status, 403);
      const ok = await put(admin, draftUrl, { definition: def });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const after = (await admin.get(draftUrl)).body.instrument;
      assert.equal(after.items[0].text, def.items[0].text);
      assert.equal(after.items[1].id, draft.instrument.items[2].id);
      assert.equal(after.scales.find((s: any) => s.id === def.items[0].scale).options[0].label, 'Tar helt avstånd');

      // invalid edit: errors by path, nothing stored
      const broken = structuredClone(def);
      broken.items[0].text = '';
      broken.items[3].scale = 'saknas';
      const bad = await put(admin, draftUrl, { definition: broken });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.details.map((e: any) => e.path).sort(), ['items[0].text', 'items[3].scale']);
      assert.match(bad.body.error, /items\[0\]\.text: Frågetexten får inte vara tom/);
      assert.equal((await admin.get(draftUrl)).body.instrument.items[0].text, def.items[0].text);
      const renamed = await put(admin, draftUrl, { definition: { ...def, version: '2024.9' } });
      assert.equal(renamed.status, 400);
      assert.equal(renamed.body.details[0].path, 'version');

      // the compatibility of the original and the draft
      const c = await mellerud.get('/api/instruments/statusenkat/compatibility?from=2024.1&to=2024.2');
      assert.equal(c.status, 200);
      assert.equal(c.body.compatibility.roundsComparable, true);
      const first = c.body.compatibility.items.find((i: any) => i.id === def.items[0].id);
      assert.equal(first.status, 'comparable');
      assert.deepEqual(first.changes, ['optionLabels', 'text', 'description']);
      assert.equal(c.body.compatibility.counts['not-comparable'], 0);
      assert.equal(c.body.compatibility.counts.added + c.body.compatibility.counts.removed, 0);
      assert.equal((await admin.get('/api/instruments/statusenkat/compatibility?from=2024.1&to=9')).status, 404);

      // a built-in version is not changed in place
      const builtin = await put(admin, '/api/instruments/statusenkat/versions/2024.1', { definition: { ...draft.instrument, version: '2024.1' } });
      assert.equal(builtin.status, 409);
      assert.match(builtin.body.error, /kan inte ändras\. Duplicera den som ett utkast/);

      // a round created without a version takes the built-in 2024.1, not the newer draft
      const plain = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: 'Omgång utan vald version',
        periodStart: '2026-09-01',
        periodEnd: '2026-09-30',
        municipalities: ['1461'],
      });
      assert.equal(plain.status, 201, JSON.stringify(plain.body));
      assert.equal(plain.body.round.instrumentVersion, '2024.1');
      assert.equal((await admin.get(draftUrl)).body.version.editable, true);

      // once a round uses the draft it is locked
      const round = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        instrumentVersion: '2024.2',
        title: 'Omgång på utkastet',
        periodStart: '2026-09-01',
        periodEnd: '2026-09-30',
        municipalities: ['1461'],
      });
      assert.equal(round.status, 201);
      const locked = await put(admin, draftUrl, { definition: { ...def, title: 'Ny titel' } });
      assert.equal(locked.status, 409);
      assert.match(locked.body.error, /används av en mätomgång och kan inte ändras/);
      assert.equal((await admin.get(draftUrl)).body.instrument.title, draft.instrument.title);
      assert.equal((await del(admin, draftUrl)).status, 409);
      const used = (await admin.get(draftUrl)).body;
      assert.equal(used.version.editable, false);
      assert.deepEqual(used.rounds.map((r: any) => r.title), ['Omgång på utkastet']);
      // an upload of a changed definition with the same version is refused too
      const reup = await admin.post('/api/instruments', { ...def, title: 'Annan titel' });
      assert.equal(reup.status, 409);
      assert.match(reup.body.error, /nytt versionsnummer/);
    });

    it('ett oanvänt utkast kan tas bort; en inbyggd version inte', async () => {
      const d = await admin.post('/api/instruments/prov-yaml/versions/1/duplicate', { version: '1-utkast' });
      assert.equal(d.status, 201);
      assert.equal((await del(mellerud, '/api/instruments/prov-yaml/versions/1-utkast')).status, 403);
      assert.equal((await del(admin, '/api/instruments/prov-yaml/versions/1-utkast')).status, 200);
      assert.equal((await admin.get('/api/instruments/prov-yaml/versions/1-utkast')).status, 404);
      assert.equal((await del(admin, '/api/instruments/digital-mognad/versions/2024.1')).status, 409);
      const log = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target LIKE 'prov-yaml@%' ORDER BY id`);
      assert.deepEqual(log.rows.map((r) => r.action), ['instrument.created', 'instrument.duplicated', 'instrument.deleted']);
    });
  });
}
