// Tests of the analysis module (issue 4). Expected values are computed by hand from the source reports
// (Analysrapport 2024, Delrapport Mellerud 2021, Förstudierapport gemensam it-organisation 2024) or from the small constructed examples; see the comments at each assertion.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { instrumentSchema, type Instrument } from '../src/domain/instruments/schema.ts';
import {
  IncompatibleRoundsError,
  analyseRound,
  anonymise,
  anonymiseMunicipalities,
  checkBases,
  checkPercentSum,
  checkPublishedDistribution,
  checkRowTotals,
  checkTableTotals,
  classifyChange,
  compareRounds,
  distribution,
  distributionBy,
  gapSummary,
  gaps,
  improvementCandidates,
  quadrantOf,
  regionalScores,
  samverkanskandidater,
  scoreMunicipalities,
  scoringSettings,
  type AnalysisResponse,
  checkMoneyUnit,
} from '../src/domain/analysis/index.ts';
import { MELLERUD_CODE, MELLERUD_FORMAGEKARTA } from '../src/demo/data/mellerud-formagekarta.ts';
import { IT_KOMPETENS_4D } from '../src/demo/data/it-kompetens-4d.ts';
import { MATURITY_DIMENSIONS, RESPONDENT_TYPES, VET_EJ, quadrantScoring, scaleOptions } from './support/analysis-seed.ts';

