// Pure portfolio domain: gates, transitions, weighted qualification, follow-up, regional indicators
// and funding follow-up. Expected values are computed by hand (VGR Analys 2025:40 for the funding tables).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  benefitFollowUp,
  maturityRoundPair,
  buildHandlingsplan,
  checkGate,
  computeIndicators,
  DEFAULT_CRITERIA,
  DEFAULT_GATES,
  EMPTY_BENEFITS,
  fundingFollowUp,
  isAllowedTransition,
  lastEndedQuarter,
  overdueReports,
  parsePeriod,
  rankInitiatives,
  transitionError,
  weightedScore,
  type CriterionScore,
  type FundingRowInput,
  type GateConfig,
  type InitiativeData,
} from '../src/domain/portfolio/index.ts';

function initiative(over: Partial<InitiativeData> = {}): InitiativeData {
  return {
    id: 1,
    title: 'Testinitiativ',
    description: '',
    need: '',
    area: null,
    scope: 'delregional',
    stage: 'ide',
    collaborationForm: null,
    proposingMunicipality: null,
    benefits: { ...EMPTY_BENEFITS },
    estimatedCost: null,
    fundingSources: [],
    risks: [],
    documents: [],
    links: [],
    startYear: null,
    endYear: null,
    participations: [],
    ...over,
  };
}

const all = (ids: Record<string, number>): CriterionScore[] =>
  Object.entries(ids).map(([criterionId, score]) => ({ criterionId, score, justification: 'motivering' }));

describe('portfölj: steg och grindar', () => {
  it('tillåtna övergångar följer Idé → Kvalificering → Prioriterad → Genomförande → Nyttohemtagning', () => {
    assert.equal(isAllowedTransition('ide', 'kvalificering'), true);
    assert.equal(isAllowedTransition('ide', 'prioriterad'), false);
    assert.equal(isAllowedTransition('kvalificering', 'prioriterad'), true);
    assert.equal(isAllowedTransition('prioriterad', 'genomforande'), true);
    assert.equal(isAllowedTransition('genomforande', 'nyttohemtagning'), true);
    assert.equal(isAllowedTransition('genomforande', 'avslutad_utan_genomforande'), true);
    assert.equal(isAllowedTransition('nyttohemtagning', 'ide'), false);
    assert.equal(isAllowedTransition('avslutad_utan_genomforande', 'ide'), true);
    assert.match(transitionError('ide', 'genomforande')!, /kan inte flyttas från Idé till Genomförande/);
    assert.match(transitionError('nyttohemtagning', 'ide')!, /slutligt/);
    assert.equal(transitionError('ide', 'kvalificering'), null);
  });

  it('grinden till Prioriterad listar alla saknade krav på svenska', () => {
    const i = initiative({ participations: [{ municipality: '1461', kind: 'deltar' }, { municipality: '1460', kind: 'intresserad' }] });
    const missing = checkGate(i, 'prioriterad', DEFAULT_GATES, {
      criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, label: c.label })),
      scoredCriteria: ['nytta', 'kommuner', 'volym', 'strategi', 'beredskap'],
    });
    assert.deepEqual(missing, [
      'Kvalitativ nyttobeskrivning saknas',
      'Nyttokalkyl saknas: ange frigjord tid (timmar per år) eller ekonomisk nytta (kronor per år)',
      'Kostnadsuppskattning saknas',
      'Minst 2 deltagande kommuner krävs (nu 1)',
      'Kvalificeringsbedömning saknas för: Finansiering, Risk',
    ]);
  });

  it('grinden är öppen när kraven är uppfyllda (timmar räcker som nyttokalkyl, kostnad 0 är en uppskattning)', () => {
    const i = initiative({
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Bättre service', hoursPerYear: 1200 },
      estimatedCost: 0,
      participations: [
        { municipality: '1461', kind: 'deltar' },
        { municipality: '1460', kind: 'deltar' },
      ],
    });
    assert.deepEqual(checkGate(i, 'prioriterad', DEFAULT_GATES, { criteria: [{ id: 'nytta', label: 'Nytta' }], scoredCriteria: ['nytta'] }), []);
  });

  it('grindkraven är konfiguration: en egen grind kräver tre intresserade och en kopplad förmåga', () => {
    const gates: GateConfig = { kvalificering: [{ kind: 'minInterested', count: 3 }, { kind: 'linkedItem' }] };
    const i = initiative({ participations: [{ municipality: '1461', kind: 'intresserad' }, { municipality: '1460', kind: 'deltar' }] });
    assert.deepEqual(checkGate(i, 'kvalificering', gates), [
      'Minst 3 intresserade eller deltagande kommuner krävs (nu 2)',
      'Ingen kopplad förmåga eller utmaning',
    ]);
    assert.deepEqual(checkGate(i, 'prioriterad', gates), []);
  });

  it('grinden till Genomförande och Nyttohemtagning', () => {
    const i = initiative({ stage: 'prioriterad' });
    assert.deepEqual(checkGate(i, 'genomforande'), [
      'Samverkansform saknas',
      'Planerad period (startår) saknas',
      'Minst 1 finansieringskälla krävs (nu 0)',
      'Minst 1 identifierad risk krävs (nu 0)',
    ]);
    assert.deepEqual(checkGate(i, 'nyttohemtagning', DEFAULT_GATES, { statusReports: [] }), ['Minst 1 statusrapport krävs (nu 0)']);
  });
});

