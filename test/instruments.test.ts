// Instrument definitions (instruments/*.json), loading and answers.
// Expected counts and wordings are hand-counted from the source reports (Analysrapport 2024, Delrapport
// Mellerud 2021, Förstudierapport gemensam it-organisation 2024; docs/sources.md), not taken from the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InstrumentLoadError, loadBuiltInInstruments, loadInstrumentFile } from '../src/domain/instruments/catalog.ts';
import { MAX_TEXT_LENGTH, scoreOf, validateAnswer, visibleItems } from '../src/domain/instruments/answers.ts';
import { validateInstrument, type Instrument } from '../src/domain/instruments/schema.ts';

const all = await loadBuiltInInstruments();
const byId = new Map(all.map((i) => [i.id, i]));
function get(id: string): Instrument {
  const ins = byId.get(id);
  assert.ok(ins, `instrumentet ${id} saknas`);
  return ins;
}
const item = (ins: Instrument, id: string) => {
  const it = ins.items.find((i) => i.id === id);
  assert.ok(it, `frågan ${id} saknas i ${ins.id}`);
  return it;
};
const countBy = (ins: Instrument, key: (i: Instrument['items'][number]) => string | undefined) => {
  const m: Record<string, number> = {};
  for (const i of ins.items) {
    const k = key(i) ?? '(ingen)';
    m[k] = (m[k] ?? 0) + 1;
  }
  return m;
};

test('de fem inbyggda instrumenten finns och validerar', () => {
  // Informationssäkerhet in two versions: 2024.5 also takes CISO's hours as a band (Delrapport Mellerud figur 6: "1-10 timmar").
  assert.deepEqual(
    all.map((i) => `${i.id}@${i.version}`).sort(),
    ['digital-mognad@2024.1', 'formagekarta@2024.1', 'informationssakerhet@2024.1', 'informationssakerhet@2024.5', 'it-kompetens@2024.1', 'statusenkat@2024.1'].sort(),
  );
  for (const ins of all) {
    assert.ok(ins.version, `${ins.id}: version saknas`);
    // The source is cited by the public report's title, never by an internal file name.
    assert.ok(
      ['Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024', 'Digital motor Fyrbodal – Delrapport Mellerud', 'Förstudierapport: Gemensam it-organisation för Bengtsfors'].some((title) =>
        (ins.source ?? '').includes(title),
      ),
      `${ins.id}: källan ska anges med rapportens titel`,
    );
    assert.ok(ins.title && ins.description, `${ins.id}: titel/beskrivning saknas`);
    // Texts respondents see carry no method notes: no file references and no notes about the source.
    const shown = [ins.description, ...ins.groups.map((g) => g.description ?? ''), ...ins.items.flatMap((i) => [i.text, i.description ?? ''])];
    for (const text of shown) assert.doesNotMatch(text, /seeds\/|DOMAIN|§|[Kk]ällans? |egna formuleringar|härledd ur/, `${ins.id}: ${text.slice(0, 80)}`);
    for (const note of [ins.source ?? '', ins.methodNote ?? '', ...ins.items.map((i) => i.sourceNote ?? '')]) assert.doesNotMatch(note, /seeds\/|DOMAIN|§/);
  }
  assert.equal(get('statusenkat').mode, 'survey');
  assert.equal(get('digital-mognad').mode, 'survey');
  assert.equal(get('formagekarta').mode, 'self-assessment');
  assert.equal(get('it-kompetens').mode, 'self-assessment');
  assert.equal(get('informationssakerhet').mode, 'self-assessment');
});

test('digital mognad: 26 förmågor, 7+6+5 digital förmåga och 4+2+2 digitalt arv, skala 0–6 + Vet ej', () => {
  const dm = get('digital-mognad');
  assert.equal(dm.items.length, 26);
  assert.deepEqual(countBy(dm, (i) => i.group), {
    effektivitet: 7,
    innovation: 6,
    balansering: 5,
    teknik: 4,
    organisation: 2,
    anvandare: 2,
  });
  const dimOf = new Map(dm.groups.map((g) => [g.id, g.dimension]));
  assert.deepEqual(countBy(dm, (i) => dimOf.get(i.group!)), { 'digital-formaga': 18, 'digitalt-arv': 8 });
  const scale = dm.scales.find((s) => s.id === dm.items[0].scale)!;
  assert.deepEqual(
    scale.options.map((o) => o.value),
    [0, 1, 2, 3, 4, 5, 6, null],
  );
  assert.equal(scale.options.at(-1)!.label, 'Vet ej');
  // Effektivitet per Delrapport Mellerud 2021 3.1.1
  assert.deepEqual(
    dm.items.filter((i) => i.group === 'effektivitet').map((i) => i.id),
    ['portfoljstyrning', 'forvaltningsstyrning', 'projektstyrning', 'forsorjningsstrategi', 'ekonomiska-ramar', 'informationssakerhet-integritet', 'standarder'],
  );
});