const close = (actual: number | null | undefined, expected: number, msg?: string) => {
  assert.equal(typeof actual, 'number', msg);
  assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${msg ?? ''} expected ${expected}, got ${actual}`);
};

function assertNoNaN(v: unknown, path = '$'): void {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} is ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => assertNoNaN(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertNoNaN(x, `${path}.${k}`);
}

const ins = (data: unknown): Instrument => instrumentSchema.parse(data);

let rid = 0;
const resp = (municipality: string, answers: AnalysisResponse['answers'], extra: Partial<AnalysisResponse> = {}): AnalysisResponse => ({
  responseId: `r${++rid}`,
  municipality,
  answers,
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// Instruments built in the test (the real instrument JSON is written elsewhere).

const FORMAGEKARTA = ins({
  id: 'formagekarta-test',
  version: '1.0',
  title: 'Förmågekarta (test)',
  mode: 'self-assessment',
  scales: [
    {
      id: 'mognad04',
      label: 'Mognad 0–4',
      options: scaleOptions(['Obefintlig', 'Ad-hoc, undermålig', 'Acceptabel', 'Bra', 'Branschledande']),
    },
  ],
  items: MELLERUD_FORMAGEKARTA.map((c, i) => ({
    id: `f${String(i + 1).padStart(2, '0')}`,
    type: 'capability',
    text: c.name,
    short: `Förmåga ${i + 1}`,
    description: c.description,
    scale: 'mognad04',
  })),
});
const MELLERUD_RESPONSE = resp(
  MELLERUD_CODE,
  Object.fromEntries(MELLERUD_FORMAGEKARTA.map((c, i) => [`f${String(i + 1).padStart(2, '0')}`, { current: String(c.rating) }])),
);

const itId = (i: number) => `k${String(i + 1).padStart(2, '0')}`;
const IT_INSTRUMENT = ins({
  id: 'it-kompetens-test',
  version: '1.0',
  title: 'It-kompetenser (test)',
  mode: 'self-assessment',
  scales: [
    {
      id: 'kompetens13',
      label: 'Kompetens 1–3',
      options: scaleOptions(['Svag eller ingen', 'Viss, behöver konsultstöd', 'Självständig'], 1),
    },
  ],
  items: IT_KOMPETENS_4D.map((k, i) => ({
    id: itId(i),
    type: 'capability',
    text: k.name,
    short: `Kompetens ${i + 1}`,
    scale: 'kompetens13',
    target: k.marker ? { level: k.target, marker: k.marker } : { level: k.target },
  })),
});
const IT_RESPONSES = (['1460', '1439', '1461', '1492'] as const).map((code) =>
  resp(code, Object.fromEntries(IT_KOMPETENS_4D.map((k, i) => [itId(i), { current: String(k.ratings[code]) }]))),
);
const IT_LEDNING = itId(IT_KOMPETENS_4D.findIndex((k) => k.name === 'It-ledning'));

const ESTABLISHMENT = {
  id: 'etablering',
  label: 'Etableringsgrad',
  options: [
    { code: 'ie', label: 'Icke existerande', value: 0 },
    { code: 'os', label: 'Ostrukturerad', value: 1 },
    { code: 'iu', label: 'I utvecklingsfasen', value: 2 },
    { code: 'de', label: 'Delvis etablerad', value: 3 },
    { code: 'vf', label: 'Väl fungerande', value: 4 },
    { code: 'fe', label: 'Fullt etablerad', value: 5 },
    VET_EJ,
  ],
};
const SURVEY = ins({
  id: 'enkat-test',
  version: '1.0',
  title: 'Digitaliseringsenkät (test)',
  mode: 'survey',
  respondentTypes: RESPONDENT_TYPES,
  scales: [
    ESTABLISHMENT,
    {
      id: 'instamning',
      label: 'Instämmande 1–5',
      options: [1, 2, 3, 4, 5].map((v) => ({ code: String(v), label: `Nivå ${v}`, value: v })),
    },
  ],
  items: [
    { id: 'portfolj', type: 'scale', text: 'Hur väl etablerad är portföljstyrning i kommunen?', short: 'Portföljstyrning', scale: 'etablering' },
    {
      id: 'forum',
      type: 'multi',
      text: 'Vilka forum finns?',
      short: 'Vilka forum finns?',
      options: [
        { code: 'digrad', label: 'Digitaliseringsråd', value: 1 },
        { code: 'itrad', label: 'IT-råd', value: 1 },
        { code: 'israd', label: 'Informationssäkerhetsråd', value: 1 },
      ],
    },
    { id: 'nojd', type: 'scale', text: 'Påstående', short: 'Påstående', scale: 'instamning' },
    { id: 'skuld', type: 'scale', text: 'Teknisk skuld (hög = dåligt)', short: 'Teknisk skuld (hög = dåligt)', scale: 'instamning', reversed: true },
    { id: 'mal', type: 'text', text: 'Viktigaste mål?', short: 'Viktigaste mål?' },
  ],
});

const QUADRANT_INFO = (label: string, phase: string) => ({ label, description: `Beskrivning ${label}`, phase });
const MATURITY = ins({
  id: 'mognad-test',
  version: '1.0',
  title: 'Digital mognad (test)',
  mode: 'survey',
  dimensions: MATURITY_DIMENSIONS,
  groups: [
    { id: 'g_formaga', label: 'Förmåga', dimension: 'formaga' },
    { id: 'g_arv', label: 'Arv', dimension: 'arv' },
  ],
  items: [
    { id: 'x1', type: 'number', text: 'Förmåga (0–100)', short: 'Förmåga (0–100)', group: 'g_formaga', min: 0, max: 100 },
    { id: 'y1', type: 'number', text: 'Arv (0–100)', short: 'Arv (0–100)', group: 'g_arv', min: 0, max: 100 },
  ],
  scoring: quadrantScoring({
    A: QUADRANT_INFO('A', 'Digitisering'),
    B: QUADRANT_INFO('B', 'Digitalisering'),
    C: QUADRANT_INFO('C', 'Digitalisering'),
    D: QUADRANT_INFO('D', 'Digital transformation'),
  }),
});

// ---------------------------------------------------------------------------------------------

describe('Mellerud förmågekarta (Delrapport Mellerud 2021 figure 17)', () => {
  test('fixture: 55 capabilities, 37 at level 1, 16 at 2, 2 at 3', () => {
    assert.equal(MELLERUD_FORMAGEKARTA.length, 55);
    assert.equal(MELLERUD_FORMAGEKARTA.filter((c) => c.rating === 1).length, 37);
    assert.equal(MELLERUD_FORMAGEKARTA.filter((c) => c.rating === 2).length, 16);
    assert.equal(MELLERUD_FORMAGEKARTA.filter((c) => c.rating === 3).length, 2);
    assert.equal(MELLERUD_FORMAGEKARTA[0].name, 'Följa upp avtal');
    assert.equal(MELLERUD_FORMAGEKARTA[54].name, 'Uppmuntra');
  });

  test('scores: 55 rated, levels 37/16/2, mean 75/55 = 1.36, overall 34.09 % of the 0–4 scale', () => {
    const [m] = scoreMunicipalities(FORMAGEKARTA, [MELLERUD_RESPONSE]);
    assert.equal(m.municipality, '1461');
    const values = Object.values(m.items).map((s) => s.value);
    assert.equal(values.filter((v) => v !== null).length, 55);
    assert.equal(values.filter((v) => v === 1).length, 37);
    assert.equal(values.filter((v) => v === 2).length, 16);
    assert.equal(values.filter((v) => v === 3).length, 2);
    // No dimensions: overall = mean of item percentages = (75/55)/4 × 100 = 34.0909… %
    close(m.overall.pct, 34.09090909090909);
    assert.equal(m.overall.items, 55);
    // "Kommunicera med medarbetare" (7th) rated 3 → 75 % of the 0–4 scale; "Följa upp avtal" 1 → 25 %.
    close(m.items.f07.pct, 75);
    close(m.items.f01.pct, 25);
    const region = regionalScores(FORMAGEKARTA, [MELLERUD_RESPONSE]);
    const itemMeans = Object.values(region.items).map((r) => r.value.municipalityWeighted.mean as number);
    close(itemMeans.reduce((a, b) => a + b, 0) / itemMeans.length, 1.3636363636363635);
  });

  test('37 improvement candidates (≤ 1 on the 0–4 map by default)', () => {
    const c = improvementCandidates(FORMAGEKARTA, [MELLERUD_RESPONSE]);
    assert.equal(c.length, 37);
    assert.ok(c.every((x) => x.value === 1 && x.threshold === 1 && x.municipality === '1461'));
    assert.equal(c[0].itemId, 'f01'); // Följa upp avtal (1)
    assert.ok(!c.some((x) => x.itemId === 'f02')); // Genomföra upphandling (2)
  });

  test('self-assessment distribution has base municipalities', () => {
    const d = distribution(FORMAGEKARTA, 'f07', [MELLERUD_RESPONSE]);
    assert.equal(d.base, 'municipalities');
    assert.equal(d.n, 1);
    assert.equal(d.options.find((o) => o.code === '3')?.count, 1);
    close(d.options.find((o) => o.code === '3')?.percent, 100);
  });
});

describe('IT-kompetenser 4D (Förstudierapport gemensam it-organisation 2024 Bilaga 2 + tabell 2)', () => {
  test('fixture: 15 competencies, Färgelanda It-ledning 1 against target 3', () => {
    assert.equal(IT_KOMPETENS_4D.length, 15);
    const itl = IT_KOMPETENS_4D.find((k) => k.name === 'It-ledning')!;
    assert.equal(itl.ratings['1439'], 1);
    assert.equal(itl.target, 3);
    assert.equal(IT_KOMPETENS_4D.find((k) => k.name === 'M365')!.marker, '**');
  });

  test('gap: Färgelanda It-ledning 3 − 1 = 2; Färgelanda has 9 positive gaps summing to 12', () => {
    const g = gaps(IT_INSTRUMENT, IT_RESPONSES);
    const f = g.find((x) => x.municipality === '1439' && x.itemId === IT_LEDNING)!;
    assert.deepEqual(
      { current: f.current, target: f.target, gap: f.gap, marker: f.marker, source: f.targetSource },
      { current: 1, target: 3, gap: 2, marker: null, source: 'instrument' },
    );
    const farg = g.filter((x) => x.municipality === '1439');
    assert.equal(farg.length, 9);
    assert.equal(farg.reduce((s, x) => s + x.gap, 0), 12);
    // Bengtsfors: only Programpaketering (2 vs 3); Mellerud: It-ledning 2, Leverantörsstyrning 1, Nätverk 1; Åmål: 7.
    assert.deepEqual(
      g.filter((x) => x.municipality === '1460').map((x) => [x.itemId, x.gap]),
      [['k11', 1]],
    );
    assert.deepEqual(
      g.filter((x) => x.municipality === '1461').map((x) => [x.itemId, x.gap]),
      [['k05', 2], ['k08', 1], ['k10', 1]],
    );
    assert.equal(g.filter((x) => x.municipality === '1492').length, 7);
    assert.equal(g.length, 20);
    assert.ok(g.every((x) => x.gap > 0));
    // Marker carried: Färgelanda Entra (3**) gap 1.
    assert.equal(g.find((x) => x.municipality === '1439' && x.itemId === 'k02')?.marker, '**');
  });

  test('gap summary across the four municipalities: It-ledning below target in 3 of 4, mean gap 1.25', () => {
    const s = gapSummary(IT_INSTRUMENT, IT_RESPONSES).find((x) => x.itemId === IT_LEDNING)!;
    assert.equal(s.target, 3);
    assert.deepEqual(s.belowTarget, { base: 'municipalities', count: 3, n: 4, percent: 75, municipalities: ['1439', '1461', '1492'] });
    close(s.meanGap, 1.25); // (0 + 2 + 2 + 1) / 4
    assert.equal(s.maxGap, 2);
  });

  test('regional min / mean / max for It-ledning over municipalities: 1 / 1.75 / 3; 0 / 37.5 / 100 %', () => {
    const r = regionalScores(IT_INSTRUMENT, IT_RESPONSES).items[IT_LEDNING];
    assert.equal(r.value.municipalityWeighted.base, 'municipalities');
    assert.equal(r.value.municipalityWeighted.n, 4);
    assert.equal(r.value.municipalityWeighted.min, 1);
    close(r.value.municipalityWeighted.mean, 1.75);
    assert.equal(r.value.municipalityWeighted.max, 3);
    close(r.value.municipalityWeighted.median, 1.5);
    // 1–3 scale: pct = (v − 1) / 2 × 100.
    close(r.pct.municipalityWeighted.min, 0);
    close(r.pct.municipalityWeighted.mean, 37.5);
    close(r.pct.municipalityWeighted.max, 100);
  });

  test('improvement candidates on the 1–3 scale: only level 1 (8 in all, 6 in Färgelanda)', () => {
    const c = improvementCandidates(IT_INSTRUMENT, IT_RESPONSES);
    assert.equal(c.length, 8);
    assert.equal(c.filter((x) => x.municipality === '1439').length, 6);
    assert.deepEqual(c.filter((x) => x.municipality !== '1439').map((x) => [x.municipality, x.itemId]), [
      ['1461', 'k05'],
      ['1492', 'k04'],
    ]);
  });

  test('samverkanskandidater', () => {
    // Default: weak = level 1, at least 3 municipalities → none (It-ledning is weak in 2).
    assert.deepEqual(samverkanskandidater(IT_INSTRUMENT, IT_RESPONSES), []);
    const two = samverkanskandidater(IT_INSTRUMENT, IT_RESPONSES, { minMunicipalities: 2 });
    assert.deepEqual(two.map((c) => [c.itemId, c.municipalities]), [[IT_LEDNING, ['1439', '1461']]]);
    assert.deepEqual(two[0].weak, { base: 'municipalities', count: 2, n: 4, percent: 50 });
    // weakMax 2: nine competencies are weak in exactly 3 municipalities (counted by hand from Bilaga 2).
    const w2 = samverkanskandidater(IT_INSTRUMENT, IT_RESPONSES, { weakMax: 2 });
    assert.deepEqual(
      w2.map((c) => c.itemId),
      ['k01', 'k04', 'k05', 'k06', 'k07', 'k08', 'k10', 'k12', 'k15'],
    );
    assert.deepEqual(w2.find((c) => c.itemId === 'k04')!.municipalities, ['1439', '1460', '1492']);
  });
});

describe('distributions', () => {
  const rs = [
    resp('1460', { portfolj: 'ie', forum: ['digrad', 'itrad'] }, { respondentType: 'it', area: 'it' }),
    resp('1460', { portfolj: 'os', forum: ['digrad'] }, { respondentType: 'verksamhet', area: 'utbildning' }),
    resp('1460', { portfolj: 'os', forum: ['digrad', 'israd'] }, { respondentType: 'verksamhet', area: 'utbildning' }),
    resp('1460', { portfolj: 'vet_ej', forum: [] }, { respondentType: 'it' }),
    resp('1439', { portfolj: 'vf', mal: 'Ett mål' }),
  ];

  test('single question: counts, percent of n, "Vet ej" apart', () => {
    const d = distribution(SURVEY, 'portfolj', rs);
    assert.equal(d.base, 'respondents');
    assert.equal(d.n, 5);
    assert.equal(d.nKnown, 4);
    const by = Object.fromEntries(d.options.map((o) => [o.code, [o.count, o.percent]]));
    assert.deepEqual(by, { ie: [1, 20], os: [2, 40], iu: [0, 0], de: [0, 0], vf: [1, 20], fe: [0, 0] });
    assert.deepEqual(d.dontKnow.map((o) => [o.code, o.count, o.percent]), [['vet_ej', 1, 20]]);
    assert.deepEqual(d.dontKnowTotal, { count: 1, percent: 20 });
    assert.ok(!d.options.some((o) => o.code === 'vet_ej'));
  });

  test('multi-select as mentions (base mentions) plus shares of respondents', () => {
    const d = distribution(SURVEY, 'forum', rs);
    assert.equal(d.base, 'mentions');
    assert.equal(d.n, 5); // 2 + 1 + 2 mentions; the empty selection ("inget av dessa") adds none
    assert.equal(d.respondents, 4); // but it is an answer (answered.ts): 4 respondents answered
    assert.deepEqual(d.options.map((o) => [o.code, o.count, o.percent]), [
      ['digrad', 3, 60],
      ['itrad', 1, 20],
      ['israd', 1, 20],
    ]);
    assert.equal(d.perRespondent?.base, 'respondents');
    assert.equal(d.perRespondent?.n, 4);
    close(d.perRespondent?.options[0].percent, 75); // digrad: 3 of 4 respondents
    close(d.perRespondent?.options[1].percent, 25);
  });

  test('by municipality, respondent type and area', () => {
    const m = distributionBy(SURVEY, 'portfolj', rs, 'municipality');
    assert.deepEqual(m.map((f) => [f.groupKey, f.n, f.base]), [
      ['1439', 1, 'respondents'],
      ['1460', 4, 'respondents'],
    ]);
    const t = distributionBy(SURVEY, 'portfolj', rs, 'respondentType');
    assert.deepEqual(t.map((f) => [f.groupKey, f.n]), [
      ['(saknas)', 1],
      ['it', 2],
      ['verksamhet', 2],
    ]);
    const it = t.find((f) => f.groupKey === 'it')!;
    assert.deepEqual(it.dontKnowTotal, { count: 1, percent: 50 });
    const a = distributionBy(SURVEY, 'portfolj', rs, 'area');
    assert.deepEqual(a.map((f) => [f.groupKey, f.n]), [
      ['(saknas)', 2],
      ['it', 1],
      ['utbildning', 2],
    ]);
  });

  test('municipality score: median of scored answers, "Vet ej" counted apart', () => {
    const m = scoreMunicipalities(SURVEY, rs).find((x) => x.municipality === '1460')!;
    // 1460: ie (0), os (1), os (1), vet ej → median 1 of 0–5 → 20 %.
    assert.deepEqual(
      { n: m.items.portfolj.n, value: m.items.portfolj.value, dk: m.items.portfolj.dontKnow, base: m.items.portfolj.base },
      { n: 3, value: 1, dk: 1, base: 'respondents' },
    );
    close(m.items.portfolj.pct, 20);
  });

  test('reversed item is inverted: 5 on a 1–5 scale where high is bad scores 1 (0 %)', () => {
    const [m] = scoreMunicipalities(SURVEY, [resp('1460', { skuld: '5', nojd: '5' })]);
    assert.equal(m.items.skuld.value, 1);
    close(m.items.skuld.pct, 0);
    assert.equal(m.items.nojd.value, 5);
    close(m.items.nojd.pct, 100);
  });
});

describe('respondent → municipality → region', () => {
  // 1460: 10 respondents all at 5; 1439 and 1461: 1 respondent each at 1 (scale 1–5).
  const rs = [
    ...Array.from({ length: 10 }, () => resp('1460', { nojd: '5' })),
    resp('1439', { nojd: '1' }),
    resp('1461', { nojd: '1' }),
  ];

  test('municipality-weighted mean of medians (7/3) differs from the respondent-weighted mean (52/12)', () => {
    const r = regionalScores(SURVEY, rs).items.nojd;
    assert.equal(r.value.municipalityWeighted.base, 'municipalities');
    assert.equal(r.value.municipalityWeighted.n, 3);
    close(r.value.municipalityWeighted.mean, 7 / 3); // (5 + 1 + 1) / 3
    assert.equal(r.value.respondentWeighted.base, 'respondents');
    assert.equal(r.value.respondentWeighted.n, 12);
    close(r.value.respondentWeighted.mean, 52 / 12); // (10 × 5 + 1 + 1) / 12
    // In % of the 1–5 scale: (7/3 − 1)/4 × 100 = 33.33 %; (52/12 − 1)/4 × 100 = 83.33 %.
    close(r.pct.municipalityWeighted.mean, 100 / 3);
    close(r.pct.respondentWeighted.mean, 250 / 3);
    assert.equal(r.value.municipalityWeighted.min, 1);
    assert.equal(r.value.municipalityWeighted.max, 5);
  });

  test('aggregation: median by default, mean when the instrument (or option) says so', () => {
    const three = [resp('1492', { nojd: '1' }), resp('1492', { nojd: '2' }), resp('1492', { nojd: '5' })];
    assert.equal(scoreMunicipalities(SURVEY, three)[0].items.nojd.value, 2);
    close(scoreMunicipalities(SURVEY, three, { aggregation: 'mean' })[0].items.nojd.value, 8 / 3);
    const meanInstrument = ins({ ...SURVEY, scoring: { ...SURVEY.scoring, aggregation: 'mean' } });
    close(scoreMunicipalities(meanInstrument, three)[0].items.nojd.value, 8 / 3);
  });
});

describe('quadrant', () => {
  const at = (x: number, y: number) => quadrantOf(MATURITY, x, y)?.key;

  test('exactly at the threshold counts as high; A low/low, B low x high y, C high x low y, D high/high', () => {
    assert.equal(at(49.9, 49.9), 'A');
    assert.equal(at(49.9, 50), 'B');
    assert.equal(at(49.9, 50.1), 'B');
    assert.equal(at(50, 49.9), 'C');
    assert.equal(at(50.1, 49.9), 'C');
    assert.equal(at(50, 50), 'D');
    assert.equal(at(50.1, 50.1), 'D');
    assert.equal(quadrantOf(MATURITY, 50, 50)?.phase, 'Digital transformation');
    assert.equal(quadrantOf(MATURITY, null, 50)?.key, null);
  });

  test('per municipality from dimension percentages', () => {
    const scores = scoreMunicipalities(MATURITY, [
      resp('1460', { x1: 50, y1: 49.9 }),
      resp('1439', { x1: 49.9, y1: 50 }),
      resp('1461', { x1: 50.1, y1: 50.1 }),
      resp('1492', { x1: 49.9, y1: 49.9 }),
    ]);
    assert.deepEqual(
      scores.map((s) => [s.municipality, s.quadrant?.key, s.quadrant?.phase]),
      [
        ['1439', 'B', 'Digitalisering'],
        ['1460', 'C', 'Digitalisering'],
        ['1461', 'D', 'Digital transformation'],
        ['1492', 'A', 'Digitisering'],
      ],
    );
    const region = regionalScores(MATURITY, [resp('1460', { x1: 60, y1: 70 }), resp('1439', { x1: 10, y1: 20 })]);
    assert.deepEqual(region.quadrantCounts, { base: 'municipalities', n: 2, counts: { A: 1, B: 0, C: 0, D: 1 } });
  });
});

describe('anonymisation (suppression: test/viewer-figures.test.ts)', () => {
  test('"Kommun 1…N": bijective, stable, independent of input order, not the code order', () => {
    const codes = ['1460', '1438', '1439', '1484', '1461', '1430', '1421', '1427', '1486', '1435', '1488', '1485', '1487', '1492'];
    const a = anonymiseMunicipalities(codes, 'omgang-2024');
    assert.deepEqual(
      Object.values(a).sort((x, y) => Number(x.split(' ')[1]) - Number(y.split(' ')[1])),
      Array.from({ length: 14 }, (_, i) => `Kommun ${i + 1}`),
    );
    assert.deepEqual(anonymiseMunicipalities([...codes].reverse(), 'omgang-2024'), a);
    const sortedCodes = [...codes].sort();
    assert.notDeepEqual(
      sortedCodes.map((c) => a[c]),
      sortedCodes.map((_, i) => `Kommun ${i + 1}`),
    );
    assert.notDeepEqual(anonymiseMunicipalities(codes, 'omgang-2025'), a);

    const scores = scoreMunicipalities(IT_INSTRUMENT, IT_RESPONSES);
    const map = anonymiseMunicipalities(['1460', '1439', '1461', '1492'], 'x');
    const anon = anonymise(scores, map);
    assert.deepEqual(anon.map((s) => s.municipality), ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Kommun 4']);
    assert.ok(!JSON.stringify(anon).match(/14(60|39|61|92)/));
    const fargLabel = map['1439'];
    assert.equal(anon.find((s) => s.municipality === fargLabel)!.items[IT_LEDNING].value, 1);
  });
});

describe('change between rounds', () => {
  const V1 = ins({
    id: 'forandring-test',
    version: '1.0',
    title: 'Förändring',
    mode: 'self-assessment',
    items: [{ id: 'v', type: 'number', text: 'Mognad %', short: 'Mognad %', min: 0, max: 100 }],
  });
  const V11 = ins({ ...V1, version: '1.1' });
  const r = (m: string, v: number) => resp(m, { v });

  test('classification with the minimum meaningful change 5 pp at 4.9 / 5 / 5.1', () => {
    assert.equal(classifyChange(4.9, 5), 'unchanged');
    assert.equal(classifyChange(5, 5), 'increased');
    assert.equal(classifyChange(5.1, 5), 'increased');
    assert.equal(classifyChange(-4.9, 5), 'unchanged');
    assert.equal(classifyChange(-5, 5), 'decreased');
    assert.equal(classifyChange(0, 5), 'unchanged');
  });

  test('per municipality and "andel kommuner som visar på ökad digital mognad" = 2 of 4', () => {
    assert.equal(scoringSettings(V11).minMeaningfulChange, 5);
    const c = compareRounds(
      { instrument: V1, responses: [r('1460', 50), r('1439', 50), r('1461', 50), r('1492', 50), r('1438', 60)] },
      { instrument: V11, responses: [r('1460', 54.9), r('1439', 55), r('1461', 55.1), r('1492', 45), r('1484', 70)] },
    );
    assert.deepEqual(
      c.municipalities.map((m) => [m.municipality, m.classification]),
      [
        ['1439', 'increased'],
        ['1460', 'unchanged'],
        ['1461', 'increased'],
        ['1492', 'decreased'],
      ],
    );
    assert.deepEqual(c.counts, { increased: 2, unchanged: 1, decreased: 1 });
    assert.deepEqual(c.increasedShare, { base: 'municipalities', n: 4, count: 2, percent: 50 });
    assert.deepEqual(c.onlyBefore, ['1438']);
    assert.deepEqual(c.onlyAfter, ['1484']);
    close(c.municipalities.find((m) => m.municipality === '1460')!.differencePp, 4.9);
  });

  test('refuses different instruments and incompatible versions with a Swedish message', () => {
    const other = ins({ ...V1, id: 'annat-instrument' });
    assert.throws(
      () => compareRounds({ instrument: V1, responses: [] }, { instrument: other, responses: [] }),
      (e: unknown) => e instanceof IncompatibleRoundsError && e.reason === 'instrument' && /kan inte jämföras/.test(e.message),
    );
    const v2 = ins({ ...V1, version: '2.0' });
    assert.throws(
      () => compareRounds({ instrument: V1, responses: [] }, { instrument: v2, responses: [] }),
      (e: unknown) => e instanceof IncompatibleRoundsError && e.reason === 'version' && /inkompatibla versioner/.test(e.message),
    );
  });
});

describe('data quality', () => {
  test('a distribution summing to 94 % is flagged; 101 % is within ±1', () => {
    const f = checkPercentSum('Syntetisk', [50, 30, 14]);
    assert.equal(f?.code, 'PERCENT_SUM');
    assert.equal(f?.actual, 94);
    assert.equal(f?.difference, -6);
    assert.match(f!.message, /94 %/);
    // Analysrapport 2024 projektstyrning: 17 + 28 + 33 + 5,5 + 11 = 94,5 %.
    close(checkPercentSum('Projektstyrning', [17, 28, 33, 5.5, 11])?.actual, 94.5);
    // Analysrapport 2024 portföljstyrning: 17 + 28 + 33 + 6 + 2 = 86 %.
    assert.equal(checkPercentSum('Portföljstyrning', [17, 28, 33, 6, 2])?.actual, 86);
    // Analysrapport 2024 digital kompetens: 50 + 29 + 20 + 2 = 101 % → within tolerance.
    assert.equal(checkPercentSum('Digital kompetens', [50, 29, 20, 2]), null);
    assert.equal(checkPercentSum('Exakt', [50, 50]), null);
  });

  test('money headed "(tkr)" over kronor is flagged against the known grant (VGR Analys 2025:40 tabell 2)', () => {
    // Fyrbodal's table 2 says "(tkr)" but its total is 3 000 000 for a grant of 3 000 000 kr: read as tkr it would be 3 000 000 000 kr.
    const f = checkMoneyUnit('Tabell 2', 'tkr', 3_000_000, 3_000_000);
    assert.equal(f?.code, 'MONEY_UNIT');
    assert.equal(f?.actual, 3_000_000_000);
    assert.equal(f?.expected, 3_000_000);
    assert.match(f!.message, /tusen kronor.*men är i kronor/);
    // Göteborgsregionen's table 4 states no unit beyond kronor: consistent.
    assert.equal(checkMoneyUnit('Tabell 4', 'kr', 3_000_000, 3_000_000), null);
    // 3 000 tkr for a grant of 3 000 000 kr is right.
    assert.equal(checkMoneyUnit('Rätt', 'tkr', 3_000, 3_000_000), null);
    // Neither unit fits (a different project): nothing to say about the unit.
    assert.equal(checkMoneyUnit('Okänt', 'tkr', 1_234, 3_000_000), null);
  });

  // Förstudierapport gemensam it-organisation 2024 table 4 (columns Bengtsfors, Mellerud, Åmål, Färgelanda, Totalsumma).
  const TABLE4 = {
    columns: ['Bengtsfors', 'Mellerud', 'Åmål', 'Färgelanda'],
    rows: [
      { label: 'It-tjänster', cells: [973_500, 945_000, 720_000, 761_400], total: 3_399_900 },
      { label: 'It-utrustning', cells: [373_200, 290_820, 220_500, 342_900], total: 1_227_420 },
      { label: 'It-kommunikation', cells: [193_500, 600_000, 193_500, 270_000], total: 1_257_000 },
      { label: 'Konsultstöd', cells: [129_000, 89_629, 450_000, 446_400], total: 1_115_029 },
    ],
    totals: { label: 'Besparingspotential', cells: [2_782_000, 3_209_082, 2_640_000, 3_034_500], total: 6_999_349 },
  };

  test('checkRowTotals: Bengtsfors 2 782 000 vs 1 669 200 from its cells', () => {
    const rows = TABLE4.columns.map((label, j) => ({ label, cells: TABLE4.rows.map((r) => r.cells[j]), total: TABLE4.totals.cells[j] }));
    const flags = checkRowTotals([...rows, { label: 'Totalsumma', cells: TABLE4.rows.map((r) => r.total), total: 6_999_349 }]);
    assert.deepEqual(
      flags.map((f) => [f.subject, f.expected, f.actual, f.difference]),
      [
        ['Bengtsfors', 1_669_200, 2_782_000, 1_112_800],
        ['Mellerud', 1_925_449, 3_209_082, 1_283_633],
        ['Åmål', 1_584_000, 2_640_000, 1_056_000],
        ['Färgelanda', 1_820_700, 3_034_500, 1_213_800],
      ],
    );
    assert.ok(flags.every((f) => f.code === 'TOTAL_MISMATCH'));
    assert.deepEqual(checkRowTotals([{ label: 'ok', cells: [1, 2, null], total: 3 }]), []);
    assert.equal(checkRowTotals([{ label: 'nära', cells: [1, 2], total: 4 }], 1).length, 0);
    assert.equal(checkRowTotals([{ label: 'utanför', cells: [1, 2], total: 4.5 }], 1).length, 1);
  });

  test('checkTableTotals on table 4: the four column totals and the totals row are flagged, the grand total is not', () => {
    const flags = checkTableTotals(TABLE4);
    assert.deepEqual(
      flags.map((f) => [f.subject, f.expected, f.actual]),
      [
        ['Besparingspotential / Bengtsfors', 1_669_200, 2_782_000],
        ['Besparingspotential / Mellerud', 1_925_449, 3_209_082],
        ['Besparingspotential / Åmål', 1_584_000, 2_640_000],
        ['Besparingspotential / Färgelanda', 1_820_700, 3_034_500],
        // 2 782 000 + 3 209 082 + 2 640 000 + 3 034 500 = 11 665 582 ≠ 6 999 349
        ['Besparingspotential (summa av raden)', 11_665_582, 6_999_349],
      ],
    );
  });

  test('bases that differ between questions, and mentions presented as shares of municipalities', () => {
    const b = checkBases([
      { subject: 'Portföljstyrning', n: 11, base: 'municipalities' },
      { subject: 'Projektstyrning', n: 11, base: 'municipalities' },
      { subject: 'Systemförvaltning', n: 10, base: 'municipalities' },
    ]);
    assert.equal(b.length, 1);
    assert.equal(b[0].code, 'BASE_MISMATCH');
    assert.deepEqual(checkBases([{ subject: 'a', n: 11 }, { subject: 'b', n: 11 }]), []);
    // Analysrapport 2024 roles: 24 + 20 + 17 + 15 + 12 + 4 + 4 + 2 + 2 + 0 = 100 "% av kommunerna" for a multi-select.
    const roles = checkPublishedDistribution({ subject: 'Roller', base: 'municipalities', multi: true, percents: [24, 20, 17, 15, 12, 4, 4, 2, 2, 0] });
    assert.deepEqual(roles.map((f) => f.code), ['MENTIONS_AS_SHARE']);
    assert.deepEqual(checkPublishedDistribution({ subject: 'Roller', base: 'mentions', multi: true, percents: [24, 20, 17, 15, 12, 4, 4, 2, 2, 0] }), []);
  });
});

describe('empty input', () => {
  test('n = 0 and null values, never NaN', () => {
    const d = distribution(SURVEY, 'portfolj', []);
    assert.equal(d.n, 0);
    assert.ok(d.options.every((o) => o.count === 0 && o.percent === null));
    assert.deepEqual(d.dontKnowTotal, { count: 0, percent: null });
    const dm = distribution(SURVEY, 'forum', []);
    assert.equal(dm.n, 0);
    assert.equal(dm.perRespondent?.options[0].percent, null);

    assert.deepEqual(scoreMunicipalities(SURVEY, []), []);
    const r = regionalScores(MATURITY, []);
    assert.deepEqual(r.items.x1.value.municipalityWeighted, { base: 'municipalities', n: 0, mean: null, median: null, min: null, max: null });
    assert.deepEqual(r.items.x1.value.respondentWeighted, { base: 'respondents', n: 0, mean: null });
    assert.equal(r.overall.pct.municipalityWeighted.mean, null);
    assert.deepEqual(r.quadrantCounts, { base: 'municipalities', n: 0, counts: { A: 0, B: 0, C: 0, D: 0 } });

    const c = compareRounds({ instrument: SURVEY, responses: [] }, { instrument: SURVEY, responses: [] });
    assert.deepEqual(c.increasedShare, { base: 'municipalities', n: 0, count: 0, percent: null });

    const all = analyseRound(MATURITY, []);
    assertNoNaN(all);
    assertNoNaN(analyseRound(SURVEY, []));
    assert.deepEqual(gaps(IT_INSTRUMENT, []), []);
    assert.deepEqual(samverkanskandidater(IT_INSTRUMENT, []), []);

    // A municipality whose only answers are "Vet ej": value null, pct null.
    const [m] = scoreMunicipalities(SURVEY, [resp('1460', { portfolj: 'vet_ej' })]);
    assert.deepEqual([m.items.portfolj.n, m.items.portfolj.value, m.items.portfolj.pct, m.items.portfolj.dontKnow], [0, null, null, 1]);
    assert.equal(m.overall.pct, null);
  });

  test('a full round analysis is JSON-able and NaN-free', () => {
    const a = analyseRound(IT_INSTRUMENT, IT_RESPONSES);
    assertNoNaN(a);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
    assert.equal(a.municipalities.n, 4);
    assert.equal(a.gaps.length, 20);
  });
});
