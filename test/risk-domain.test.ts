// The risk register's rules (src/domain/risk/assess.ts) and who sees what (policy.ts), without IO.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  assessmentValueOf,
  countAssessments,
  currentAssessments,
  historyOf,
  initiativeRiskValue,
  isSerious,
  riskHeatmap,
  riskMatrix,
  type RiskRecord,
  type StoredAssessment,
} from '../src/domain/risk/assess.ts';
import { canAssess, canConfigure, canEditRisk, canSeeMatrix, canSeeRisk, heatmapMembers, showsGroupAssessment } from '../src/domain/risk/policy.ts';
import { assessmentValue, DEFAULT_SERIOUS_ABOVE, RISK_VALUES, riskValue } from '../src/domain/risk/schema.ts';
import { riskSchema } from '../src/domain/portfolio/initiative-schema.ts';
import { BILAGA5_RISKS, BILAGA5_WRITTEN_NAMES } from '../src/demo/data/risks-4d.ts';

const level = fc.integer({ min: 1, max: 4 });
const stored = (over: Partial<StoredAssessment> & Pick<StoredAssessment, 'assessment'>): StoredAssessment => ({
  id: 1,
  municipalityCode: '1461',
  assessedOn: '2024-08-22',
  createdAt: '2024-08-22T10:00:00.000000',
  source: '',
  note: '',
  ...over,
});

describe('riskvärde och allvarlig risk', () => {
  it('värdet är sannolikhet × konsekvens, ett publicerat värde är sitt värde, ej bedömd är null och aldrig 0', () => {
    assert.equal(assessmentValueOf({ state: 'assessed', probability: 3, consequence: 4 }), 12);
    assert.equal(assessmentValueOf({ state: 'valueOnly', value: 9 }), 9);
    assert.equal(assessmentValueOf({ state: 'notAssessed' }), null);
    assert.equal(isSerious(null), false);
    assert.equal(isSerious(8), true);
    assert.equal(isSerious(7), false);
    assert.equal(isSerious(8, 8), false);
  });

  it('varje sannolikhet och konsekvens 1–4 ger ett värde i RISK_VALUES; allvarlig exakt när värdet är över gränsen', () => {
    fc.assert(
      fc.property(level, level, fc.integer({ min: 0, max: 16 }), (p, c, above) => {
        const v = assessmentValueOf({ state: 'assessed', probability: p, consequence: c })!;
        assert.ok((RISK_VALUES as readonly number[]).includes(v));
        assert.equal(isSerious(v, above), v > above);
        assert.equal(initiativeRiskValue({ probability: p, consequence: c }), v);
      }),
    );
  });

  it('ett värde som inte är en produkt av två tal 1–4 vägras, liksom nivåer utanför 1–4', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 40 }), (v) => {
        const products = new Set([1, 2, 3, 4].flatMap((p) => [1, 2, 3, 4].map((c) => p * c)));
        assert.equal(riskValue.safeParse(v).success, products.has(v));
      }),
    );
    for (const v of [5, 7, 10, 0, 17]) assert.equal(assessmentValue.safeParse({ state: 'valueOnly', value: v }).success, false, String(v));
    assert.equal(assessmentValue.safeParse({ state: 'assessed', probability: 5, consequence: 1 }).success, false);
    assert.equal(assessmentValue.safeParse({ state: 'assessed', probability: 0, consequence: 1 }).success, false);
  });

  it('ett initiativs risk använder samma nivåer: 1–4 eller ingen, värdet bara när båda finns', () => {
    assert.equal(riskSchema.safeParse({ description: 'x', probability: 5, consequence: 1 }).success, false);
    assert.equal(riskSchema.safeParse({ description: 'x', probability: 2, consequence: null }).success, true);
    assert.equal(initiativeRiskValue({ probability: 2, consequence: null }), null);
    assert.equal(initiativeRiskValue({ probability: 2, consequence: 4 }), 8);
  });
});

