// What each role is shown (src/domain/analysis/views.ts), on the hand-computed round of
// test/support/analysis-seed.ts (Mellerud 4, Bengtsfors 3, Åmål 2 respondents; suppression below 3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymiseMunicipalities } from '../src/domain/analysis/privacy.ts';
import {
  ViewAccessError,
  buildContext,
  compareView,
  figureCsv,
  municipalityView,
  regionalView,
  type AnalysisView,
  type AnalysisViewer,
  type Figure,
  type RoundInfo,
} from '../src/domain/analysis/views.ts';
import { IncompatibleRoundsError } from '../src/domain/analysis/change.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import { AMAL, BENGTSFORS, MELLERUD, ROUND_2023, ROUND_2025, TEST_INSTRUMENT, asResponses } from './support/analysis-seed.ts';

const NAMES = { [MELLERUD]: 'Mellerud', [BENGTSFORS]: 'Bengtsfors', [AMAL]: 'Åmål' };
const CODES = [BENGTSFORS, MELLERUD, AMAL];
const round = (id: number, title: string, periodStart: string, status = 'closed'): RoundInfo => ({
  id,
  title,
  status,
  periodStart,
  periodEnd: periodStart.replace(/-01-01$/, '-12-31'),
  instrument: TEST_INSTRUMENT.id,
  instrumentVersion: TEST_INSTRUMENT.version,
  municipalities: CODES,
});
const filters = { respondentType: null, area: null };
const R2025 = round(2, 'Analysrunda 2025', '2025-01-01');
const R2023 = round(1, 'Analysrunda 2023', '2023-01-01');
const ctx2025 = buildContext(R2025, TEST_INSTRUMENT, filters, asResponses(ROUND_2025));
const ctx2023 = buildContext(R2023, TEST_INSTRUMENT, filters, asResponses(ROUND_2023));
const naming = { names: NAMES, labels: anonymiseMunicipalities(CODES, 'test-seed') };

const admin: AnalysisViewer = { role: 'forbundsadmin', municipalities: [] };
const mellerud: AnalysisViewer = { role: 'kommunansvarig', municipalities: [MELLERUD] };
const reader: AnalysisViewer = { role: 'lasare', municipalities: [] };

const fig = (v: { figures: Figure[] }, id: string) => {
  const f = v.figures.find((x) => x.id === id);
  assert.ok(f, `figur ${id} saknas (finns: ${v.figures.map((x) => x.id).join(', ')})`);
  return f;
};
const row = (f: Figure, key: string) => {
  const r = f.rows.find((x) => x.key === key);
  assert.ok(r, `rad ${key} saknas i ${f.id} (finns: ${f.rows.map((x) => x.key).join(', ')})`);
  return r;
};

function assertNoNaN(v: unknown, path = '$'): void {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} är ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => assertNoNaN(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertNoNaN(x, `${path}.${k}`);
}

