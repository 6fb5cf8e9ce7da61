// One viewer's view of a round's figures (src/domain/analysis/viewer.ts), per viewer, on the
// hand-computed round of test/support/analysis-seed.ts: Mellerud 4, Bengtsfors 3, Åmål 2 counted
// respondents; groups below 3 suppressed. The dashboard views and the report builders both ask it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymiseMunicipalities } from '../src/domain/analysis/privacy.ts';
import type { AnalysisResponse } from '../src/domain/analysis/types.ts';
import { instrumentSchema } from '../src/domain/instruments/schema.ts';
import { viewerFigures, type FigureViewer } from '../src/domain/analysis/viewer.ts';
import { buildContext, regionalView, type RoundInfo } from '../src/domain/analysis/views.ts';
import { buildDelrapport } from '../src/domain/reports/delrapport.ts';
import { modelTexts } from '../src/domain/reports/model.ts';
import { buildRegionalReport } from '../src/domain/reports/regional.ts';
import type { ReportInput } from '../src/domain/reports/common.ts';
import { AMAL, BENGTSFORS, MELLERUD, ROUND_2025, TEST_INSTRUMENT, asResponses } from './support/analysis-seed.ts';

const CODES = [BENGTSFORS, MELLERUD, AMAL];
const NAMES = { [MELLERUD]: 'Mellerud', [BENGTSFORS]: 'Bengtsfors', [AMAL]: 'Åmål' };
const naming = { names: NAMES, labels: anonymiseMunicipalities(CODES, 'test-seed') };
const round: RoundInfo = {
  id: 2,
  title: 'Analysrunda 2025',
  status: 'closed',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  instrument: TEST_INSTRUMENT.id,
  instrumentVersion: TEST_INSTRUMENT.version,
  municipalities: CODES,
};
const ctx = buildContext(round, TEST_INSTRUMENT, { respondentType: null, area: null }, asResponses(ROUND_2025));
const view = (v: FigureViewer) => viewerFigures(ctx, v, naming);
const anonymous = /^Kommun [123]$/;

describe('en tittares vy av mätomgångens siffror', () => {
  it('förbundsadmin: alla svar, inga undanhållna grupper, namn', () => {
    const v = view({ kind: 'forbundsadmin' });
    assert.equal(v.region, ctx.full);
    assert.equal(v.region.municipalities.n, 3);
    assert.equal(v.responses.length, 9); // 4 + 3 + 2
    assert.deepEqual(v.leftOut, {});
    assert.equal(v.withholds(AMAL, 2), false);
    assert.equal(v.withholds(null, 1), false);
    assert.equal(v.label(AMAL), 'Åmål');
  });

  it('kommunansvarig: den egna kommunen identifierbar även med 2 svarande; andra med färre än 3 undanhålls', () => {
    const v = view({ kind: 'kommunansvarig', municipalities: [AMAL] });
    assert.equal(v.own(AMAL), true);
    assert.equal(v.withholds(AMAL, 2), false);
    assert.equal(v.label(AMAL), 'Åmål');
    assert.equal(v.withholds(MELLERUD, 2), true);
    assert.equal(v.withholds(MELLERUD, 3), false);
    assert.equal(v.withholds(null, 2), true);
    assert.match(v.label(MELLERUD), anonymous);
    // The region as others see it, also for Åmål itself: Åmål (2) left out, 4 + 3 = 7 responses.
    assert.deepEqual(v.leftOut, { [AMAL]: 2 });
    assert.equal(v.region, ctx.public);
    assert.equal(v.region.municipalities.n, 2);
    assert.equal(v.responses.length, 7);
  });

  it('läsare och regional rapport: en grupp med 2 svarande undanhålls, ingen kommun namnges', () => {
    for (const kind of ['lasare', 'regional-report'] as const) {
      const v = view({ kind });
      assert.equal(v.withholds(AMAL, 2), true, kind);
      assert.equal(v.withholds(BENGTSFORS, 3), false, kind);
      assert.deepEqual(v.leftOut, { [AMAL]: 2 }, kind);
      assert.deepEqual(CODES.map((c) => anonymous.test(v.label(c))), [true, true, true], kind);
      assert.equal(new Set(CODES.map((c) => v.label(c))).size, 3, kind);
    }
  });

  it('delrapport för en kommun: den egna kommunen i sin helhet, regionen som andra ser den', () => {
    const v = view({ kind: 'delrapport', municipality: AMAL });
    assert.equal(v.withholds(AMAL, 2), false);
    assert.equal(v.withholds(BENGTSFORS, 2), true);
    assert.equal(v.label(AMAL), 'Åmål');
    assert.equal(v.region.municipalities.n, 2);
  });
});