describe('portfölj: viktad kvalificering', () => {
  // Default weights: nytta 3, kommuner 2, volym 1, strategi 2, beredskap 1, finansiering 1, risk 1 (Σ = 11).
  const A = all({ nytta: 5, kommuner: 4, volym: 3, strategi: 4, beredskap: 3, finansiering: 2, risk: 4 });
  const B = all({ nytta: 4, kommuner: 4, volym: 4, strategi: 4, beredskap: 4, finansiering: 4, risk: 4 });
  const C = all({ nytta: 5, kommuner: 5 });

  it('viktat medel, procent och täckning', () => {
    // A: 3·5 + 2·4 + 1·3 + 2·4 + 1·3 + 1·2 + 1·4 = 43; 43/11 = 3.909… → 3.91; (3.909 − 1)/4 = 72.73 %
    assert.deepEqual(weightedScore(A, DEFAULT_CRITERIA), { score: 3.91, percent: 72.73, coverage: 1, complete: true, missing: [] });
    // C: (3·5 + 2·5)/5 = 5 over 5 of 11 weight units → coverage 0.45
    const c = weightedScore(C, DEFAULT_CRITERIA);
    assert.equal(c.score, 5);
    assert.equal(c.coverage, 0.45);
    assert.equal(c.complete, false);
    assert.deepEqual(c.missing, ['Volym och skala', 'Strategisk passform', 'Genomförandeberedskap', 'Finansiering', 'Risk']);
    assert.deepEqual(weightedScore([], DEFAULT_CRITERIA), { score: null, percent: null, coverage: 0, complete: false, missing: DEFAULT_CRITERIA.map((x) => x.label) });
  });

  it('rangordning: kompletta först efter poäng, sedan delvis bedömda, sist obedömda; lika poäng → fler deltagande kommuner', () => {
    const ranked = rankInitiatives(
      [
        { id: 1, title: 'A', scores: A, participating: 5 },
        { id: 2, title: 'B', scores: B, participating: 2 },
        { id: 3, title: 'C', scores: C, participating: 9 },
        { id: 4, title: 'D', scores: [], participating: 14 },
        { id: 5, title: 'E', scores: B, participating: 3 },
      ],
      DEFAULT_CRITERIA,
    );
    assert.deepEqual(
      ranked.map((r) => [r.rank, r.title, r.score]),
      [
        [1, 'E', 4],
        [2, 'B', 4],
        [3, 'A', 3.91],
        [4, 'C', 5],
        [5, 'D', null],
      ],
    );
  });

  it('vikterna styr: med bara risk viktad vinner A (risk 4) över C (ej bedömd på risk)', () => {
    const onlyRisk = DEFAULT_CRITERIA.map((c) => ({ ...c, weight: c.id === 'risk' ? 1 : 0 }));
    const ranked = rankInitiatives(
      [
        { id: 3, title: 'C', scores: C, participating: 9 },
        { id: 1, title: 'A', scores: A, participating: 5 },
      ],
      onlyRisk,
    );
    assert.deepEqual(ranked.map((r) => r.title), ['A', 'C']);
    assert.equal(ranked[0].score, 4);
  });
});

