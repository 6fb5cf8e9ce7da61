// Översikt (issue 9 item 6): the pure dashboard function (src/domain/dashboard.ts) with hand-computed
// expectations, and GET /api/dashboard on the demo data for each role (both backends).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildDashboard,
  nextStep,
  openRoundView,
  reportsDue,
  waitingForDecision,
  type DashboardInitiative,
  type DashboardInput,
  type DashboardRound,
} from '../src/domain/dashboard.ts';
import { EMPTY_BENEFITS } from '../src/domain/portfolio/index.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, startApp, type TestApp } from './support/app.ts';

const NAMES = { '1001': 'Aby', '1002': 'Bro', '1003': 'Cedby' };

function round(over: Partial<DashboardRound> = {}): DashboardRound {
  return {
    id: 1,
    title: 'Enkät',
    status: 'open',
    mode: 'respondents',
    periodStart: '2026-11-02',
    periodEnd: '2026-12-18',
    closedAt: null,
    municipalities: ['1001', '1002', '1003'],
    progress: [
      { municipality: '1001', total: 10, started: 8, completed: 7 },
      { municipality: '1002', total: 4, started: 2, completed: 1 },
      { municipality: '1003', total: 0, started: 0, completed: 0 },
    ],
    ...over,
  };
}

function initiative(over: Partial<DashboardInitiative> = {}): DashboardInitiative {
  return {
    id: 1,
    title: 'Initiativ',
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
    scoredCriteria: [],
    ...over,
  };
}

