// Who sees what of a round, for every role: förbundsadmin, kommunansvarig of a municipality in the
// round and of one outside it, läsare.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listedMunicipalities, responsesExportRefusal, roundVisibility, type Viewer } from '../src/domain/round-policy.ts';

const admin: Viewer = { role: 'forbundsadmin', municipalities: [] };
const mellerud: Viewer = { role: 'kommunansvarig', municipalities: ['1461'] };
const bengtsfors: Viewer = { role: 'kommunansvarig', municipalities: ['1460'] };
const reader: Viewer = { role: 'lasare', municipalities: [] };
const round = { municipalities: ['1461', '1462'] };

describe('mätomgångens behörighetsregler', () => {
  it('förbundsadmin ser allt, alla kommuner och alla svar', () => {
    const v = roundVisibility(admin, round);
    assert.equal(v.view, 'full');
    assert.ok(v.view === 'full' && v.municipality('1461') && v.municipality('1462'));
    assert.equal(listedMunicipalities(admin), undefined);
    assert.equal(responsesExportRefusal(admin, undefined), null);
    assert.equal(responsesExportRefusal(admin, '1462'), null);
  });

  it('kommunansvarig i en kommun som ingår ser mätomgången med bara egna kommuners svarsläge och svar', () => {
    const v = roundVisibility(mellerud, round);
    assert.ok(v.view === 'full');
    assert.deepEqual([v.municipality('1461'), v.municipality('1462')], [true, false]);
    assert.deepEqual(listedMunicipalities(mellerud), ['1461']);
    assert.equal(responsesExportRefusal(mellerud, '1461'), null);
    assert.equal(responsesExportRefusal(mellerud, '1462'), 'Du har inte behörighet till den här kommunens uppgifter');
    assert.equal(responsesExportRefusal(mellerud, undefined), 'Ange din kommun för att hämta svaren');
  });

  it('kommunansvarig i en annan kommun ser inte mätomgången', () => {
    assert.deepEqual(roundVisibility(bengtsfors, round), { view: 'none', message: 'Mätomgången omfattar inte din kommun' });
    assert.deepEqual(listedMunicipalities(bengtsfors), ['1460']);
  });

  it('läsaren ser de offentliga uppgifterna men inga svar', () => {
    assert.deepEqual(roundVisibility(reader, round), { view: 'public' });
    assert.equal(listedMunicipalities(reader), undefined);
    assert.equal(responsesExportRefusal(reader, '1461'), 'Du har inte behörighet till den här kommunens uppgifter');
    assert.equal(responsesExportRefusal(reader, undefined), 'Ange din kommun för att hämta svaren');
  });
});