describe('portfölj: uppföljning', () => {
  it('tolkar perioder', () => {
    assert.deepEqual(parsePeriod('2025-Q2'), { label: '2025-Q2', year: 2025, start: '2025-04-01', end: '2025-06-30' });
    assert.deepEqual(parsePeriod('2024-H2'), { label: '2024-H2', year: 2024, start: '2024-07-01', end: '2024-12-31' });
    assert.deepEqual(parsePeriod('2026'), { label: '2026', year: 2026, start: '2026-01-01', end: '2026-12-31' });
    assert.equal(parsePeriod('2025-Q5'), null);
    assert.equal(parsePeriod('abc'), null);
    assert.equal(lastEndedQuarter('2025-08-15'), '2025-Q2');
    assert.equal(lastEndedQuarter('2025-02-01'), '2024-Q4');
  });

  it('försenade statusrapporter: rapporterande steg, perioden inom initiativets år, efter förfallodag', () => {
    const inits = [
      { id: 1, title: 'Gemensam it-organisation 4D', stage: 'genomforande' as const, startYear: 2024, endYear: 2026 },
      { id: 2, title: 'IoT-plattform', stage: 'genomforande' as const, startYear: 2024, endYear: 2026 },
      { id: 3, title: 'E-arkiv', stage: 'prioriterad' as const, startYear: 2025, endYear: 2026 },
      { id: 4, title: 'Digitala hjälpmedel', stage: 'nyttohemtagning' as const, startYear: 2024, endYear: 2025 },
      { id: 5, title: 'Gammalt', stage: 'genomforande' as const, startYear: 2022, endYear: 2024 },
    ];
    const reports = [
      { initiativeId: 1, period: '2025-Q2' },
      { initiativeId: 2, period: '2025-Q1' },
    ];
    // 2025-Q2 ends 2025-06-30; due 30 days later = 2025-07-30; on 2025-08-15 that is 16 days overdue.
    assert.deepEqual(overdueReports(inits, reports, '2025-Q2', { today: '2025-08-15' }), [
      { initiativeId: 4, title: 'Digitala hjälpmedel', period: '2025-Q2', dueDate: '2025-07-30', daysOverdue: 16 },
      { initiativeId: 2, title: 'IoT-plattform', period: '2025-Q2', dueDate: '2025-07-30', daysOverdue: 16 },
    ]);
    assert.deepEqual(overdueReports(inits, reports, '2025-Q2', { today: '2025-07-30' }), []);
    assert.deepEqual(
      overdueReports(inits, reports, '2025-Q2', { today: '2025-07-20', graceDays: 10 }).map((o) => [o.initiativeId, o.dueDate, o.daysOverdue]),
      [
        [4, '2025-07-10', 10],
        [2, '2025-07-10', 10],
      ],
    );
    assert.throws(() => overdueReports(inits, reports, '2025-Q9', { today: '2025-08-15' }), /Ogiltig period/);
  });

  it('realiserad nytta mot uppskattad', () => {
    const f = benefitFollowUp({ hoursPerYear: 2000, sekPerYear: 6_999_349 }, [
      { period: '2025-Q1', status: 'enligt_plan', progress: 25, realisedHours: 100, realisedSek: 500_000 },
      { period: '2025-Q2', status: 'avvikelse', progress: 40, realisedHours: 150, realisedSek: 250_000 },
    ]);
    assert.deepEqual(f.realised, { hours: 250, sek: 750_000 });
    // 750 000 / 6 999 349 = 10.715 % → 10.7; 250 / 2000 = 12.5 %
    assert.equal(f.sekShareOfYearlyEstimate, 10.7);
    assert.equal(f.hoursShareOfYearlyEstimate, 12.5);
    assert.deepEqual(f.latest, { period: '2025-Q2', status: 'avvikelse', progress: 40 });
  });
});