describe('dashboard domain', () => {
  test('open round: days to deadline, rates per municipality and those below the threshold', () => {
    const v = openRoundView(round(), '2026-11-30', 50, NAMES);
    // 2026-11-30 → 2026-12-18 = 18 days; 7 + 1 + 0 of 10 + 4 + 0 = 8/14 = 57.14 → 57.1 %.
    assert.equal(v.daysLeft, 18);
    assert.deepEqual([v.total, v.completed, v.rate], [14, 8, 57.1]);
    assert.deepEqual(v.municipalities.map((m) => [m.name, m.rate]), [['Aby', 70], ['Bro', 25], ['Cedby', null]]);
    // Below 50 %: Cedby (no respondents) first, then Bro 25 %; Aby 70 % is not below.
    assert.deepEqual(v.below.map((m) => m.name), ['Cedby', 'Bro']);
    assert.deepEqual(openRoundView(round(), '2026-11-30', 75, NAMES).below.map((m) => m.name), ['Cedby', 'Bro', 'Aby']);
    assert.equal(openRoundView(round(), '2026-12-20', 50, NAMES).daysLeft, -2);
  });

  test('self-assessment round: not started / in progress / submitted, rate = submitted municipalities', () => {
    const v = openRoundView(
      round({
        mode: 'self',
        progress: [
          { municipality: '1001', total: 1, started: 1, completed: 1 },
          { municipality: '1002', total: 1, started: 1, completed: 0 },
        ],
      }),
      '2026-11-30',
      50,
      NAMES,
    );
    assert.deepEqual(v.municipalities.map((m) => [m.code, m.selfAssessment]), [['1001', 'submitted'], ['1002', 'in_progress'], ['1003', 'not_started']]);
    assert.equal(v.rate, 33.3); // 1 of 3
    assert.deepEqual(v.below.map((m) => m.code), ['1002', '1003']);
  });

  test('status reports due for the latest ended quarter: due 30 days after, overdue after that', () => {
    const list = [
      initiative({ id: 1, title: 'Bå', stage: 'genomforande', startYear: 2025, endYear: 2026 }),
      initiative({ id: 2, title: 'Al', stage: 'genomforande', startYear: 2024, endYear: 2025 }), // ended 2025
      initiative({ id: 3, title: 'Ce', stage: 'prioriterad', startYear: 2026, endYear: 2027 }), // not reporting yet
      initiative({ id: 4, title: 'Da', stage: 'nyttohemtagning', startYear: 2026, endYear: null }),
      initiative({ id: 5, title: 'Ek', stage: 'genomforande', startYear: 2026, endYear: 2026 }),
    ];
    const reports = [{ initiativeId: 5, period: '2026-Q3' }, { initiativeId: 1, period: '2026-Q2' }];
    // 2026-Q3 ends 2026-09-30, due 2026-10-30. On 2026-10-15: 15 days left; on 2026-11-30: 31 days overdue.
    assert.deepEqual(reportsDue(list, reports, '2026-Q3', '2026-10-15').map((r) => [r.title, r.dueDate, r.daysOverdue, r.overdue]), [
      ['Bå', '2026-10-30', -15, false],
      ['Da', '2026-10-30', -15, false],
    ]);
    assert.deepEqual(reportsDue(list, reports, '2026-Q3', '2026-11-30').map((r) => [r.title, r.daysOverdue, r.overdue]), [
      ['Bå', 31, true],
      ['Da', 31, true],
    ]);
  });

  test('waiting for a decision: the next gate is met', () => {
    const criteria = [{ id: 'nytta', label: 'Nytta' }, { id: 'risk', label: 'Risk' }];
    const ready = { description: 'Beskrivning', need: 'Behov', area: 'it' };
    const prio = {
      ...ready,
      stage: 'kvalificering' as const,
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Nytta', hoursPerYear: 100 },
      estimatedCost: 1000,
      scoredCriteria: ['nytta', 'risk'],
      participations: [
        { municipality: '1001', kind: 'deltar' as const },
        { municipality: '1002', kind: 'deltar' as const },
      ],
    };
    const list = [
      initiative({ id: 1, title: 'Idé klar', ...ready }),
      initiative({ id: 2, title: 'Idé utan behov', ...ready, need: '' }),
      initiative({ id: 3, title: 'Kvalificerad', ...prio }),
      initiative({ id: 4, title: 'En kommun', ...prio, participations: [{ municipality: '1001', kind: 'deltar' }] }),
      initiative({ id: 5, title: 'Ej bedömd på risk', ...prio, scoredCriteria: ['nytta'] }),
      initiative({ id: 6, title: 'Genomförs', ...prio, stage: 'genomforande' }),
    ];
    const w = waitingForDecision(list, [], criteria);
    assert.deepEqual(w.map((x) => [x.title, x.stageLabel, x.nextStageLabel]), [
      ['Kvalificerad', 'Kvalificering', 'Prioriterad'],
      ['Idé klar', 'Idé', 'Kvalificering'],
    ]);
  });

  test('next step of the cycle: close a late round, follow an open one, open a draft, report, decide, follow up, plan', () => {
    const open = round({ id: 7, title: 'Enkät 2026' });
    assert.deepEqual([nextStep([open], '2026-12-19', 0, 0).kind, nextStep([open], '2026-12-19', 0, 0).to], ['close', '/matomgangar/7']);
    assert.equal(nextStep([open], '2026-12-18', 0, 0).kind, 'follow_round');
    assert.equal(nextStep([round({ id: 8, status: 'draft' })], '2026-12-18', 3, 3).kind, 'open_draft');
    // Closed 2026-10-01: 90 days later (2026-12-30) still the reports; 91 days later the decisions.
    const closed = round({ id: 9, status: 'closed', closedAt: '2026-10-01T09:00:00.000Z' });
    assert.deepEqual([nextStep([closed], '2026-12-30', 2, 1).kind, nextStep([closed], '2026-12-30', 2, 1).to], ['report', '/rapporter?omgang=9']);
    assert.equal(nextStep([closed], '2026-12-31', 2, 1).kind, 'decide');
    assert.equal(nextStep([closed], '2026-12-31', 0, 1).kind, 'follow_up');
    assert.equal(nextStep([closed], '2026-12-31', 0, 0).kind, 'plan');
  });

  test('kommunansvarig: own municipality only, respondents who have not answered, self-assessments to do', () => {
    const input: DashboardInput = {
      today: '2026-11-30',
      role: 'kommunansvarig',
      municipalities: ['1002'],
      names: NAMES,
      threshold: 50,
      rounds: [
        round(),
        round({ id: 2, title: 'Självskattning', mode: 'self', progress: [{ municipality: '1002', total: 1, started: 1, completed: 0 }] }),
        round({ id: 3, title: 'Klar självskattning', mode: 'self', progress: [{ municipality: '1002', total: 1, started: 1, completed: 1 }] }),
      ],
      respondents: [
        { id: 11, roundId: 1, municipality: '1002', name: 'Anna', respondentType: 'it-nara', invitedAt: '2026-11-03T09:00:00Z', remindedAt: null, reminderCount: 0, completedAt: null },
        { id: 12, roundId: 1, municipality: '1002', name: 'Bo', respondentType: 'it-nara', invitedAt: null, remindedAt: null, reminderCount: 0, completedAt: '2026-11-10T09:00:00Z' },
        { id: 13, roundId: 1, municipality: '1001', name: 'Grannen', respondentType: null, invitedAt: null, remindedAt: null, reminderCount: 0, completedAt: null },
      ],
      initiatives: [
        initiative({ id: 1, title: 'Vårt', stage: 'genomforande', startYear: 2026, participations: [{ municipality: '1002', kind: 'deltar' }] }),
        initiative({ id: 2, title: 'Bara intresse', stage: 'genomforande', startYear: 2026, participations: [{ municipality: '1002', kind: 'intresserad' }] }),
        initiative({ id: 3, title: 'Föreslaget', stage: 'genomforande', startYear: 2026, proposingMunicipality: '1002' }),
      ],
      statusReports: [],
      criteria: [],
    };
    const d = buildDashboard(input);
    assert.equal(d.role, 'kommunansvarig');
    if (d.role !== 'kommunansvarig') return;
    assert.equal(d.openRounds.length, 1);
    const r = d.openRounds[0];
    // Bro: 1 of 4 completed = 25 %; Anna has not answered (Bo has; Grannen is another municipality's).
    assert.deepEqual([r.municipality, r.total, r.completed, r.rate, r.to], ['1002', 4, 1, 25, '/matomgangar/1/kommuner/1002']);
    assert.deepEqual(r.notAnswered.map((p) => [p.name, p.invitedAt]), [['Anna', '2026-11-03T09:00:00Z']]);
    assert.ok(!JSON.stringify(d).includes('Grannen'));
    assert.deepEqual(d.selfAssessments.map((s) => [s.title, s.selfAssessment]), [['Självskattning', 'in_progress']]);
    assert.deepEqual(d.reportsDue.reports.map((x) => [x.title, x.period, x.overdue]), [
      ['Föreslaget', '2026-Q3', true],
      ['Vårt', '2026-Q3', true],
    ]);
  });

  test('läsare: the five most recently closed rounds, newest first, linked to the reports', () => {
    const closed = (id: number, closedAt: string) => round({ id, title: `R${id}`, status: 'closed', closedAt });
    const d = buildDashboard({
      today: '2026-11-30',
      role: 'lasare',
      municipalities: [],
      names: NAMES,
      threshold: 50,
      rounds: [closed(1, '2020-12-11'), closed(2, '2025-12-12'), round({ id: 3 }), closed(4, '2024-03-22'), closed(5, '2021-02-26'), closed(6, '2024-06-14'), closed(7, '2019-01-01')],
      respondents: [],
      initiatives: [],
      statusReports: [],
      criteria: [],
    });
    assert.equal(d.role, 'lasare');
    if (d.role !== 'lasare') return;
    assert.deepEqual(d.published.map((p) => [p.id, p.closedAt, p.to]), [
      [2, '2025-12-12', '/rapporter?omgang=2'],
      [6, '2024-06-14', '/rapporter?omgang=6'],
      [4, '2024-03-22', '/rapporter?omgang=4'],
      [5, '2021-02-26', '/rapporter?omgang=5'],
      [1, '2020-12-11', '/rapporter?omgang=1'],
    ]);
  });
});

