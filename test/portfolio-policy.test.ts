// Who may see and change the portfolio's configuration and follow-up, per role (portfolio-policy.ts),
// and the aggregate rules the forms and the server share (portfolio-schema.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canConfigurePortfolio, canReadPortfolio, canSeeOverdueReports, PORTFOLIO_ADMINS, type Viewer } from '../src/domain/portfolio/portfolio-policy.ts';
import { criteriaInput, fundingProjectInput, networkCreateInput, networkPatchInput } from '../src/domain/portfolio/portfolio-schema.ts';
import * as api from '../src/contracts/portfolio.ts';
import { fundingChart, fundingFollowUp } from '../src/domain/portfolio/indicators.ts';
import { chartOption } from '../src/domain/charts/option.ts';

const admin: Viewer = { role: 'forbundsadmin', municipalities: [] };
const ownMunicipality: Viewer = { role: 'kommunansvarig', municipalities: ['1461'] };
const otherMunicipality: Viewer = { role: 'kommunansvarig', municipalities: ['1488'] };
const reader: Viewer = { role: 'lasare', municipalities: [] };
const anonymous: Viewer = null;

describe('portföljens behörigheter', () => {
  it('förbundsadmin läser, konfigurerar och ser försenade rapporter', () => {
    assert.equal(canReadPortfolio(admin), true);
    assert.equal(canConfigurePortfolio(admin), true);
    assert.equal(canSeeOverdueReports(admin), true);
  });

  it('kommunansvarig, för egen eller annan kommun, läser men ändrar inget', () => {
    for (const v of [ownMunicipality, otherMunicipality]) {
      assert.equal(canReadPortfolio(v), true);
      assert.equal(canConfigurePortfolio(v), false);
      assert.equal(canSeeOverdueReports(v), false);
    }
  });

  it('läsare läser men ändrar inget', () => {
    assert.equal(canReadPortfolio(reader), true);
    assert.equal(canConfigurePortfolio(reader), false);
    assert.equal(canSeeOverdueReports(reader), false);
  });

  it('den som inte är inloggad ser ingenting', () => {
    assert.equal(canReadPortfolio(anonymous), false);
    assert.equal(canConfigurePortfolio(anonymous), false);
    assert.equal(canSeeOverdueReports(anonymous), false);
  });

  it('kontrakten tar sin behörighet från policyn', () => {
    for (const ep of [api.saveCriteria, api.saveGates, api.getOverdueReports, api.setIndicatorValue, api.saveFunding, api.createNetwork, api.updateNetwork])
      assert.deepEqual(ep.access, PORTFOLIO_ADMINS, ep.path);
    for (const ep of [api.getPortfolioConfig, api.getRanking, api.getHandlingsplan, api.getIndicators, api.exportIndicators, api.listFunding, api.listNetworks])
      assert.equal(ep.access, 'signedIn', ep.path);
  });
});

const messages = (r: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('portföljens aggregatregler', () => {
  it('kriterierna ska ha unika id och minst en vikt över 0', () => {
    const c = (id: string, weight: number) => ({ id, label: id, weight });
    assert.deepEqual(messages(criteriaInput.safeParse([c('nytta', 1), c('nytta', 2)])), [': Varje kriterium ska ha ett unikt id']);
    assert.deepEqual(messages(criteriaInput.safeParse([c('nytta', 0), c('risk', 0)])), [': Minst ett kriterium ska ha en vikt större än 0']);
    assert.deepEqual(criteriaInput.parse([c('nytta', 0), c('risk', 2)]), [
      { id: 'nytta', label: 'nytta', description: '', weight: 0 },
      { id: 'risk', label: 'risk', description: '', weight: 2 },
    ]);
  });

  it('ett kostnadsslag får förekomma en gång per finansieringsprojekt', () => {
    const rows = [
      { costType: 'lon', applied: 100, requisitioned: 50 },
      { costType: 'lon', applied: 10, requisitioned: 0 },
    ];
    assert.deepEqual(messages(fundingProjectInput.safeParse({ name: 'Projekt', rows })), ['rows: Varje kostnadsslag får förekomma en gång']);
    const ok = fundingProjectInput.parse({ name: ' Projekt ', rows: rows.slice(0, 1) });
    assert.deepEqual(ok, {
      name: 'Projekt',
      reference: '',
      periodFrom: null,
      periodTo: null,
      requisitionedFrom: null,
      requisitionedUntil: null,
      unit: 'kr',
      statedApplied: null,
      statedRequisitioned: null,
      statedRemaining: null,
      decidedTotal: null,
      caption: '',
      source: '',
      rows: rows.slice(0, 1),
    });
  });

  it('ett nätverks slutår kan inte ligga före startåret', () => {
    assert.deepEqual(messages(networkCreateInput.safeParse({ name: 'Nätverk', startYear: 2026, endYear: 2025 })), ['endYear: Slutåret kan inte vara före startåret']);
    assert.deepEqual(messages(networkPatchInput.safeParse({ startYear: 2026, endYear: 2025 })), ['endYear: Slutåret kan inte vara före startåret']);
    // One end open: in order; a PATCH with only one year is checked against the stored network by the use case.
    assert.equal(networkPatchInput.safeParse({ endYear: 2020 }).success, true);
    assert.equal(networkCreateInput.safeParse({ name: 'Nätverk', startYear: 2026, endYear: null }).success, true);
  });
});

describe('finansieringens diagram', () => {
  it('ansökt och rekvirerat per kostnadsslag i kronor, genom diagramkedjan (Fyrbodal, tabell 2)', () => {
    // Delregionala digitaliseringsstrategier, tabell 2: löner 1 992 000 / 1 045 392, övriga kostnader 33 000 / 36 373.
    const rows = fundingFollowUp([
      { costType: 'lon', applied: 1_992_000, requisitioned: 1_045_392 },
      { costType: 'ovriga', applied: 33_000, requisitioned: 36_373 },
    ]).rows;
    const spec = fundingChart(rows, (sv) => (sv === 'Rekvirerat' ? 'Requisitioned' : sv));
    assert.deepEqual(spec.categories, ['Lön', 'Övriga kostnader']);
    assert.deepEqual(spec.series, [
      { label: 'Ansökan', role: 'target' },
      { label: 'Requisitioned', role: 'value' },
    ]);
    assert.deepEqual(spec.values, [
      [1_992_000, 1_045_392],
      [33_000, 36_373],
    ]);
    const option = chartOption(spec, { width: 640, height: 300, locale: 'sv' }) as { series: Array<{ label: { formatter: (p: { value: number }) => string } }> };
    assert.equal(option.series[1].label.formatter({ value: 1_045_392 }), '1\u00a0045\u00a0392 kr');
  });
});