test('digital mognad: fält A–D enligt Delrapport Mellerud 2021 (x = förmåga, y = arv, 50/50, D = digital transformation)', () => {
  const q = get('digital-mognad').scoring.quadrant;
  assert.ok(q);
  assert.equal(q.x, 'digital-formaga');
  assert.equal(q.y, 'digitalt-arv');
  assert.deepEqual(q.thresholds, { x: 50, y: 50 });
  assert.equal(q.quadrants.D.phase, 'Digital transformation');
  assert.match(q.quadrants.A.description, /begränsande arv och brister i förmåga/);
  assert.match(q.quadrants.B.description, /brister i förmåga/);
  assert.match(q.quadrants.C.description, /tidigare fattade beslut/);
  assert.match(q.quadrants.D.description, /möjliggörande arv och hög förmåga/);
  for (const k of ['A', 'B', 'C', 'D'] as const) assert.ok(q.quadrants[k].recommendations.length > 0);
});

test('förmågekartan: 55 förmågor, nivåer 0–4 och källfelen noterade', () => {
  const fk = get('formagekarta');
  assert.equal(fk.items.length, 55);
  assert.ok(fk.items.every((i) => i.type === 'capability' && i.description));
  const scale = fk.scales.find((s) => s.id === fk.items[0].scale)!;
  assert.deepEqual(
    scale.options.map((o) => [o.value, o.label]),
    [
      [0, 'Obefintlig'],
      [1, 'Ad-hoc, undermålig'],
      [2, 'Acceptabel'],
      [3, 'Bra'],
      [4, 'Branschledande'],
    ],
  );
  assert.deepEqual(fk.groups.map((g) => g.id).sort(), ['karnformagor', 'ledningsformagor', 'stodformagor']);
  assert.equal(fk.scoring.improvementMax, 1);
  assert.equal(fk.scoring.weakMax, 1);
  assert.equal(fk.scoring.samverkanMinMunicipalities, 3);
  assert.equal(fk.items[0].text, 'Följa upp avtal');
  assert.equal(fk.items.at(-1)!.text, 'Uppmuntra');

  const avtal = fk.items.find((i) => i.text === 'Följa upp avtal')!;
  const upph = fk.items.find((i) => i.text === 'Genomföra upphandling')!;
  assert.notEqual(avtal.description, upph.description);
  assert.match(avtal.sourceNote ?? '', /Genomföra upphandling/);
  const comm = fk.items.filter((i) => i.text.startsWith('Kommunicera med'));
  assert.equal(comm.length, 3);
  assert.equal(new Set(comm.map((i) => i.description)).size, 3);
  assert.ok(comm.every((i) => i.sourceNote));
  // descriptions must otherwise be unique, so no further copied description slips through
  assert.equal(new Set(fk.items.map((i) => i.description)).size, 55);
});

test('it-kompetenser: 15 kompetenser, skala 1–3 och framtidsläge enligt Förstudierapport gemensam it-organisation 2024 tabell 2', () => {
  const ik = get('it-kompetens');
  assert.equal(ik.items.length, 15);
  const scale = ik.scales.find((s) => s.id === ik.items[0].scale)!;
  assert.deepEqual(scale.options.map((o) => o.value), [1, 2, 3]);
  assert.match(scale.options[1].description ?? '', /viss kompetens men behöver externt konsultstöd/);
  const t = (id: string) => {
    const tg = item(ik, id).target!;
    return `${tg.level}${tg.marker ?? ''}`;
  };
  assert.equal(t('identitet-katalogtjanst'), '3**');
  assert.equal(t('m365'), '3**');
  assert.equal(t('natverk-kommunikation-brandvagg'), '3*');
  assert.equal(t('it-ledning'), '3');
  assert.equal(t('it-projektledning'), '2');
  assert.equal(t('systemdrift'), '2*');
  const markers = countBy(ik, (i) => i.target?.marker);
  assert.deepEqual(markers, { '**': 2, '*': 7, '(ingen)': 6 });
  assert.deepEqual(countBy(ik, (i) => String(i.target?.level)), { '2': 7, '3': 8 });
});