describe('regional vy per roll', () => {
  it('förbundet ser alla kommuner med namn, värmekarta, fritext och hela regionen', () => {
    const v = regionalView(ctx2025, admin, naming);
    const k = fig(v, 'kommuner');
    assert.deepEqual(
      k.rows.map((r) => [r.cells.municipality, r.cells.n, r.cells.overall, r.cells.quadrant]),
      [
        ['Bengtsfors', 3, 31.25, 'A'],
        ['Mellerud', 4, 71.875, 'D'],
        ['Åmål', 2, 53.125, 'C'],
      ],
    );
    const q1 = row(fig(v, 'region-fragor'), 'q1').cells;
    assert.deepEqual([q1.min, q1.mean, q1.max, q1.nMunicipalities, q1.respondentMean, q1.nRespondents], [50, 75, 100, 3, 71.875, 8]);
    assert.ok(v.figures.some((f) => f.id === 'varmekarta'));
    assert.equal(row(fig(v, 'varmekarta'), 'q2').cells[`m:${AMAL}`], 87.5);
    const texts = fig(v, 'fritext').rows.map((r) => r.cells.text);
    assert.deepEqual(texts.sort(), ['=1+1', 'Bengtsfors hemliga plan', 'Gemensam e-arkivlösning', 'Åmål fritext']);
    assert.deepEqual(v.summary.respondents, { base: 'respondents', n: 9 });
    assert.equal(v.summary.leftOut.n, 0);
    assert.deepEqual(v.round.municipalities, CODES);
  });

  it('läsaren ser anonymiserat, utan den lilla kommunen, utan fritext och värmekarta', () => {
    const v = regionalView(ctx2025, reader, naming);
    const json = JSON.stringify(v);
    for (const secret of ['Mellerud', 'Bengtsfors', 'Åmål', MELLERUD, BENGTSFORS, AMAL, 'hemliga plan', 'e-arkiv', '=1+1'])
      assert.ok(!json.includes(secret), `läsaren ser "${secret}"`);
    assert.ok(!v.figures.some((f) => f.id === 'varmekarta' || f.id === 'fritext'));
    const k = fig(v, 'kommuner');
    const labels = k.rows.map((r) => r.cells.municipality);
    assert.deepEqual(labels, ['Kommun 1', 'Kommun 2', 'Kommun 3']);
    const amal = row(k, naming.labels[AMAL]);
    assert.equal(amal.cells.n, 2);
    assert.equal(amal.cells.overall, null);
    assert.deepEqual(amal.suppressed, ['overall', 'd:formaga', 'd:arv', 'quadrant']);
    assert.equal(row(k, naming.labels[MELLERUD]).cells.overall, 71.875);
    // Region without Åmål (hand-computed in analysis-seed.ts).
    const q1 = row(fig(v, 'region-fragor'), 'q1').cells;
    assert.deepEqual([q1.min, q1.mean, q1.max, q1.nMunicipalities, q1.respondentMean, q1.nRespondents], [50, 62.5, 75, 2, 62.5, 6]);
    const dist = row(fig(v, 'fordelning-s04'), 'q1').cells;
    assert.equal(dist.n, 7);
    assert.ok(Math.abs((dist['o:2'] as number) - 200 / 7) < 1e-9);
    assert.ok(Math.abs((dist['o:vet_ej'] as number) - 100 / 7) < 1e-9);
    assert.deepEqual(
      fig(v, 'kvadrant-antal').rows.map((r) => r.cells.count),
      [1, 0, 0, 1],
    );
    assert.equal(fig(v, 'kvadrant').rows.length, 2);
    assert.equal(v.summary.leftOut.n, 1);
    assert.ok(v.notes.some((n) => n.includes('färre än 3')));
    assert.deepEqual(v.round.municipalities, []);
    assert.equal(v.round.municipalityCount, 3);
  });

  it('Melleruds kommunansvariga ser den egna kommunen med namn, övriga anonymiserade och Åmål undertryckt', () => {
    const v = regionalView(ctx2025, mellerud, naming);
    const json = JSON.stringify(v);
    for (const secret of ['Bengtsfors', 'Åmål', BENGTSFORS, AMAL, 'hemliga plan']) assert.ok(!json.includes(secret), `ser "${secret}"`);
    const k = fig(v, 'kommuner');
    assert.equal(k.rows[0].cells.municipality, 'Mellerud (egen kommun)');
    assert.equal(k.rows[0].own, true);
    assert.equal(row(k, naming.labels[AMAL]).cells.overall, null);
    assert.equal(row(k, naming.labels[BENGTSFORS]).cells.overall, 31.25);
    assert.ok(!v.figures.some((f) => f.id === 'varmekarta' || f.id === 'fritext'));
    assert.deepEqual(v.round.municipalities, [MELLERUD]);
  });

  it('ett filter som ger små grupper överallt: läsaren ser n = 0 och inga värden', () => {
    const it = buildContext(R2025, TEST_INSTRUMENT, { respondentType: 'it', area: null }, asResponses(ROUND_2025).filter((r) => r.respondentType === 'it'));
    const v = regionalView(it, reader, naming);
    assert.equal(v.summary.municipalities.n, 0);
    assert.equal(v.summary.respondents.n, 0);
    assert.equal(row(fig(v, 'region-fragor'), 'q1').cells.mean, null);
    assert.ok(fig(v, 'kommuner').rows.every((r) => r.cells.overall === null && (r.suppressed ?? []).includes('overall')));
    assertNoNaN(v);
    // The association sees the same filter with all values: Mellerud it = [4,3] → median 3.5 → 87.5 %.
    const a = regionalView(it, admin, naming);
    assert.equal(row(fig(a, 'varmekarta'), 'q1').cells[`m:${MELLERUD}`], 87.5);
  });

  it('en läsare får inte se en öppen omgång', () => {
    const open = buildContext(round(3, 'Öppen', '2026-01-01', 'open'), TEST_INSTRUMENT, filters, []);
    assert.throws(() => regionalView(open, reader, naming), (e: unknown) => e instanceof ViewAccessError && e.code === 'forbidden');
    // … the association sees it, with n = 0 and no NaN.
    const v = regionalView(open, admin, naming);
    assert.equal(v.summary.respondents.n, 0);
    assert.equal(row(fig(v, 'region-fragor'), 'q1').cells.mean, null);
    assert.ok(fig(v, 'kommuner').rows.every((r) => r.cells.n === 0 && r.cells.overall === null));
    assertNoNaN(v);
    assert.ok(!figureCsv(fig(v, 'region-fragor')).includes('NaN'));
  });
});

