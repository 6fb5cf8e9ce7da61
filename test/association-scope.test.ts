// The one rule of which association a viewer works in (src/domain/association-scope.ts): lists, new
// aggregates and single aggregates all follow it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canUseAssociation, NO_ASSOCIATION, notMemberMessage, viewerAssociation } from '../src/domain/association-scope.ts';
import { ROLES } from '../src/domain/organisation.ts';

describe('vilket förbund en användare arbetar i', () => {
  it('kontots eget förbund; regionanalytikern inget; kommandoraden utan --association alla', () => {
    assert.equal(viewerAssociation({ role: 'forbundsadmin', associationId: 2 }), 2);
    assert.equal(viewerAssociation({ role: 'lasare', associationId: 1 }), 1);
    assert.equal(viewerAssociation({ role: 'regionanalytiker', associationId: null }), NO_ASSOCIATION);
    // Even an analyst account that still carries an association id works in none.
    assert.equal(viewerAssociation({ role: 'regionanalytiker', associationId: 3 }), NO_ASSOCIATION);
    assert.equal(viewerAssociation({ role: 'forbundsadmin' }), undefined);
  });

  it('ett enskilt objekt: bara det egna förbundets; regionanalytikern inget; kommandoraden alla', () => {
    assert.equal(canUseAssociation({ role: 'kommunansvarig', associationId: 1 }, 1), true);
    assert.equal(canUseAssociation({ role: 'kommunansvarig', associationId: 1 }, 2), false);
    assert.equal(canUseAssociation({ role: 'regionanalytiker', associationId: null }, 1), false);
    assert.equal(canUseAssociation({ role: 'forbundsadmin' }, 4), true);
  });

  it('listan och det enskilda objektet följer samma regel, för alla roller och förbund', () => {
    const viewer = fc.record(
      { role: fc.constantFrom(...ROLES), associationId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) },
      { requiredKeys: ['role'] },
    );
    fc.assert(
      fc.property(viewer, fc.integer({ min: 1, max: 6 }), (v, owner) => {
        const scope = viewerAssociation(v);
        // A list limited to `scope` (undefined: unlimited) holds the aggregate exactly when the viewer may open it.
        assert.equal(canUseAssociation(v, owner), scope === undefined || scope === owner);
        // The analyst opens nothing and lists nothing: no real association has id NO_ASSOCIATION.
        if (v.role === 'regionanalytiker') assert.equal(canUseAssociation(v, owner), false);
      }),
    );
  });

  it('en kommun utanför förbundet nämns med namn, kod och förbund', () => {
    assert.equal(
      notMemberMessage({ code: '1480', name: 'Göteborg' }, 'Fyrbodals kommunalförbund'),
      'Kommunen Göteborg (1480) är inte medlem i Fyrbodals kommunalförbund',
    );
  });
});
