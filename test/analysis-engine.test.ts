// The one-pass engine (src/domain/analysis/engine.ts) must give exactly the reference results of
// the analysis module (analyseRound, compareRounds) — checked on every built-in instrument with
// generated answers of every shape (including "Vet ej", missing, unknown codes, empty multi-selects,
// targets, degrees, numbers) — plus hand-computed checks of what the engine adds (regionalMinN).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseRound, compareRounds, type AnalysisResponse } from '../src/domain/analysis/index.ts';
import { compareScores, evaluate, evaluateRound } from '../src/domain/analysis/engine.ts';
import { itemOptions } from '../src/domain/analysis/values.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import { instrumentSchema, type AnswerValue, type Instrument, type Item } from '../src/domain/instruments/schema.ts';
import { TEST_INSTRUMENT, asResponses, ROUND_2025 } from './support/analysis-seed.ts';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomAnswer(ins: Instrument, item: Item, rnd: () => number): AnswerValue | undefined {
  const roll = rnd();
  if (roll < 0.1) return undefined;
  const codes = itemOptions(ins, item).map((o) => o.code);
  const pick = () => (rnd() < 0.03 ? 'okänd-kod' : codes[Math.floor(rnd() * codes.length)]);
  const scaleCodes = item.scale ? (ins.scales.find((s) => s.id === item.scale)?.options ?? []).map((o) => o.code) : [];
  switch (item.type) {
    case 'scale':
    case 'single':
      return pick();
    case 'multi':
      return codes.filter(() => rnd() < 0.3);
    case 'text':
      return rnd() < 0.2 ? '   ' : `svar ${Math.floor(rnd() * 1000)}`;
    case 'number':
      return rnd() < 0.1 ? 'inte ett tal' : Math.round(((item.min ?? 0) + rnd() * ((item.max ?? 100) - (item.min ?? 0))) * 10) / 10;
    case 'yesno_degree': {
      const answer = (['ja', 'nej', 'vet_ej'] as const)[Math.floor(rnd() * 3)];
      if (scaleCodes.length && rnd() < 0.6) return { answer, degree: scaleCodes[Math.floor(rnd() * scaleCodes.length)] };
      return { answer };
    }
    case 'capability': {
      const current = pick();
      return rnd() < 0.5 ? { current, target: codes[Math.floor(rnd() * codes.length)] } : { current };
    }
  }
}

function generate(ins: Instrument, seed: number, sizes: number[]): AnalysisResponse[] {
  const rnd = prng(seed);
  const out: AnalysisResponse[] = [];
  const codes = ['1460', '1438', '1439', '1484', '1461', '1430', '1421', '1427'];
  const types = [...ins.respondentTypes.map((t) => t.id), undefined];
  sizes.forEach((n, m) => {
    for (let i = 0; i < n; i++) {
      const answers: Record<string, AnswerValue> = {};
      // The last municipality answers nothing at all.
      if (m < sizes.length - 1)
        for (const item of ins.items) {
          const a = randomAnswer(ins, item, rnd);
          if (a !== undefined) answers[item.id] = a;
        }
      const type = types[Math.floor(rnd() * types.length)];
      out.push({ responseId: `s${seed}-${m}-${i}`, municipality: codes[m % codes.length], ...(type ? { respondentType: type } : {}), answers });
    }
  });
  // Not sorted by municipality: the engine must keep the reference's order semantics.
  return out.sort(() => rnd() - 0.5);
}

const BUILT_IN = loadBuiltInInstrumentsSync();