describe('portfölj: regionala indikatorer (DOMAIN.md §10)', () => {
  const FYRBODAL = ['1460', '1438', '1439', '1484', '1461', '1430', '1421', '1427', '1486', '1435', '1488', '1485', '1487', '1492'];
  const base = {
    id: 0,
    startYear: 2024 as number | null,
    endYear: 2026 as number | null,
    actors: [] as number[],
  };
  const initiatives = [
    { ...base, id: 1, stage: 'genomforande' as const, scope: 'regional' as const, participating: ['1488', '1487'], actors: [1, 2] },
    { ...base, id: 2, stage: 'prioriterad' as const, scope: 'regional' as const, participating: ['1487', '1484'], actors: [2] },
    { ...base, id: 3, stage: 'kvalificering' as const, scope: 'regional' as const, participating: ['1460'], actors: [3] },
    { ...base, id: 4, stage: 'genomforande' as const, scope: 'nationell' as const, participating: ['1435'] },
    { ...base, id: 5, stage: 'genomforande' as const, scope: 'regional' as const, participating: ['1430'], endYear: 2024 },
    { ...base, id: 6, stage: 'nyttohemtagning' as const, scope: 'regional' as const, participating: ['9999'] },
  ];
  const networks = [
    { active: true, startYear: 2025, endYear: null },
    { active: true, startYear: null, endYear: null },
    { active: false, startYear: null, endYear: null },
    { active: true, startYear: 2020, endYear: 2024 },
  ];
  const targets = {
    aktorer: { expected: 20, reported: 15, note: '' },
    andel_lansgemensamma: { expected: 50, reported: 80, note: '' },
    aktiva_natverk: { expected: 1, reported: 4, note: '' },
    andel_okad_mognad: { expected: 50, reported: 75, note: 'Subjektiv bedömning' },
  };

  it('beräknar andel, aktörer och nätverk ur portföljen', () => {
    const rows = computeIndicators({ year: 2025, members: FYRBODAL, initiatives, networks, maturity: null, targets });
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    // Länsgemensamma (regional) in Prioriterad/Genomförande/Nyttohemtagning overlapping 2025: {1488, 1487, 1484}
    // (1460 is in Kvalificering, 1435 is national, 1430's initiative ended 2024, 9999 is no member) → 3/14 = 21.4 %.
    assert.equal(by.andel_lansgemensamma.computed!.value, 21.4);
    assert.equal(by.andel_lansgemensamma.computed!.n, 14);
    assert.equal(by.andel_lansgemensamma.computed!.count, 3);
    // The published outcome stays beside it, not replaced.
    assert.equal(by.andel_lansgemensamma.published!.value, 80);
    // Actors: member municipalities in any counting initiative {1488, 1487, 1484, 1435} = 4, other actors {1, 2} = 2.
    assert.equal(by.aktorer.computed!.value, 6);
    assert.equal(by.aktorer.expected, 20);
    // Networks active in 2025: the first two (one inactive, one ended 2024).
    assert.equal(by.aktiva_natverk.computed!.value, 2);
    assert.equal(by.aktiva_natverk.computed!.n, 4);
    // Maturity: no comparison → not computed; the published 75 % is there on its own.
    assert.equal(by.andel_okad_mognad.computed, null);
    assert.equal(by.andel_okad_mognad.published!.value, 75);
    assert.equal(by.andel_okad_mognad.note, 'Subjektiv bedömning');
  });

  it('andel med ökad mognad från jämförelsen av två omgångar, och aktörer utan kommuner (Göteborgsregionens definition)', () => {
    const rows = computeIndicators(
      { year: 2025, members: FYRBODAL, initiatives, networks, maturity: { increased: 9, n: 12 }, targets },
      { actorsIncludeMunicipalities: false },
    );
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    assert.equal(by.andel_okad_mognad.computed!.value, 75); // 9/12
    // 12 of 14 members compared: incomplete.
    assert.equal(by.andel_okad_mognad.computed!.incomplete, true);
    assert.equal(by.aktorer.computed!.value, 2);
    assert.match(by.aktorer.definition, /bara andra aktörer/);
  });

  it('Fyrbodal: 11 av 14 kommuner deltar (VGR Analys 2025:40 tabell 1: alla utom Dals-Ed, Uddevalla och Mellerud) = 78.6 %', () => {
    const eleven = FYRBODAL.filter((c) => !['1438', '1485', '1461'].includes(c));
    const rows = computeIndicators({
      year: 2025,
      members: FYRBODAL,
      initiatives: [{ ...base, id: 1, stage: 'genomforande', scope: 'regional', participating: eleven, actors: [1, 2, 3, 4] }],
      networks: [],
      maturity: null,
      targets: {},
    });
    assert.equal(rows.find((r) => r.indicator === 'andel_lansgemensamma')!.computed!.value, 78.6);
    // 11 municipalities + kommunalförbundet, Business Region Väst, Innovatum, Högskolan Väst = 15 as published.
    assert.equal(rows.find((r) => r.indicator === 'aktorer')!.computed!.value, 15);
  });
});