describe('kommunvy', () => {
  it('Mellerud mot regionen som andra ser den, med egen fritext', () => {
    const v: AnalysisView = municipalityView(ctx2025, mellerud, MELLERUD, naming);
    assert.deepEqual(v.municipality?.quadrant?.key, 'D');
    const q1 = row(fig(v, 'kommun-mot-region'), 'q1').cells;
    // Own 75 %, region (without Åmål) 50 / 62.5 / 75 → difference 12.5 pp.
    assert.deepEqual([q1.own, q1.ownN, q1.dontKnow, q1.min, q1.mean, q1.max, q1.difference], [75, 3, 1, 50, 62.5, 75, 12.5]);
    const texts = fig(v, 'kommun-fritext').rows.map((r) => r.cells.text).sort();
    assert.deepEqual(texts, ['=1+1', 'Gemensam e-arkivlösning']);
    const json = JSON.stringify(v);
    for (const secret of ['Bengtsfors', 'Åmål', 'hemliga plan', 'Ej inskickat']) assert.ok(!json.includes(secret), `ser "${secret}"`);
  });

  it('annan kommun och läsare: 403; kommun utanför omgången: 404', () => {
    assert.throws(() => municipalityView(ctx2025, mellerud, BENGTSFORS, naming), (e: unknown) => e instanceof ViewAccessError && e.code === 'forbidden');
    assert.throws(() => municipalityView(ctx2025, reader, MELLERUD, naming), (e: unknown) => e instanceof ViewAccessError && e.code === 'forbidden');
    assert.throws(() => municipalityView(ctx2025, admin, '1488', naming), (e: unknown) => e instanceof ViewAccessError && e.code === 'not_found');
  });

  it('förbundet ser även den lilla kommunen i sin helhet', () => {
    const v = municipalityView(ctx2025, admin, AMAL, naming);
    assert.equal(row(fig(v, 'kommun-mot-region'), 'q2').cells.own, 87.5);
    assert.equal(row(fig(v, 'kommun-mot-region'), 'q1').cells.mean, 75);
    assert.deepEqual(fig(v, 'kommun-fritext').rows.map((r) => r.cells.text), ['Åmål fritext']);
  });
});

describe('förändring mellan omgångar', () => {
  it('förbundet: Mellerud +15,625 (ökad), Bengtsfors 0, Åmål +3,125; 1 av 3 ökade', () => {
    const v = compareView(ctx2023, ctx2025, admin, naming);
    const f = fig(v, 'forandring');
    assert.deepEqual(
      f.rows.map((r) => [r.cells.municipality, r.cells.before, r.cells.after, r.cells.difference, r.cells.classification]),
      [
        ['Bengtsfors', 31.25, 31.25, 0, 'Oförändrad'],
        ['Mellerud', 56.25, 71.875, 15.625, 'Ökad'],
        ['Åmål', 50, 53.125, 3.125, 'Oförändrad'],
      ],
    );
    assert.equal(v.increasedShare.n, 3);
    assert.equal(v.increasedShare.count, 1);
  });

  it('läsaren: Åmål (2 svar 2025) undertryckt och utanför andelen: 1 av 2', () => {
    const v = compareView(ctx2023, ctx2025, reader, naming);
    assert.deepEqual([v.increasedShare.n, v.increasedShare.count, v.increasedShare.percent], [2, 1, 50]);
    const f = fig(v, 'forandring');
    const amal = row(f, naming.labels[AMAL]);
    assert.equal(amal.cells.difference, null);
    assert.deepEqual(amal.suppressed, ['before', 'after', 'difference', 'classification']);
    assert.ok(!JSON.stringify(v).includes('Mellerud'));
  });

  it('olika instrument kan inte jämföras', () => {
    const other = loadBuiltInInstrumentsSync().find((i) => i.id === 'formagekarta')!;
    const ctx = buildContext({ ...R2023, instrument: other.id, instrumentVersion: other.version }, other, filters, []);
    assert.throws(() => compareView(ctx, ctx2025, admin, naming), IncompatibleRoundsError);
  });
});

describe('CSV', () => {
  it('celler som börjar med = neutraliseras, undertryckta celler blir "för få svar", bas och n i första raden', () => {
    const csv = figureCsv(fig(regionalView(ctx2025, admin, naming), 'fritext'));
    assert.ok(csv.includes("'=1+1"));
    assert.ok(!/(^|;)=1\+1/m.test(csv));
    const r = figureCsv(fig(regionalView(ctx2025, reader, naming), 'kommuner'));
    const lines = r.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'Kommunerna (procent av skalans maximum) – bas: respondenter, n = 7');
    assert.ok(lines.some((l) => l.startsWith(`${naming.labels[AMAL]};2;för få svar;för få svar`)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith(`${naming.labels[MELLERUD]};4;71.9;56.3;87.5;D`)), lines.join('\n'));
  });
});
