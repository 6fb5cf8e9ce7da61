// Short names of items (src/domain/instruments/short.ts): required in new definitions, present and
// unique in every shipped instrument, and a stand-in for definitions stored before they existed.
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { loadBuiltInInstruments } from '../src/domain/instruments/catalog.ts';
import { compareVersions } from '../src/domain/instruments/library.ts';
import { validateInstrument, type Instrument } from '../src/domain/instruments/schema.ts';
import { addsShortNamesOnly, itemShortLabel, SHORT_MAX, withShortNames, type StoredInstrument } from '../src/domain/instruments/short.ts';
import type { Db } from '../src/db/db.ts';
import { createRound } from '../src/store/rounds.ts';
import { getInstrument, getVersion, storeInstrument } from '../src/store/instruments.ts';
import { backends } from './support/db.ts';

const base = {
  id: 'prov',
  version: '1',
  title: 'Prov',
  mode: 'survey',
  items: [
    { id: 'a', type: 'text', text: 'Vilka mål har förvaltningen för digitaliseringen de kommande åren?', short: 'Mål för digitalisering' },
    { id: 'b', type: 'number', text: 'Timmar per vecka', short: 'Timmar', min: 0, max: 40 },
  ],
};
const withItem = (patch: Record<string, unknown>) => ({ ...base, items: [{ ...base.items[0], ...patch }, base.items[1]] });
const errorsOf = (data: unknown) => {
  const r = validateInstrument(data);
  assert.equal(r.ok, false);
  return r.ok ? [] : r.errors;
};

describe('kortnamn i instrumentdefinitionen', () => {
  it('krävs, 1–40 tecken, med svenskt meddelande per fråga', () => {
    const ok = validateInstrument(base);
    assert.ok(ok.ok);
    const { short: _s, ...noShort } = base.items[0];
    assert.deepEqual(errorsOf({ ...base, items: [noShort, base.items[1]] }), [
      { path: 'items[0].short', message: 'Ange ett kortnamn för frågan (högst 40 tecken), det visas i diagram' },
    ]);
    assert.deepEqual(errorsOf(withItem({ short: 'x'.repeat(41) })), [{ path: 'items[0].short', message: 'Kortnamnet får vara högst 40 tecken' }]);
    assert.deepEqual(errorsOf(withItem({ short: '   ' })), [{ path: 'items[0].short', message: 'Kortnamnet får inte vara tomt' }]);
    assert.deepEqual(errorsOf(withItem({ short: 7 })), [{ path: 'items[0].short', message: 'Kortnamnet måste vara en text' }]);
    // Exactly 40 characters is allowed; surrounding blanks are trimmed.
    const forty = validateInstrument(withItem({ short: ` ${'å'.repeat(40)} ` }));
    assert.ok(forty.ok);
    if (forty.ok) assert.equal(forty.instrument.items[0].short, 'å'.repeat(40));
  });

  test('varje fråga i varje levererat instrument har ett eget kortnamn på högst 40 tecken, aldrig avkortat', async () => {
    const all = await loadBuiltInInstruments();
    assert.equal(all.length, 6); // five instruments, informationssäkerhet in two versions
    for (const ins of all) {
      const shorts = ins.items.map((i) => i.short);
      for (const [k, s] of shorts.entries()) {
        assert.ok(s.length >= 1 && s.length <= SHORT_MAX, `${ins.id}/${ins.items[k].id}: "${s}"`);
        assert.ok(!s.includes('…') && !s.endsWith('?'), `${ins.id}/${ins.items[k].id}: "${s}" är en avkortad fråga`);
      }
      assert.equal(new Set(shorts).size, shorts.length, `${ins.id}: kortnamn används två gånger`);
    }
    const byId = new Map(all.map((i) => [i.id, i]));
    const short = (ins: string, item: string) => byId.get(ins)!.items.find((i) => i.id === item)!.short;
    assert.equal(short('informationssakerhet', 'ledningens-genomgang'), 'Ledningens engagemang');
    assert.equal(short('formagekarta', 'folja-upp-avtal'), 'Följa upp avtal');
  });
});