for (const backend of backends)
  describe(`GET /api/dashboard on the demo (${backend.name})`, () => {
    let t: TestApp;
    const as = async (email: string) => {
      const c = new Client(t.app);
      assert.equal((await c.login(email)).status, 200);
      return c;
    };
    before(async () => {
      t = await startApp(backend);
    });
    after(async () => t.close());

    test('förbundsadmin on 2026-11-30: the open 2026 survey, overdue reports, one initiative ready for a decision', async () => {
      const admin = await as(DEMO.admin);
      const r = await admin.get('/api/dashboard?today=2026-11-30&threshold=50');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const d = r.body.dashboard;
      assert.equal(d.role, 'forbundsadmin');
      // Digitaliseringsenkät 2026 ends 2026-12-18: 18 days; 42 respondents, none answered: all 14 below 50 %.
      assert.deepEqual(d.openRounds.map((x: any) => [x.title, x.daysLeft, x.total, x.completed, x.rate, x.below.length]), [
        ['Digitaliseringsenkät 2026', 18, 42, 0, 0, 14],
      ]);
      // Latest ended quarter 2026-Q3, due 2026-10-30: 31 days overdue for the initiatives in Genomförande
      // planned into 2026 (hjälpmedel ended 2025).
      assert.equal(d.overdue.period, '2026-Q3');
      assert.deepEqual(d.overdue.reports.map((x: any) => [x.title, x.daysOverdue]), [
        ['Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)', 31],
        ['Införandet av Millenium', 31],
        ['Smart region Västra Götaland IoT-plattform', 31], // Swedish order: "Sm" before "Sä" (ä after z)
        ['Säker digital kommunikation för socialtjänsten', 31],
        ['Öppna data och Dataportal Väst', 31],
      ]);
      // Only "ekonomiskt bistånd" (Idé with description, need and area) meets its next gate.
      assert.deepEqual(d.waiting.map((x: any) => [x.title, x.nextStage]), [['Gemensam informationsförsörjning för ekonomiskt bistånd', 'kvalificering']]);
      assert.equal(d.next.kind, 'follow_round');
      assert.match(d.next.to, /^\/matomgangar\/\d+$/);
      // After the deadline the next step is to close the round; threshold 0 leaves no one below.
      const late = (await admin.get('/api/dashboard?today=2026-12-19&threshold=0')).body.dashboard;
      assert.equal(late.next.kind, 'close');
      assert.equal(late.openRounds[0].below.length, 0);
      assert.equal((await admin.get('/api/dashboard?threshold=101')).status, 400);
      assert.equal((await admin.get('/api/dashboard?today=30-11-2026')).status, 400);
    });

    test('kommunansvarig Mellerud: own respondents who have not answered, the 4D report due; nothing of other municipalities', async () => {
      const mellerud = await as(DEMO.mellerud);
      const r = await mellerud.get('/api/dashboard?today=2026-11-30');
      assert.equal(r.status, 200);
      const d = r.body.dashboard;
      assert.equal(d.role, 'kommunansvarig');
      assert.deepEqual(d.openRounds.map((x: any) => [x.title, x.municipality, x.total, x.completed, x.rate]), [['Digitaliseringsenkät 2026', '1461', 3, 0, 0]]);
      // Mellerud is the fifth member (index 4): areas 8 and 0 of the nine non-IT areas, näringsliv and administration.
      assert.deepEqual(d.openRounds[0].notAnswered.map((p: any) => p.name), ['IT-chef Mellerud (demo)', 'Näringslivschef Mellerud (demo)', 'Kanslichef Mellerud (demo)']);
      assert.deepEqual(d.selfAssessments, []);
      // Mellerud takes part in 4D (Genomförande, 2024–2026); its interest in the IoT platform owes nothing.
      assert.deepEqual(d.reportsDue.reports.map((x: any) => [x.title, x.period, x.overdue]), [
        ['Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)', '2026-Q3', true],
      ]);
      const json = JSON.stringify(r.body);
      for (const other of ['Bengtsfors (demo)', 'Åmål (demo)', '"1460"', 'Öppna data']) assert.ok(!json.includes(other), `ser ${other}`);
    });

    test('läsare: the closed demo rounds newest first, nothing about open rounds or initiatives', async () => {
      const reader = await as(DEMO.reader);
      const r = await reader.get('/api/dashboard?today=2026-11-30');
      assert.equal(r.status, 200);
      const d = r.body.dashboard;
      assert.deepEqual(d.published.map((p: any) => [p.title, p.closedAt]), [
        ['Digital mognad 2025 (fiktiv uppföljning)', '2025-12-12'],
        ['It-kompetenser 4D 2024', '2024-06-14'],
        ['Digitaliseringsenkät 2024 – syntetiserade svar (exempel)', '2024-03-22'],
        ['Digitaliseringsenkät 2024', '2024-03-22'],
        ['Förmågekarta för den digitala motorn 2021', '2021-02-26'],
        // (the five newest: Digital mognad 2020 no longer fits beside the 2024 survey's two rounds)
      ]);
      assert.ok(!JSON.stringify(r.body).includes('2026'.concat(' (demo)')));
      assert.deepEqual(Object.keys(d).sort(), ['published', 'role', 'today']);
      assert.equal((await new Client(t.app).get('/api/dashboard')).status, 401);
    });
  });