describe('engine ≡ analyseRound', () => {
  it('finns inbyggda instrument att prova', () => assert.ok(BUILT_IN.length >= 5));

  for (const ins of [...BUILT_IN, TEST_INSTRUMENT]) {
    it(`${ins.id}: samma resultat som referensen för genererade svar`, () => {
      for (const seed of [1, 2, 3]) {
        const responses = ins.mode === 'self-assessment' ? generate(ins, seed, [1, 1, 1, 1, 1, 1, 2, 1]) : generate(ins, seed, [6, 1, 2, 9, 3, 4, 5, 2]);
        assert.deepStrictEqual(evaluateRound(ins, responses), analyseRound(ins, responses), `seed ${seed}`);
        assert.deepStrictEqual(evaluateRound(ins, responses, { aggregation: 'mean' }), analyseRound(ins, responses, { aggregation: 'mean' }));
      }
    });
  }

  it('tom indata ger samma (tomma) resultat', () => {
    for (const ins of BUILT_IN) assert.deepStrictEqual(evaluateRound(ins, []), analyseRound(ins, []));
  });

  it('omvända frågor, målnivåer, instrument utan dimensioner', () => {
    const ins = instrumentSchema.parse({
      id: 'omvand',
      version: '1.0',
      title: 'Omvänd',
      mode: 'survey',
      scales: [{ id: 's', label: 'S', options: [1, 2, 3, 4, 5].map((v) => ({ code: String(v), label: String(v), value: v })).concat([{ code: 've', label: 'Vet ej', value: null as never }]) }],
      items: [
        { id: 'a', type: 'scale', scale: 's', text: 'A', short: 'A', reversed: true },
        { id: 'b', type: 'capability', scale: 's', text: 'B', short: 'B', target: { level: 4, marker: '**' } },
        { id: 'c', type: 'capability', scale: 's', text: 'C', short: 'C' },
        { id: 'n', type: 'number', text: 'N', short: 'N', min: 0, max: 40 },
      ],
    });
    const responses = generate(ins, 7, [5, 5, 5, 5, 1]);
    assert.deepStrictEqual(evaluateRound(ins, responses), analyseRound(ins, responses));
  });

  it('compareScores ≡ compareRounds för alla mått', () => {
    const ins = BUILT_IN.find((i) => i.id === 'digital-mognad')!;
    const before = generate(ins, 11, [5, 4, 3, 6, 2, 5, 1, 1]);
    const after = generate(ins, 12, [4, 4, 6, 3, 3, 5, 2, 1]);
    const scores = (rs: AnalysisResponse[]) => evaluate(ins, rs).analysis.municipalityScores;
    for (const measure of [
      { kind: 'overall' as const },
      { kind: 'dimension' as const, id: ins.dimensions[0].id },
      { kind: 'group' as const, id: ins.groups[1].id },
      { kind: 'item' as const, id: ins.items[2].id },
    ])
      assert.deepStrictEqual(
        compareScores({ instrument: ins, municipalities: scores(before) }, { instrument: ins, municipalities: scores(after) }, { measure }),
        compareRounds({ instrument: ins, responses: before }, { instrument: ins, responses: after }, { measure }),
      );
  });
});

describe('engine: regionalMinN', () => {
  // Hand-computed: Mellerud has 4 respondents, but only 3 answered q1 with a value ([4,3,3], one Vet ej);
  // Bengtsfors 3 ([1,2,2]); Åmål 2 ([4,4]).
  const responses = asResponses(ROUND_2025);

  it('utan minsta n: alla kommuner ingår (q1 min 50, medel 75, max 100 %)', () => {
    const q1 = evaluateRound(TEST_INSTRUMENT, responses).region.items.q1.pct.municipalityWeighted;
    assert.deepEqual([q1.n, q1.min, q1.mean, q1.max], [3, 50, 75, 100]);
  });

  it('med minsta n 3: Åmål (2 svar) ingår inte i min/medel/max; respondentviktat medel påverkas inte', () => {
    const a = evaluateRound(TEST_INSTRUMENT, responses, { regionalMinN: 3 });
    const q1 = a.region.items.q1.pct;
    assert.deepEqual([q1.municipalityWeighted.n, q1.municipalityWeighted.min, q1.municipalityWeighted.mean, q1.municipalityWeighted.max], [2, 50, 62.5, 75]);
    // All 8 scored answers [4,3,3,1,2,2,4,4]: 23 / 8 = 2.875 → 71.875 %.
    assert.equal(q1.respondentWeighted.n, 8);
    assert.equal(q1.respondentWeighted.mean, 71.875);
    // Overall: Bengtsfors 31.25, Mellerud 71.875 → mean 51.5625.
    assert.equal(a.region.overall.pct.municipalityWeighted.mean, 51.5625);
    assert.deepEqual(a.region.quadrantCounts, { base: 'municipalities', n: 2, counts: { A: 1, B: 0, C: 0, D: 1 } });
  });

  it('en kommuns fråga med färre svar än minsta n ingår inte för den frågan', () => {
    // Mellerud q1 rests on 3 values; with minimum 4 only Mellerud's 4-respondent figures … none qualify for q1.
    const a = evaluateRound(TEST_INSTRUMENT, responses, { regionalMinN: 4 });
    assert.equal(a.region.items.q1.pct.municipalityWeighted.n, 0);
    assert.equal(a.region.items.q1.pct.municipalityWeighted.mean, null);
    // q2 in Mellerud has 4 values → only Mellerud: 37.5.
    assert.deepEqual(a.region.items.q2.pct.municipalityWeighted.mean, 37.5);
  });
});