describe('aktuell bedömning och historik', () => {
  it('den senaste per kommun efter bedömningsdatum, vid samma datum den senast registrerade; historiken äldst först', () => {
    const a = [
      stored({ id: 3, assessedOn: '2025-09-15', assessment: { state: 'assessed', probability: 3, consequence: 4 } }),
      stored({ id: 1, assessedOn: '2024-08-22', assessment: { state: 'valueOnly', value: 16 } }),
      stored({ id: 2, municipalityCode: '1460', assessment: { state: 'notAssessed' } }),
      stored({ id: 5, municipalityCode: '1460', createdAt: '2024-08-23T09:00:00.000000', assessment: { state: 'valueOnly', value: 4 } }),
    ];
    assert.deepEqual(historyOf(a).map((x) => x.id), [1, 2, 5, 3]);
    assert.deepEqual(currentAssessments(a).map((x) => [x.municipalityCode, x.id]), [['1460', 5], ['1461', 3]]);
  });

  it('egenskap: den aktuella är aldrig äldre än någon annan bedömning för samma kommun', () => {
    const arb = fc.array(
      fc.record({ m: fc.constantFrom('1460', '1461'), d: fc.integer({ min: 1, max: 28 }), t: fc.integer({ min: 0, max: 59 }) }),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const list = rows.map((r, i) =>
          stored({ id: i + 1, municipalityCode: r.m, assessedOn: `2024-08-${String(r.d).padStart(2, '0')}`, createdAt: `2024-09-01T00:${String(r.t).padStart(2, '0')}:00.000000`, assessment: { state: 'notAssessed' } }),
        );
        for (const cur of currentAssessments(list))
          for (const other of list.filter((x) => x.municipalityCode === cur.municipalityCode))
            assert.ok(other.assessedOn < cur.assessedOn || (other.assessedOn === cur.assessedOn && (other.createdAt < cur.createdAt || (other.createdAt === cur.createdAt && other.id <= cur.id))));
      }),
    );
  });
});

describe('antal, matris och värmekarta', () => {
  const names = { Bengtsfors: '1460', Färgelanda: '1439', Mellerud: '1461', Ämål: '1492' } as const;
  const records: RiskRecord[] = BILAGA5_RISKS.map((r, i) => ({
    id: i + 1,
    themeId: r.themeId,
    title: r.title,
    scope: { kind: 'group', groupId: 1 },
    owner: '',
    measure: '',
    status: 'identifierad',
    reviewDate: null,
    initiativeId: null,
    source: '',
    note: '',
    synthesised: false,
    sort: i,
    assessments: BILAGA5_WRITTEN_NAMES.map((n, j) => {
      const v = r.values[n];
      return stored({ id: i * 4 + j, municipalityCode: names[n], assessment: v === '-' ? { state: 'notAssessed' } : { state: 'valueOnly', value: v } });
    }),
  }));

  it('Bilaga 5: bedömda/allvarliga per kommun 11/8, 12/11, 14/13, 13/13; "-" räknas som inte bedömd, inte som 0', () => {
    const members = [
      { code: '1460', label: 'Bengtsfors', displayCode: '1460' },
      { code: '1439', label: 'Färgelanda', displayCode: '1439' },
      { code: '1461', label: 'Mellerud', displayCode: '1461' },
      { code: '1492', label: 'Åmål', displayCode: '1492' },
    ];
    const h = riskHeatmap({ groupId: 1, group: '4D', named: true, seriousAbove: DEFAULT_SERIOUS_ABOVE, members, themes: [], risks: records });
    assert.deepEqual(h.municipalities.map((m) => [m.municipality, m.assessed, m.serious]), [
      ['Bengtsfors', 11, 8],
      ['Färgelanda', 12, 11],
      ['Mellerud', 14, 13],
      ['Åmål', 13, 13],
    ]);
    // Row 3 ("Kommunens arbetsmiljö …"): Bengtsfors "-" → not assessed, value null.
    assert.deepEqual(h.rows[2].values[0], { municipalityCode: '1460', value: null, serious: false, notAssessed: true });
    // The Bengtsfors 9 printed on the line before "Kommunen har svårt att leverera samhällsservice …".
    assert.equal(h.rows[9].values[0].value, 9);
    // A higher threshold changes what is serious: above 9, Bengtsfors has 12, 16, 16, 16 = 4.
    const h9 = riskHeatmap({ groupId: 1, group: '4D', named: true, seriousAbove: 9, members, themes: [], risks: records });
    assert.equal(h9.municipalities[0].serious, 4);
  });

  it('matrisen placerar bedömda risker i sin cell, listar publicerade värden för sig och räknar inte bedömda', () => {
    const m = riskMatrix({ code: '1461', name: 'Mellerud' }, [
      { riskId: 1, assessment: { state: 'assessed', probability: 3, consequence: 4 } },
      { riskId: 2, assessment: { state: 'valueOnly', value: 6 } },
      { riskId: 3, assessment: { state: 'valueOnly', value: 16 } },
      { riskId: 4, assessment: { state: 'notAssessed' } },
      { riskId: 5, assessment: null },
    ]);
    assert.deepEqual(m.cells[2][3], { probability: 3, consequence: 4, value: 12, serious: true, riskIds: [1] });
    assert.equal(m.cells.flat().reduce((n, c) => n + c.riskIds.length, 0), 1);
    assert.deepEqual(m.valueOnly, [{ riskId: 3, value: 16, serious: true }, { riskId: 2, value: 6, serious: false }]);
    assert.deepEqual([m.assessed, m.serious, m.notAssessed], [3, 2, 2]);
    assert.equal(m.cells[1][3].serious, true); // 2 × 4 = 8 > 7
    assert.equal(m.cells[1][2].serious, false); // 2 × 3 = 6
  });

  it('egenskap: bedömda + inte bedömda = antal risker, allvarliga ≤ bedömda', () => {
    const a = fc.oneof(
      fc.constant(null),
      fc.constant({ state: 'notAssessed' as const }),
      fc.constantFrom(...RISK_VALUES).map((value) => ({ state: 'valueOnly' as const, value })),
      fc.tuple(level, level).map(([probability, consequence]) => ({ state: 'assessed' as const, probability, consequence })),
    );
    fc.assert(
      fc.property(fc.array(a, { maxLength: 30 }), fc.integer({ min: 0, max: 16 }), (list, above) => {
        const c = countAssessments(list, above);
        assert.equal(c.assessed + c.notAssessed, list.length);
        assert.ok(c.serious <= c.assessed);
      }),
    );
  });
});

