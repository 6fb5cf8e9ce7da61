// The one definition of "answered" and "Vet ej" (src/domain/instruments/answered.ts), used by the
// respondent form, the analysis and the reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { answerState, isAnswered, isDontKnow, isDontKnowOption, splitOptions } from '../src/domain/instruments/answered.ts';
import { instrumentSchema, type AnswerValue, type Item } from '../src/domain/instruments/schema.ts';
import { selectedKnownCodes } from '../src/domain/analysis/distributions.ts';
import { itemOptions, numericValue } from '../src/domain/analysis/values.ts';

const ins = instrumentSchema.parse({
  id: 'svar',
  version: '1',
  title: 'Svar',
  mode: 'survey',
  scales: [
    {
      id: 'etablering',
      label: 'Etablering',
      options: [
        { code: '0', label: 'Icke existerande', value: 0 },
        { code: '1', label: 'Delvis', value: 1 },
        { code: '2', label: 'Fullt', value: 2 },
        { code: 'vet_ej', label: 'Vet ej', value: null },
      ],
    },
    { id: 'grad', label: 'Grad', options: [{ code: 'l', label: 'Låg', value: 1 }, { code: 'h', label: 'Hög', value: 2 }] },
    {
      id: 'niva',
      label: 'Nivå',
      options: [
        { code: '0', label: 'Obefintlig', value: 0 },
        { code: '4', label: 'Branschledande', value: 4 },
        { code: 'okand', label: 'Kan inte bedöma', value: null },
      ],
    },
  ],
  items: [
    { id: 'scale', type: 'scale', text: 'Skala', short: 'Skala', scale: 'etablering' },
    {
      id: 'single',
      type: 'single',
      text: 'Storlek',
      short: 'Storlek',
      options: [
        { code: 'liten', label: 'Liten', value: null },
        { code: 'stor', label: 'Stor', value: null },
      ],
    },
    {
      id: 'multi',
      type: 'multi',
      text: 'Forum',
      short: 'Forum',
      options: [
        { code: 'it', label: 'IT-råd', value: 1 },
        { code: 'ark', label: 'Arkitekturråd', value: 1 },
        { code: 'vet_ej', label: 'Vet ej', value: null },
      ],
    },
    { id: 'text', type: 'text', text: 'Mål', short: 'Mål' },
    { id: 'number', type: 'number', text: 'Timmar', short: 'Timmar', min: 0, max: 40 },
    {
      id: 'band',
      type: 'number',
      text: 'CISO:s tid',
      short: 'CISO:s tid',
      min: 0,
      max: 40,
      options: [
        { code: '0', label: '0 timmar', value: 0 },
        { code: '1-10', label: '1–10 timmar', value: 10 },
      ],
    },
    { id: 'yesno', type: 'yesno_degree', text: 'CISO', short: 'CISO', scale: 'grad' },
    { id: 'capability', type: 'capability', text: 'Förmåga', short: 'Förmåga', scale: 'niva' },
  ],
});
const item = (id: string): Item => ins.items.find((i) => i.id === id)!;
const state = (id: string, answer: unknown) => answerState(ins, item(id), answer as AnswerValue);