describe('äldre sparade definitioner utan kortnamn', () => {
  it('itemShortLabel: kortnamnet; annars frågetexten om den ryms, annars texten kapad vid ett ordslut med …', () => {
    assert.equal(itemShortLabel({ short: '  Öppna data ', text: 'Vi publicerar öppna data.' }), 'Öppna data');
    assert.equal(itemShortLabel({ text: 'Följa upp avtal' }), 'Följa upp avtal');
    assert.equal(itemShortLabel({ short: '', text: 'Följa upp avtal' }), 'Följa upp avtal');
    // 39 characters before the cut: "Har ni ett etablerat arbetssätt så att" (38) + "…".
    assert.equal(itemShortLabel({ text: 'Har ni ett etablerat arbetssätt så att risker hanteras?' }), 'Har ni ett etablerat arbetssätt så att…');
    assert.ok(itemShortLabel({ text: 'x'.repeat(80) }).length <= SHORT_MAX);
  });

  it('withShortNames fyller i de kortnamn som saknas och lämnar en komplett definition orörd', () => {
    const legacy = { ...base, items: [{ id: 'a', type: 'text', text: 'Övrigt' }, base.items[1]] } as unknown as StoredInstrument;
    const filled = withShortNames(legacy);
    assert.deepEqual(
      filled.items.map((i) => i.short),
      ['Övrigt', 'Timmar'],
    );
    assert.ok(validateInstrument(filled).ok);
    const complete = base as unknown as StoredInstrument;
    assert.equal(withShortNames(complete), complete);
  });

  it('addsShortNamesOnly: bara när en äldre definition får kortnamn och inget annat ändras', () => {
    const legacy = { ...base, items: base.items.map(({ short: _s, ...rest }) => rest) } as unknown as StoredInstrument;
    const next = base as unknown as StoredInstrument;
    assert.equal(addsShortNamesOnly(legacy, next), true);
    assert.equal(addsShortNamesOnly(legacy, { ...next, title: 'Annan titel' }), false);
    assert.equal(addsShortNamesOnly(next, { ...next, items: [{ ...next.items[0], short: 'Nytt' }, next.items[1]] }), false);
  });

  it('ett ändrat kortnamn är en jämförbar ändring av ordalydelsen', () => {
    const a = withShortNames(base as unknown as StoredInstrument);
    const b = { ...a, version: '2', items: [{ ...a.items[0], short: 'Digitaliseringsmål' }, a.items[1]] } as Instrument;
    const c = compareVersions(a, b);
    assert.deepEqual(c.items.map((i) => [i.id, i.status, i.changes]), [
      ['a', 'comparable', ['short']],
      ['b', 'same', []],
    ]);
  });
});

for (const backend of backends) {
  describe(`sparade definitioner utan kortnamn (${backend.name})`, () => {
    let db: Db;
    const named = validateInstrument(base);
    assert.ok(named.ok);
    // As stored before short names existed: a validated definition without them.
    const legacy = { ...named.instrument, items: named.instrument.items.map(({ short: _s, ...rest }) => rest) };
    before(async () => {
      db = await backend.open();
      await db.query(`INSERT INTO instruments (id, version, definition, source) VALUES ('prov', '1', $1::text::jsonb, 'builtin')`, [JSON.stringify(legacy)]);
      await createRound(db, { instrument: 'prov', instrumentVersion: '1', title: 'Gammal omgång', periodStart: '2024-01-01', periodEnd: '2024-02-01', municipalities: [] });
    });
    after(() => db.close());

    it('läses med ersättningskortnamn', async () => {
      const ins = await getInstrument(db, 'prov', '1');
      assert.deepEqual(ins?.items.map((i) => i.short), ['Vilka mål har förvaltningen för…', 'Timmar per vecka']);
      assert.deepEqual((await getVersion(db, 'prov', '1'))?.definition.items.map((i) => i.short), ['Vilka mål har förvaltningen för…', 'Timmar per vecka']);
    });

    it('en version i bruk får de inbyggda kortnamnen men ändras annars inte', async () => {
      assert.ok(named.ok);
      assert.equal(await storeInstrument(db, { ...named.instrument, title: 'Ändrad titel' }, 'builtin'), 'in-use');
      assert.equal(await storeInstrument(db, named.instrument, 'builtin'), 'updated');
      assert.deepEqual((await getInstrument(db, 'prov', '1'))?.items.map((i) => i.short), ['Mål för digitalisering', 'Timmar']);
      assert.equal(await storeInstrument(db, { ...named.instrument, items: [{ ...named.instrument.items[0], short: 'Annat' }, named.instrument.items[1]] }, 'builtin'), 'in-use');
    });
  });
}