describe('portfölj: rekvirerade medel per kostnadsslag (VGR Analys 2025:40 tabell 2, 4, 6, 8)', () => {
  const rows = (applied: number[], req: number[]): FundingRowInput[] =>
    (['lon', 'oh', 'externa_tjanster', 'resor', 'lokaler', 'ovriga'] as const).map((costType, i) => ({
      costType,
      applied: applied[i],
      requisitioned: req[i],
    }));

  it('Fyrbodal tabell 2: kvarstår = ansökan − rekvirerat per rad och totalt stämmer med källan', () => {
    const f = fundingFollowUp(
      rows([1_992_000, 400_000, 475_000, 40_000, 60_000, 33_000], [1_045_392, 151_800, 308_151, 10_436, 7_250, 36_373]),
      { stated: { applied: 3_000_000, requisitioned: 1_559_402, remaining: 1_440_598 } },
    );
    assert.deepEqual(
      f.rows.map((r) => [r.label, r.remaining]),
      [
        ['Lön', 946_608],
        ['OH', 248_200],
        ['Externa tjänster', 166_849],
        ['Resor', 29_564],
        ['Lokaler', 52_750],
        ['Övriga kostnader', -3_373],
      ],
    );
    assert.deepEqual(f.total, { applied: 3_000_000, requisitioned: 1_559_402, remaining: 1_440_598 });
    // 1 559 402 / 3 000 000 = 51.98 % → 52.0 ("nästan 50 procent återstår")
    assert.equal(f.requisitionedPercent, 52);
    assert.deepEqual(f.flags.map((x) => x.message), ['Övriga kostnader: rekvirerat 36 373 kr överstiger ansökt 33 000 kr med 3 373 kr.']);
  });

  it('Sjuhärad tabell 6 stämmer', () => {
    const f = fundingFollowUp(
      rows([2_376_000, 16_000, 475_000, 40_000, 60_000, 33_000], [138_547, 43_654, 195_667, 12_705, 0, 20_069]),
      { stated: { applied: 3_000_000, requisitioned: 410_642, remaining: 2_589_358 } },
    );
    assert.deepEqual(f.rows.map((r) => r.remaining), [2_237_453, -27_654, 279_333, 27_295, 60_000, 12_931]);
    assert.deepEqual(f.total, { applied: 3_000_000, requisitioned: 410_642, remaining: 2_589_358 });
    assert.deepEqual(f.flags.map((x) => [x.code, x.subject]), [['OVERSPENT', 'OH']]); // only OH over-requisitioned
  });

  it('Göteborgsregionen tabell 4: källans totalsumma för rekvirerat (2 024 005) stämmer inte med raderna (2 023 994)', () => {
    const f = fundingFollowUp(
      rows([2_430_000, 163_000, 274_000, 40_000, 60_000, 33_000], [1_780_334, 222_107, 2_575, 904, 16_990, 1_084]),
      { stated: { applied: 3_000_000, requisitioned: 2_024_005, remaining: 975_995 }, table: 'Tabell 4' },
    );
    assert.deepEqual(f.rows.map((r) => r.remaining), [649_666, -59_107, 271_425, 39_096, 43_010, 31_916]);
    assert.deepEqual(f.total, { applied: 3_000_000, requisitioned: 2_023_994, remaining: 976_006 });
    // Stated totals kept as published; the checks name the figure, the expected and the found value.
    assert.deepEqual(f.stated, { applied: 3_000_000, requisitioned: 2_024_005, remaining: 975_995 });
    assert.deepEqual(
      f.flags.map((x) => [x.code, x.subject, x.expected, x.actual, x.difference]),
      [
        ['OVERSPENT', 'Tabell 4: OH', 163_000, 222_107, 59_107],
        ['TOTAL_MISMATCH', 'Tabell 4: Totalt / Rekvirerat', 2_023_994, 2_024_005, 11],
        ['TOTAL_MISMATCH', 'Tabell 4: Totalt / Kvarstår', 976_006, 975_995, -11],
      ],
    );
    // 3 000 000 − 2 024 005 = 975 995: the totals row agrees with itself.
    assert.ok(!f.flags.some((x) => x.subject.includes('Ansökan − Rekvirerat')));
  });

  it('Skaraborg tabell 8: källans rekvirerat totalt (1 838 459) är 9 kr lägre än raderna (1 838 468); kvarstår stämmer', () => {
    const f = fundingFollowUp(
      rows([72_000, 16_000, 2_779_000, 40_000, 60_000, 33_000], [58_439, 9_525, 1_719_955, 22_976, 12_900, 14_673]),
      { stated: { applied: 3_000_000, requisitioned: 1_838_459, remaining: 1_161_532 } },
    );
    assert.deepEqual(f.rows.map((r) => r.remaining), [13_561, 6_475, 1_059_045, 17_024, 47_100, 18_327]);
    assert.deepEqual(f.total, { applied: 3_000_000, requisitioned: 1_838_468, remaining: 1_161_532 });
    // Rekvirerat: 1 838 459 stated, 1 838 468 in the rows (−9); Kvarstår 1 161 532 ≠ 3 000 000 − 1 838 459 = 1 161 541 (−9).
    assert.deepEqual(
      f.flags.map((x) => [x.code, x.subject, x.expected, x.actual, x.difference]),
      [
        ['TOTAL_MISMATCH', 'Totalt / Rekvirerat', 1_838_468, 1_838_459, -9],
        ['TOTAL_MISMATCH', 'Totalt / Kvarstår (Ansökan − Rekvirerat)', 1_161_541, 1_161_532, -9],
      ],
    );
  });

  it('Fyrbodal tabell 2 anger "(tkr)" över belopp i kronor: enheten flaggas mot de beslutade 3 000 000 kr', () => {
    const f = fundingFollowUp(
      rows([1_992_000, 400_000, 475_000, 40_000, 60_000, 33_000], [1_045_392, 151_800, 308_151, 10_436, 7_250, 36_373]),
      { stated: { applied: 3_000_000, requisitioned: 1_559_402, remaining: 1_440_598 }, unit: 'tkr', decidedTotal: 3_000_000, table: 'Tabell 2' },
    );
    assert.equal(f.unit, 'tkr');
    const unit = f.flags.find((x) => x.code === 'MONEY_UNIT')!;
    // 3 000 000 tkr would be 3 000 000 000 kr; the decision is 3 000 000 kr.
    assert.deepEqual([unit.subject, unit.expected, unit.actual], ['Tabell 2: Beloppens enhet', 3_000_000, 3_000_000_000]);
    // The same table in kr: no unit flag.
    assert.ok(!fundingFollowUp(rows([1, 1, 1, 1, 1, 2_999_995], [0, 0, 0, 0, 0, 0]), { unit: 'kr', decidedTotal: 3_000_000 }).flags.some((x) => x.code === 'MONEY_UNIT'));
  });
});