test('statusenkäten: etableringsskalan, flervalslistor och respondenttyper enligt Analysrapport 2024', () => {
  const se = get('statusenkat');
  const est = se.scales.find((s) => s.id === 'etablering')!;
  assert.deepEqual(
    est.options.map((o) => [o.label, o.value]),
    [
      ['Icke existerande', 0],
      ['Ostrukturerad', 1],
      ['I utvecklingsfasen', 2],
      ['Delvis etablerad', 3],
      ['Väl fungerande', 4],
      ['Fullt etablerad', 5],
      ['Vet ej', null],
    ],
  );
  assert.deepEqual(
    se.items.filter((i) => i.scale === 'etablering').map((i) => i.id).sort(),
    [
      'arkitekturstyrning',
      'bestallarkompetens',
      'informationshantering',
      'informationssakerhetsarbete',
      'innovationskultur',
      'nyttokalkyler-nyttorealisering',
      'oronmarkta-medel',
      'portfoljstyrning',
      'processorienterat-arbetssatt',
      'projektstyrning',
      'sdk',
      'systemforvaltningsmodell',
    ],
  );
  assert.equal(item(se, 'forum').options!.length, 6);
  assert.equal(item(se, 'roller').options!.length, 10);
  assert.equal(item(se, 'organisatoriska-hinder').options!.length, 5);
  assert.equal(item(se, 'tekniska-hinder').options!.length, 5);
  assert.equal(se.items.filter((i) => i.type === 'text').length, 4);
  assert.deepEqual(se.respondentTypes.map((r) => r.id).sort(), ['it-nara', 'verksamhetsnara']);
  assert.deepEqual(se.groups.map((g) => g.id), ['samverkan', 'styrning', 'organisation', 'ekonomi', 'teknik']);
  // every scale in the survey offers "Vet ej" as an unscored answer
  for (const s of se.scales) assert.equal(s.options.find((o) => o.label === 'Vet ej')?.value, null, s.id);
});

test('informationssäkerhet: CISO, timmar och sju arbetssätt med rekommendation vid Nej', () => {
  const is = get('informationssakerhet');
  assert.equal(is.items.length, 9);
  const yn = is.items.filter((i) => i.type === 'yesno_degree');
  assert.equal(yn.length, 8);
  assert.ok(yn.every((i) => i.recommendation && i.recommendation.length > 20));
  assert.equal(yn.filter((i) => i.scale).length, 7);
  assert.equal(item(is, 'ciso-timmar').type, 'number');
  assert.match(item(is, 'uppfoljning').recommendation!, /LIS/);
});

test('en ogiltig definition ger alla fel med sökväg', () => {
  const bad = {
    id: 'test',
    version: '1',
    title: 'Test',
    mode: 'survey',
    scales: [{ id: 's', label: 'S', options: [{ code: 'a', label: 'A', value: 1 }, { code: 'b', label: 'B', value: 2 }] }],
    items: [
      { id: 'q1', type: 'scale', text: 'Fråga 1', short: 'Fråga 1', scale: 'finns-inte' },
      { id: 'q2', type: 'scale', text: 'Fråga 2', short: 'Fråga 2', scale: 's', group: 'okand' },
      { id: 'q1', type: 'multi', text: 'Fråga 3', short: 'Fråga 3' },
    ],
  };
  const r = validateInstrument(bad);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const paths = r.errors.map((e) => e.path);
  assert.ok(paths.includes('items[0].scale'), paths.join(', '));
  assert.ok(paths.includes('items[1].group'), paths.join(', '));
  assert.ok(paths.includes('items[2].id'), paths.join(', '));
  assert.ok(paths.includes('items[2].options'), paths.join(', '));
  assert.match(r.errors.find((e) => e.path === 'items[0].scale')!.message, /Okänd skala "finns-inte"/);
});