describe('behörighet', () => {
  const admin = { role: 'forbundsadmin' as const, municipalities: [] };
  const mellerud = { role: 'kommunansvarig' as const, municipalities: ['1461'] };
  const lasare = { role: 'lasare' as const, municipalities: [] };
  const own = { kind: 'municipality' as const, municipalityCode: '1461' };
  const other = { kind: 'municipality' as const, municipalityCode: '1460' };
  const group = { kind: 'group' as const, groupId: 1 };

  it('kommunansvarig ändrar och ser egna kommunens risker och bedömer egen kommun i en grupp; förbundet allt', () => {
    assert.deepEqual([canEditRisk(mellerud, own), canEditRisk(mellerud, other), canEditRisk(mellerud, group), canEditRisk(admin, group)], [true, false, false, true]);
    assert.deepEqual([canAssess(mellerud, group, '1461'), canAssess(mellerud, group, '1460'), canAssess(lasare, group, '1461')], [true, false, false]);
    assert.deepEqual([canSeeRisk(mellerud, own), canSeeRisk(mellerud, other), canSeeRisk(lasare, own), canSeeRisk(lasare, group)], [true, false, false, true]);
    assert.deepEqual([canConfigure(admin), canConfigure(mellerud), canSeeMatrix(mellerud, '1461'), canSeeMatrix(mellerud, '1460')], [true, false, true, false]);
    assert.deepEqual(
      [showsGroupAssessment(mellerud, { namedPublished: false }, '1461'), showsGroupAssessment(mellerud, { namedPublished: false }, '1460'), showsGroupAssessment(lasare, { namedPublished: true }, '1460')],
      [true, false, true],
    );
  });

  it('värmekartan: anonymiserad för läsare och andra kommuner ("Kommun N"), med namn för förbundet och när gruppen är publicerad', () => {
    const members = [
      { code: '1460', name: 'Bengtsfors' },
      { code: '1439', name: 'Färgelanda' },
      { code: '1461', name: 'Mellerud' },
      { code: '1492', name: 'Åmål' },
    ];
    const g = { id: 1, namedPublished: false };
    const anon = heatmapMembers(lasare, g, members, 'hemligt');
    assert.equal(anon.named, false);
    assert.deepEqual(anon.members.map((m) => m.label), ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Kommun 4']);
    assert.ok(anon.members.every((m) => m.displayCode === m.label));
    const mine = heatmapMembers(mellerud, g, members, 'hemligt');
    assert.deepEqual(mine.members.filter((m) => !m.label.startsWith('Kommun ')).map((m) => m.label), ['Mellerud']);
    assert.deepEqual(heatmapMembers(lasare, { ...g, namedPublished: true }, members, 'x').members.map((m) => m.label), ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål']);
    assert.equal(heatmapMembers(admin, g, members, 'x').named, true);
  });
});