describe('portfölj: handlingsplanens modell', () => {
  it('tar med Prioriterad och Genomförande inom perioden, i rangordning, med summor', () => {
    const mk = (id: number, over: Partial<InitiativeData>, scores: CriterionScore[] = []) => ({
      ...initiative({ id, title: `I${id}`, ...over }),
      scores,
      actors: [],
    });
    const model = buildHandlingsplan({
      from: 2025,
      to: 2026,
      association: 'Fyrbodals kommunalförbund',
      generatedAt: '2025-09-01T10:00:00.000Z',
      criteria: DEFAULT_CRITERIA,
      municipalityNames: { '1460': 'Bengtsfors', '1461': 'Mellerud', '1492': 'Åmål' },
      areaNames: { it: 'IT' },
      initiatives: [
        mk(1, { stage: 'prioriterad', startYear: 2025, endYear: 2026, estimatedCost: 400_000, benefits: { ...EMPTY_BENEFITS, sekPerYear: 100_000, hoursPerYear: 500 } }, all({ nytta: 3, kommuner: 3, volym: 3, strategi: 3, beredskap: 3, finansiering: 3, risk: 3 })),
        mk(2, {
          stage: 'genomforande',
          startYear: 2024,
          endYear: 2026,
          area: 'it',
          benefits: { ...EMPTY_BENEFITS, sekPerYear: 6_999_349 },
          participations: [
            { municipality: '1492', kind: 'deltar' },
            { municipality: '1460', kind: 'deltar' },
            { municipality: '1461', kind: 'intresserad' },
          ],
        }, all({ nytta: 5, kommuner: 4, volym: 4, strategi: 5, beredskap: 4, finansiering: 4, risk: 3 })),
        mk(3, { stage: 'kvalificering', startYear: 2025 }),
        mk(4, { stage: 'genomforande', startYear: 2022, endYear: 2024 }),
        mk(5, { stage: 'prioriterad', startYear: null, endYear: null, estimatedCost: 50_000 }),
      ],
    });
    assert.equal(model.title, 'Handlingsplan 2025–2026');
    assert.deepEqual(model.rows.map((r) => [r.rank, r.title]), [
      [1, 'I2'],
      [2, 'I1'],
      [3, 'I5'],
    ]);
    assert.deepEqual(model.rows[0].participating, ['Bengtsfors', 'Åmål']);
    assert.deepEqual(model.rows[0].interested, ['Mellerud']);
    assert.equal(model.rows[0].area, 'IT');
    assert.equal(model.rows[0].period, '2024–2026');
    assert.equal(model.rows[2].period, 'Ej angiven');
    assert.deepEqual(model.totals, { initiatives: 3, estimatedCost: 450_000, sekPerYear: 7_099_349, hoursPerYear: 500, municipalities: 2 });
    assert.equal(model.criteria.length, 7);
    assert.deepEqual(model.notes, ['Ej fullständigt kvalificerade (rangordnas sist): I5.', 'Kostnadsuppskattning saknas för: I2.']);
  });
});

describe('mognadsindikatorns mätomgångar (maturityRoundPair)', () => {
  const r = (id: number, periodStart: string, periodEnd: string) => ({ id, periodStart, periodEnd });
  const rounds = [r(5, '2025-10-06', '2025-12-12'), r(1, '2020-10-05', '2020-12-11'), r(7, '2023-01-10', '2023-03-01')];
  it('jämför den första omgången med den senaste som slutar senast året', () => {
    assert.deepEqual(maturityRoundPair(rounds, 2025), { before: rounds[1], after: rounds[0] });
    assert.deepEqual(maturityRoundPair(rounds, 2024), { before: rounds[1], after: rounds[2] });
  });
  it('ingen jämförelse med bara en omgång före året eller ingen alls', () => {
    assert.equal(maturityRoundPair(rounds, 2022), null);
    assert.equal(maturityRoundPair(rounds, 2019), null);
    assert.equal(maturityRoundPair([], 2025), null);
  });
});