test('loadInstrumentFile kastar med filnamn och sökvägar; loadBuiltInInstruments listar alla ogiltiga filer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-instr-'));
  try {
    const good = JSON.stringify({ id: 'ok', version: '1', title: 'OK', mode: 'survey', items: [{ id: 'q', type: 'text', text: 'Q', short: 'Q' }] });
    writeFileSync(join(dir, 'a-ok.json'), good);
    writeFileSync(join(dir, 'b-bad.json'), JSON.stringify({ id: 'bad', version: '1', title: 'B', mode: 'survey', items: [{ id: 'q', type: 'scale', text: 'Q', short: 'Q', scale: 'x' }] }));
    writeFileSync(join(dir, 'c-broken.json'), '{ inte json');
    writeFileSync(join(dir, 'readme.txt'), 'ignoreras');

    assert.equal((await loadInstrumentFile(join(dir, 'a-ok.json'))).id, 'ok');
    await assert.rejects(loadInstrumentFile(join(dir, 'b-bad.json')), (e: unknown) => {
      assert.ok(e instanceof InstrumentLoadError);
      assert.deepEqual(e.errors.map((x) => x.path), ['items[0].scale']);
      assert.match(e.message, /b-bad\.json: items\[0\]\.scale: Okänd skala "x"/);
      return true;
    });
    await assert.rejects(loadBuiltInInstruments(pathToFileURL(dir + '/')), (e: unknown) => {
      assert.ok(e instanceof InstrumentLoadError);
      const files = e.errors.map((x) => x.file.split(/[\\/]/).pop());
      assert.deepEqual([...new Set(files)].sort(), ['b-bad.json', 'c-broken.json']);
      assert.match(e.message, /inte giltig JSON/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validateAnswer: skalfrågor, "Vet ej" och okända frågor', () => {
  const se = get('statusenkat');
  assert.deepEqual(validateAnswer(se, 'portfoljstyrning', 'delvis-etablerad'), { ok: true, value: 'delvis-etablerad' });
  assert.deepEqual(validateAnswer(se, 'portfoljstyrning', 'vet_ej'), { ok: true, value: 'vet_ej' });
  assert.deepEqual(validateAnswer(se, 'portfoljstyrning', 'Delvis etablerad'), { ok: false, message: 'Alternativet finns inte i skalan' });
  assert.deepEqual(validateAnswer(se, 'portfoljstyrning', 3), { ok: false, message: 'Svaret måste vara ett alternativ ur skalan' });
  assert.deepEqual(validateAnswer(se, 'finns-inte', 'x'), { ok: false, message: 'Frågan finns inte i enkäten' });
  assert.equal(validateAnswer(se, 'portfoljstyrning', null).ok, false);

  assert.equal(scoreOf(se, item(se, 'portfoljstyrning'), 'delvis-etablerad'), 3);
  assert.equal(scoreOf(se, item(se, 'portfoljstyrning'), 'icke-existerande'), 0);
  assert.equal(scoreOf(se, item(se, 'portfoljstyrning'), 'vet_ej'), null);
  assert.equal(scoreOf(se, item(se, 'teknisk-skuld'), 'ingen'), 5);
});

test('validateAnswer: flerval, fritext och tal', () => {
  const se = get('statusenkat');
  assert.deepEqual(validateAnswer(se, 'forum', ['digitaliseringsrad', 'it-rad']), { ok: true, value: ['digitaliseringsrad', 'it-rad'] });
  assert.deepEqual(validateAnswer(se, 'forum', []), { ok: true, value: [] });
  assert.equal(validateAnswer(se, 'forum', ['it-rad', 'it-rad']).ok, false);
  assert.deepEqual(validateAnswer(se, 'forum', ['kaffe-rad']), { ok: false, message: 'Alternativet "kaffe-rad" finns inte i skalan' });
  assert.equal(validateAnswer(se, 'forum', 'it-rad').ok, false);
  assert.equal(scoreOf(se, item(se, 'forum'), ['it-rad']), null);

  assert.deepEqual(validateAnswer(se, 'mal-digitalisering', '  Fler e-tjänster  '), { ok: true, value: 'Fler e-tjänster' });
  assert.equal(validateAnswer(se, 'mal-digitalisering', 'x'.repeat(MAX_TEXT_LENGTH)).ok, true);
  assert.deepEqual(validateAnswer(se, 'mal-digitalisering', 'x'.repeat(MAX_TEXT_LENGTH + 1)), {
    ok: false,
    message: 'Texten får vara högst 5000 tecken',
  });
  assert.equal(validateAnswer(se, 'mal-digitalisering', '   ').ok, false);

  const is = get('informationssakerhet');
  assert.deepEqual(validateAnswer(is, 'ciso-timmar', 8), { ok: true, value: 8 });
  assert.deepEqual(validateAnswer(is, 'ciso-timmar', 41), { ok: false, message: 'Värdet måste vara mellan 0 och 40' });
  assert.deepEqual(validateAnswer(is, 'ciso-timmar', -1), { ok: false, message: 'Värdet måste vara mellan 0 och 40' });
  assert.equal(validateAnswer(is, 'ciso-timmar', '8').ok, false);
  assert.equal(validateAnswer(is, 'ciso-timmar', Number.NaN).ok, false);
  assert.equal(scoreOf(is, item(is, 'ciso-timmar'), 8), 8);
});

test('validateAnswer: ja/nej med grad och förmågor', () => {
  const is = get('informationssakerhet');
  assert.deepEqual(validateAnswer(is, 'kontinuitet', { answer: 'ja', degree: 'fullt-ut', extra: 1 }), {
    ok: true,
    value: { answer: 'ja', degree: 'fullt-ut' },
  });
  assert.deepEqual(validateAnswer(is, 'kontinuitet', { answer: 'nej' }), { ok: true, value: { answer: 'nej' } });
  assert.deepEqual(validateAnswer(is, 'kontinuitet', { answer: 'vet_ej' }), { ok: true, value: { answer: 'vet_ej' } });
  assert.equal(validateAnswer(is, 'kontinuitet', { answer: 'nej', degree: 'fullt-ut' }).ok, false);
  assert.deepEqual(validateAnswer(is, 'kontinuitet', { answer: 'ja', degree: 'helt' }), { ok: false, message: 'Alternativet finns inte i skalan' });
  assert.equal(validateAnswer(is, 'kontinuitet', { answer: 'kanske' }).ok, false);
  assert.equal(validateAnswer(is, 'kontinuitet', 'ja').ok, false);
  assert.equal(validateAnswer(is, 'ciso', { answer: 'ja', degree: 'fullt-ut' }).ok, false, 'CISO-frågan har ingen gradskala');
  const k = item(is, 'kontinuitet');
  assert.equal(scoreOf(is, k, { answer: 'nej' }), 0);
  assert.equal(scoreOf(is, k, { answer: 'ja', degree: 'fullt-ut' }), 4);
  assert.equal(scoreOf(is, k, { answer: 'ja' }), 1);
  assert.equal(scoreOf(is, k, { answer: 'vet_ej' }), null);

  const fk = get('formagekarta');
  assert.deepEqual(validateAnswer(fk, 'folja-upp-avtal', { current: '1', target: '3' }), { ok: true, value: { current: '1', target: '3' } });
  assert.deepEqual(validateAnswer(fk, 'folja-upp-avtal', { current: '5' }), { ok: false, message: 'Alternativet finns inte i skalan' });
  assert.equal(validateAnswer(fk, 'folja-upp-avtal', { current: '2', target: '9' }).ok, false);
  assert.equal(validateAnswer(fk, 'folja-upp-avtal', '2').ok, false);
  assert.equal(scoreOf(fk, item(fk, 'folja-upp-avtal'), { current: '4', target: '2' }), 4);

  const ik = get('it-kompetens');
  assert.equal(validateAnswer(ik, 'm365', { current: '0' }).ok, false, 'skalan är 1–3');
  assert.equal(validateAnswer(ik, 'm365', { current: '3' }).ok, true);
});

test('routing: varje respondenttyp ser bara sina frågor', () => {
  const se = get('statusenkat');
  const ids = (t?: string) => visibleItems(se, t).map((i) => i.id);
  const it = ids('it-nara');
  const vn = ids('verksamhetsnara');
  // IT-nära respondents answered these (Analysrapport 2024 3.2.3, 3.2.5)
  for (const id of ['systemforvaltningsmodell', 'it-infrastruktur', 'sdk', 'kompetensmix', 'bestallarkompetens']) {
    assert.ok(it.includes(id), id);
    assert.ok(!vn.includes(id), id);
  }
  // verksamhetsnära respondents answered these
  for (const id of ['digital-kompetens', 'it-miljo-stod', 'tekniska-hinder']) {
    assert.ok(vn.includes(id), id);
    assert.ok(!it.includes(id), id);
  }
  // common questions reach both
  for (const id of ['portfoljstyrning', 'forum', 'roller', 'samverkan-initiativ']) {
    assert.ok(it.includes(id) && vn.includes(id), id);
  }
  for (const t of ['it-nara', 'verksamhetsnara'])
    for (const i of visibleItems(se, t)) assert.ok(!i.respondentTypes || i.respondentTypes.includes(t), `${t}: ${i.id}`);
  // without a respondent type only the unrouted questions are shown
  assert.ok(visibleItems(se).every((i) => !i.respondentTypes));
  assert.ok(visibleItems(se).length < it.length);
  assert.equal(it.length + vn.length - visibleItems(se).length, se.items.length);
});