describe('vyerna och rapporterna frågar samma vy', () => {
  it('översikten: läsaren ser Åmåls rad (2 svarande) undanhållen, förbundet ser den', () => {
    const amalRow = (v: ReturnType<typeof regionalView>) =>
      v.figures.find((f) => f.id === 'kommuner')!.rows.find((r) => r.cells.n === 2)!;
    const reader = regionalView(ctx, { role: 'lasare', municipalities: [] }, naming);
    assert.equal(amalRow(reader).cells.overall, null);
    assert.deepEqual(amalRow(reader).suppressed?.includes('overall'), true);
    assert.match(String(amalRow(reader).cells.municipality), anonymous);
    const admin = regionalView(ctx, { role: 'forbundsadmin', municipalities: [] }, naming);
    // Åmål overall: (93.75 + 12.5) / 2 = 53.125 (analysis-seed.ts).
    assert.equal(amalRow(admin).cells.overall, 53.125);
    assert.equal(amalRow(admin).cells.municipality, 'Åmål');
  });

  const input = (v: FigureViewer, all: boolean): ReportInput => {
    const vf = view(v);
    return {
      round: { id: 2, title: 'Analysrunda 2025', status: 'closed', periodStart: '2025-01-01', periodEnd: '2025-12-31', municipalities: CODES },
      instrument: TEST_INSTRUMENT,
      responses: [...(all ? ctx.responses : vf.responses)],
      analysis: all ? ctx.full : vf.region,
      sample: [],
      areas: [],
      association: 'Fyrbodals kommunalförbund',
      generatedAt: '2026-01-01',
      municipalityNames: NAMES,
      view: vf,
    };
  };

  it('den regionala rapporten namnger ingen kommun och räknar Åmål som utelämnad', () => {
    const model = buildRegionalReport(input({ kind: 'regional-report' }, false));
    const text = modelTexts(model).join('\n');
    for (const name of Object.values(NAMES)) assert.ok(!text.includes(name), `${name} nämns`);
    assert.match(text, /1 kommun med svar men färre än 3 svarande ingår inte i de regionala värdena/);
  });

  it('delrapporten för Åmål visar Åmåls egna 2 svar', () => {
    const model = buildDelrapport({ ...input({ kind: 'delrapport', municipality: AMAL }, true), municipality: { code: AMAL, name: 'Åmål' } });
    const text = modelTexts(model).join('\n');
    assert.match(text, /Åmål/);
    assert.match(text, /2 svarande/);
  });

  it('en flervalsfigur undanhålls efter antalet svarande, inte antalet omnämnanden', () => {
    const ins = instrumentSchema.parse({
      id: 'flerval',
      version: '1',
      title: 'Flerval',
      mode: 'survey',
      items: [
        { id: 'mal', type: 'text', text: 'Mål', short: 'Mål' },
        {
          id: 'forum',
          type: 'multi',
          text: 'Vilka forum finns?',
          short: 'Forum',
          options: [
            { code: 'a', label: 'A', value: null },
            { code: 'b', label: 'B', value: null },
            { code: 'c', label: 'C', value: null },
          ],
        },
      ],
    });
    // Three respondents in each of three municipalities; only two answer the multi-select: 3 + 2 = 5 mentions.
    const responses: AnalysisResponse[] = CODES.flatMap((m, k) =>
      [0, 1, 2].map((i) => ({
        responseId: `${m}-${i}`,
        municipality: m,
        answers: (k === 0 && i === 0 ? { forum: ['a', 'b', 'c'] } : k === 1 && i === 0 ? { forum: ['a', 'b'] } : { mal: 'Ett mål' }) as AnalysisResponse['answers'],
      })),
    );
    const c = buildContext({ ...round, instrument: 'flerval', instrumentVersion: '1' }, ins, { respondentType: null, area: null }, responses);
    const forum = (role: 'lasare' | 'forbundsadmin') =>
      regionalView(c, { role, municipalities: [] }, naming).figures.find((f) => f.id === 'fordelning-flerval-forum')!;
    assert.equal(forum('lasare').n, 5);
    assert.equal(forum('lasare').rows.find((r) => r.key === 'a')!.cells.count, null);
    assert.equal(forum('forbundsadmin').rows.find((r) => r.key === 'a')!.cells.count, 2);
  });
});
