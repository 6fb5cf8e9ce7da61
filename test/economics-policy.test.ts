// Who sees and changes IT economics (src/domain/economics/policy.ts): the rules per role, and that an
// anonymised comparison never carries a hidden member's code, name, source or note (for all inputs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { groupComparison } from '../src/domain/economics/compute.ts';
import {
  canEditEconomics,
  canSeeEconomics,
  economicsAdminRefusal,
  economicsEditRefusal,
  groupNaming,
  nameOfCodes,
  redactComparison,
} from '../src/domain/economics/policy.ts';
import { DEFAULT_BENCHMARK, economicsYearInput } from '../src/domain/economics/schema.ts';
import type { Viewer } from '../src/domain/organisation.ts';

const ADMIN: Viewer = { role: 'forbundsadmin', municipalities: [] };
const MELLERUD: Viewer = { role: 'kommunansvarig', municipalities: ['1461'] };
const READER: Viewer = { role: 'lasare', municipalities: [] };
const NAMES: Record<string, string> = { '1460': 'Bengtsfors', '1439': 'Färgelanda', '1461': 'Mellerud', '1492': 'Åmål' };
const MEMBERS = Object.keys(NAMES);

describe('behörighet för it-ekonomi', () => {
  it('förbundet ser och ändrar alla; kommunansvarig sin egen; läsaren ingen', () => {
    assert.ok(canEditEconomics(ADMIN, '1460') && canSeeEconomics(ADMIN, '1460'));
    assert.ok(canEditEconomics(MELLERUD, '1461') && canSeeEconomics(MELLERUD, '1461'));
    assert.ok(!canEditEconomics(MELLERUD, '1460') && !canSeeEconomics(MELLERUD, '1460'));
    assert.ok(!canEditEconomics(READER, '1461') && !canSeeEconomics(READER, '1461'));
    assert.equal(economicsEditRefusal(MELLERUD, '1461'), null);
    assert.match(economicsEditRefusal(MELLERUD, '1460') ?? '', /egen kommun/);
  });

  it('grupper, riktmärken, scenarier och kostnadsfördelning: bara förbundet', () => {
    assert.equal(economicsAdminRefusal(ADMIN), null);
    assert.match(economicsAdminRefusal(MELLERUD) ?? '', /Bara förbundet/);
    assert.match(economicsAdminRefusal(READER) ?? '', /Bara förbundet/);
  });

  it('namn i en gruppjämförelse: förbundet och publicerade grupper med namn, annars "Kommun N" utom den egna', () => {
    const group = { id: 7, members: MEMBERS, namedPublished: false };
    assert.equal(groupNaming(ADMIN, group, 2024, NAMES).nameOf('1460'), 'Bengtsfors');
    assert.equal(groupNaming(READER, { ...group, namedPublished: true }, 2024, NAMES).nameOf('1460'), 'Bengtsfors');
    const reader = groupNaming(READER, group, 2024, NAMES);
    assert.equal(reader.named, false);
    const labels = MEMBERS.map(reader.nameOf).sort();
    assert.deepEqual(labels, ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Kommun 4']);
    // The same labels for everyone looking at that group and year (kommunansvarig: own name instead).
    const own = groupNaming(MELLERUD, group, 2024, NAMES);
    assert.equal(own.nameOf('1461'), 'Mellerud');
    for (const c of ['1460', '1439', '1492']) assert.equal(own.nameOf(c), reader.nameOf(c));
    assert.equal(nameOfCodes(NAMES)('9999'), '9999');
  });

  it('en avidentifierad jämförelse bär aldrig en dold kommuns kod, namn, källa eller anteckning', () => {
    const secret = fc.constantFrom('hemlig-källa', 'hemlig-anteckning');
    fc.assert(
      fc.property(
        fc.subarray(MEMBERS, { minLength: 1 }),
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 4, maxLength: 4 }),
        secret,
        fc.constantFrom<Viewer>(READER, MELLERUD),
        (present, amounts, word, viewer) => {
          const records = present.map((code, i) =>
            economicsYearInput.parse({
              municipalityCode: code,
              year: 2024,
              netCost: { amount: 500_000_000, source: `${word} ${NAMES[code]}` },
              budgetLines: [{ category: 'it_tjanster', label: 'It-tjänster', pool: 'externa_tjanster', amount: amounts[i], source: word, note: word }],
              source: `${word} ${code}`,
              note: NAMES[code],
            }),
          );
          const group = { id: 3, name: 'G', members: MEMBERS, insideShares: [], namedPublished: false };
          const naming = groupNaming(viewer, group, 2024, NAMES);
          const view = redactComparison(
            groupComparison({
              group,
              year: 2024,
              records,
              benchmark: { ...DEFAULT_BENCHMARK, year: 2024 },
              scenarios: [{ id: 1, groupId: 3, year: 2024, name: 'S', percentages: [{ category: 'it_tjanster', percent: 30 }], published: null, source: '', note: '', synthesised: false }],
              costSharing: [],
              nameOf: naming.nameOf,
              named: naming.named,
            }),
            naming,
          );
          const hidden = MEMBERS.filter((c) => !naming.visible(c));
          const text = JSON.stringify({ ...view, members: view.members.map((m) => ({ ...m, benchmark: null })) });
          for (const c of hidden) {
            assert.ok(!text.includes(`"${c}"`) && !text.includes(` ${c}`), c);
            assert.ok(!text.includes(NAMES[c]), NAMES[c]);
          }
          if (viewer === READER) assert.ok(!text.includes(word));
          const shown = view.members.map((m) => m.municipality);
          assert.deepEqual(shown, [...shown].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true })));
        },
      ),
      { numRuns: 60 },
    );
  });
});
