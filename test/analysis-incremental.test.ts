// The incremental analysis (issue 15): a round's evaluation combined from one partial per
// municipality (engine.ts combine / municipalityPartial) equals evaluating every response at once,
// for random responses of every built-in instrument (fast-check), also when one municipality's
// responses change and only its partial is made again. Responses are ordered by municipality, as
// the store loads them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AnalysisResponse } from '../src/domain/analysis/index.ts';
import { combine, evaluate, municipalityPartial, partialsOf } from '../src/domain/analysis/engine.ts';
import { itemOptions } from '../src/domain/analysis/values.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import type { AnswerValue, Instrument, Item } from '../src/domain/instruments/schema.ts';

const BUILT_IN = loadBuiltInInstrumentsSync();
const CODES = ['1460', '1438', '1439', '1484', '1461', '1430'];

/** An arbitrary answer of any shape the store may hold for the item (also unknown codes, wrong shapes, decimals). */
function answerArb(ins: Instrument, item: Item): fc.Arbitrary<AnswerValue | undefined> {
  const codes = itemOptions(ins, item).map((o) => o.code);
  const code = fc.oneof(fc.constantFrom(...(codes.length ? codes : ['x'])), fc.constant('okänd-kod'));
  const scaleCodes = item.scale ? (ins.scales.find((s) => s.id === item.scale)?.options ?? []).map((o) => o.code) : [];
  const shapes: Record<Item['type'], fc.Arbitrary<AnswerValue>> = {
    scale: code,
    single: code,
    multi: fc.subarray(codes),
    text: fc.constantFrom('svar', '  ', 'annat svar'),
    number: fc.oneof(fc.integer({ min: -5, max: 500 }).map((v) => v / 10), fc.constant('inte ett tal')),
    yesno_degree: fc.record(
      { answer: fc.constantFrom('ja', 'nej', 'vet_ej'), degree: fc.constantFrom(...(scaleCodes.length ? scaleCodes : ['1'])) },
      { requiredKeys: ['answer'] },
    ) as fc.Arbitrary<AnswerValue>,
    capability: fc.record({ current: code, target: code }, { requiredKeys: ['current'] }) as fc.Arbitrary<AnswerValue>,
  };
  return fc.option(shapes[item.type], { nil: undefined, freq: 8 });
}

function responsesArb(ins: Instrument, max = 30): fc.Arbitrary<AnalysisResponse[]> {
  const one = fc.record({
    municipality: fc.constantFrom(...CODES),
    answers: fc.tuple(...ins.items.map((item) => answerArb(ins, item))),
  });
  return fc.array(one, { maxLength: max }).map((rows) => {
    const out = rows.map((r, i) => {
      const answers: Record<string, AnswerValue> = {};
      ins.items.forEach((item, k) => {
        if (r.answers[k] !== undefined) answers[item.id] = r.answers[k] as AnswerValue;
      });
      return { responseId: String(i), municipality: r.municipality, answers };
    });
    // Ordered by municipality code, then response (as store/analysis.ts loads them).
    return out.sort((a, b) => (a.municipality < b.municipality ? -1 : a.municipality > b.municipality ? 1 : Number(a.responseId) - Number(b.responseId)));
  });
}

describe('inkrementell analys: delresultat per kommun', () => {
  for (const ins of BUILT_IN) {
    it(`${ins.id} ${ins.version}: kombinerade delresultat = hela omgången utvärderad på en gång`, () => {
      fc.assert(
        fc.property(responsesArb(ins), fc.integer({ min: 0, max: 4 }), (responses, minN) => {
          assert.deepStrictEqual(combine(ins, partialsOf(ins, responses)), evaluate(ins, responses));
          assert.deepStrictEqual(combine(ins, partialsOf(ins, responses), { regionalMinN: minN }), evaluate(ins, responses, { regionalMinN: minN }));
        }),
        { numRuns: 15 },
      );
    });
  }

  it('ett nytt svar i en kommun: bara den kommunens delresultat görs om', () => {
    const ins = BUILT_IN.find((i) => i.id === 'digital-mognad')!;
    fc.assert(
      fc.property(responsesArb(ins), responsesArb(ins, 3), fc.constantFrom(...CODES), (responses, extra, code) => {
        const partials = partialsOf(ins, responses);
        // New responses of `code` (e.g. a respondent who submitted): appended after its earlier ones.
        const added = extra.map((r, i) => ({ ...r, responseId: `n${i}`, municipality: code }));
        const own = [...responses.filter((r) => r.municipality === code), ...added];
        const after = [...responses.filter((r) => r.municipality < code), ...own, ...responses.filter((r) => r.municipality > code)];
        const updated = partials.filter((p) => p.municipality !== code);
        if (own.length) updated.push(municipalityPartial(ins, code, own));
        updated.sort((a, b) => (a.municipality < b.municipality ? -1 : 1));
        assert.deepStrictEqual(combine(ins, updated), evaluate(ins, after));
      }),
      { numRuns: 30 },
    );
  });

  it('handräknat: två kommuner, regionens medel och det sammanslagna respondentmedlet', () => {
    const ins = BUILT_IN.find((i) => i.id === 'digital-mognad')!;
    const item = ins.items.find((i) => i.type === 'scale' && !i.reversed)!;
    const max = Math.max(...itemOptions(ins, item).map((o) => o.value ?? 0));
    const rs = (m: string, vals: number[]) => vals.map((v, i) => ({ responseId: `${m}-${i}`, municipality: m, answers: { [item.id]: String(v) } }));
    const a = municipalityPartial(ins, '1430', rs('1430', [1, 2, 3]));
    const b = municipalityPartial(ins, '1438', rs('1438', [6]));
    const { analysis, pooled } = combine(ins, [a, b]);
    // Medians 2 and 6; the region's municipality-weighted mean (2 + 6) / 2 = 4; pooled mean (1+2+3+6)/4 = 3.
    assert.equal(analysis.municipalityScores[0].items[item.id].value, 2);
    assert.equal(analysis.region.items[item.id].value.municipalityWeighted.mean, 4);
    assert.equal(pooled.items[item.id].value, 3);
    assert.equal(pooled.items[item.id].pct, (3 / max) * 100);
    assert.equal(analysis.respondents.n, 4);
  });
});