describe('besvarad och "Vet ej": en definition', () => {
  it('inget svar, null, tom text och tomma värden räknas aldrig som svar', () => {
    for (const i of ins.items) {
      assert.equal(state(i.id, undefined), 'none', i.id);
      assert.equal(state(i.id, null), 'none', i.id);
      assert.equal(state(i.id, ''), 'none', i.id);
      assert.equal(isAnswered(ins, i, undefined), false);
    }
    assert.equal(state('text', '   '), 'none');
    assert.equal(state('number', Number.NaN), 'none');
  });

  it('skala: ett alternativ är ett svar, "Vet ej" är "Vet ej", en okänd kod är inget svar', () => {
    assert.equal(state('scale', '0'), 'answer');
    assert.equal(state('scale', '2'), 'answer');
    assert.equal(state('scale', 'vet_ej'), 'dont-know');
    assert.equal(state('scale', '7'), 'none');
    assert.equal(state('scale', ['0']), 'none');
  });

  it('enkelval med bara ovärderade alternativ: alla är svar, inget är "Vet ej"', () => {
    assert.equal(state('single', 'liten'), 'answer');
    assert.equal(state('single', 'stor'), 'answer');
    assert.equal(state('single', 'mellan'), 'none');
  });

  it('flerval: en tom lista är svaret "inget av dessa"; bara "Vet ej" är "Vet ej"; bara okända koder är inget svar', () => {
    assert.equal(state('multi', []), 'answer');
    assert.equal(state('multi', ['it', 'vet_ej']), 'answer');
    assert.equal(state('multi', ['vet_ej']), 'dont-know');
    assert.equal(state('multi', ['okand']), 'none');
    assert.equal(state('multi', 'it'), 'none');
  });

  it('fritext och tal', () => {
    assert.equal(state('text', ' Ett mål '), 'answer');
    assert.equal(state('text', 3), 'none');
    assert.equal(state('number', 0), 'answer');
    assert.equal(state('number', '4'), 'none');
    // A number item with answer bands: a band's code is an answer (Delrapport Mellerud figur 6: "1–10 timmar"), with its value.
    assert.equal(state('band', '1-10'), 'answer');
    assert.equal(numericValue(ins, item('band'), '1-10'), 10);
    assert.equal(state('band', '11-20'), 'none');
    assert.equal(state('number', '1-10'), 'none', 'ett tal utan intervall tar inga koder');
  });

  it('ja/nej med grad: ja och nej är svar, vet_ej är "Vet ej"', () => {
    assert.equal(state('yesno', { answer: 'ja', degree: 'h' }), 'answer');
    assert.equal(state('yesno', { answer: 'nej' }), 'answer');
    assert.equal(state('yesno', { answer: 'vet_ej' }), 'dont-know');
    assert.equal(state('yesno', { answer: 'kanske' }), 'none');
    assert.equal(state('yesno', 'ja'), 'none');
  });

  it('förmåga: nuvarande nivå avgör; ett ovärderat alternativ bredvid värderade är "Vet ej"', () => {
    assert.equal(state('capability', { current: '0', target: '4' }), 'answer');
    assert.equal(state('capability', { current: 'okand' }), 'dont-know');
    assert.equal(state('capability', { target: '4' }), 'none');
    assert.equal(state('capability', '4'), 'none');
    assert.equal(isDontKnow(ins, item('capability'), { current: 'okand' }), true);
  });

  it('"Vet ej"-alternativ: koden vet_ej, eller ovärderat bredvid värderade alternativ', () => {
    const scale = ins.scales[0].options;
    assert.deepEqual(splitOptions(scale).dontKnow.map((o) => o.code), ['vet_ej']);
    assert.equal(isDontKnowOption(ins.scales[2].options[2], ins.scales[2].options), true);
    assert.equal(isDontKnowOption(item('single').options![0], item('single').options!), false);
  });

  // Arbitrary stored values, right and wrong shapes, for every item.
  const codes = fc.constantFrom('0', '1', '2', '4', 'vet_ej', 'okand', 'it', 'ark', 'liten', 'stor', 'x', 'h', 'l');
  const answer = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    codes,
    fc.string({ maxLength: 4 }),
    fc.double(),
    fc.uniqueArray(codes, { maxLength: 4 }),
    fc.record({ answer: fc.constantFrom('ja', 'nej', 'vet_ej', 'kanske'), degree: fc.option(codes, { nil: undefined }) }, { requiredKeys: ['answer'] }),
    fc.record({ current: codes, target: fc.option(codes, { nil: undefined }) }, { requiredKeys: ['current'] }),
  );

  it('egenskap: fördelningarna räknar precis de besvarade (selectedKnownCodes ⇔ isAnswered); "Vet ej" är besvarad men aldrig poängsatt', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ins.items), answer, (i, a) => {
        const v = a as AnswerValue | undefined;
        const answered = isAnswered(ins, i, v);
        if (i.type !== 'text' && i.type !== 'number') {
          const known = new Set(itemOptions(ins, i).map((o) => o.code));
          assert.equal(selectedKnownCodes(i, known, v) !== null, answered);
        }
        if (isDontKnow(ins, i, v)) {
          assert.equal(answered, true);
          assert.equal(numericValue(ins, i, v), null);
        }
        if (!answered) assert.equal(numericValue(ins, i, v), null);
      }),
      { numRuns: 2000 },
    );
  });
});
