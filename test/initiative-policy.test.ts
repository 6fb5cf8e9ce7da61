// The initiative policy for every role: förbundsadmin, kommunansvarig of the proposing / a taking-part /
// another municipality, läsare and nobody signed in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canDecide,
  canEdit,
  candidateRefusal,
  canReport,
  canSetParticipation,
  editRefusal,
  proposingMunicipalityFor,
  suggestedMunicipalities,
  visibleEvidence,
  type PolicyInitiative,
  type Viewer,
} from '../src/domain/portfolio/initiative-policy.ts';

const admin: Viewer = { role: 'forbundsadmin', municipalities: [] };
const own: Viewer = { role: 'kommunansvarig', municipalities: ['1480'] };
const partner: Viewer = { role: 'kommunansvarig', municipalities: ['1401'] };
const other: Viewer = { role: 'kommunansvarig', municipalities: ['1402'] };
const twoMunicipalities: Viewer = { role: 'kommunansvarig', municipalities: ['1480', '1481'] };
const reader: Viewer = { role: 'lasare', municipalities: [] };
const anonymous: Viewer = null;

/** Proposed by 1480; 1401 takes part, 1402 is only interested. */
const initiative = (stage: PolicyInitiative['stage']): PolicyInitiative => ({
  stage,
  proposingMunicipality: '1480',
  participations: [
    { municipality: '1401', kind: 'deltar' },
    { municipality: '1402', kind: 'intresserad' },
  ],
});
const idea = initiative('ide');
const prioritised = initiative('prioriterad');

describe('initiative policy', () => {
  it('edit: the association always, the proposing municipality only in Idé, nobody else', () => {
    assert.deepEqual(
      [admin, own, partner, other, reader, anonymous].map((v) => [canEdit(v, idea), canEdit(v, prioritised)]),
      [
        [true, true],
        [true, false],
        [false, false],
        [false, false],
        [false, false],
        [false, false],
      ],
    );
  });

  it('edit refusals say why', () => {
    assert.equal(editRefusal(admin, prioritised, '1402'), null);
    assert.equal(editRefusal(own, idea), null);
    assert.equal(editRefusal(own, idea, '1480'), null);
    assert.equal(editRefusal(own, prioritised), 'Förslaget kan bara ändras av kommunen medan det är i steget Idé; därefter ändrar förbundet');
    assert.equal(editRefusal(other, idea), 'Du kan bara ändra din egen kommuns förslag');
    assert.equal(editRefusal(reader, idea), 'Du kan bara ändra din egen kommuns förslag');
    assert.equal(editRefusal(anonymous, idea), 'Du kan bara ändra din egen kommuns förslag');
    // Handing the proposal to another municipality (or to none) is the association's.
    assert.equal(editRefusal(own, idea, '1402'), 'Du kan bara föreslå initiativ för din egen kommun');
    assert.equal(editRefusal(own, idea, null), 'Du kan bara föreslå initiativ för din egen kommun');
  });

  it('stage moves, scores and actors: the association only', () => {
    assert.deepEqual([admin, own, partner, other, reader, anonymous].map(canDecide), [true, false, false, false, false, false]);
  });

  it('participation: the association for any municipality, a kommunansvarig for their own', () => {
    assert.deepEqual(
      [admin, own, partner, other, reader, anonymous].map((v) => canSetParticipation(v, '1480')),
      [true, true, false, false, false, false],
    );
    assert.equal(canSetParticipation(partner, '1401'), true);
  });

  it('status reports: the association, the proposing and taking-part municipalities, not the merely interested', () => {
    assert.deepEqual(
      [admin, own, partner, other, reader, anonymous].map((v) => canReport(v, prioritised)),
      [true, true, true, false, false, false],
    );
  });

  it('proposing municipality of a new initiative', () => {
    assert.deepEqual(proposingMunicipalityFor(admin, undefined), { code: null });
    assert.deepEqual(proposingMunicipalityFor(admin, '1402'), { code: '1402' });
    assert.deepEqual(proposingMunicipalityFor(own, undefined), { code: '1480' });
    assert.deepEqual(proposingMunicipalityFor(own, '1480'), { code: '1480' });
    assert.deepEqual(proposingMunicipalityFor(own, '1402'), { refusal: 'Du kan bara föreslå initiativ för din egen kommun' });
    assert.deepEqual(proposingMunicipalityFor(twoMunicipalities, undefined), {
      refusal: 'Ange vilken av dina kommuner som föreslår initiativet',
      field: 'proposingMunicipality',
    });
    assert.deepEqual(proposingMunicipalityFor(twoMunicipalities, '1481'), { code: '1481' });
    assert.deepEqual(proposingMunicipalityFor(reader, undefined), { refusal: 'Du kan bara föreslå initiativ för din egen kommun' });
    assert.deepEqual(proposingMunicipalityFor(anonymous, '1480'), { refusal: 'Du kan bara föreslå initiativ för din egen kommun' });
  });

  it('a candidate: the association for any, a kommunansvarig only when every weak municipality is theirs', () => {
    const refusal = 'Du kan bara skapa förslag utifrån din egen kommuns resultat';
    assert.equal(candidateRefusal(admin, ['1401', '1480']), null);
    assert.equal(candidateRefusal(own, ['1480']), null);
    assert.equal(candidateRefusal(twoMunicipalities, ['1480', '1481']), null);
    assert.equal(candidateRefusal(own, ['1401', '1480']), refusal);
    assert.equal(candidateRefusal(reader, ['1480']), refusal);
    assert.equal(candidateRefusal(anonymous, ['1480']), refusal);
  });

  it('evidence: whole for the association; capability, count and own municipalities for the others', () => {
    const evidence = {
      source: 'samverkanskandidat',
      instrumentId: 'dimios',
      itemId: 'q1',
      capabilityLabel: 'Följa upp avtal',
      municipalities: ['1401', '1480', '1402'],
      analysis: { threshold: 2 },
    };
    assert.equal(visibleEvidence(admin, evidence), evidence);
    const redacted = (ownMunicipalities: string[]) => ({
      source: 'samverkanskandidat',
      instrumentId: 'dimios',
      itemId: 'q1',
      capabilityLabel: 'Följa upp avtal',
      weakMunicipalities: 3,
      ownMunicipalities,
    });
    assert.deepEqual(visibleEvidence(own, evidence), redacted(['1480']));
    assert.deepEqual(visibleEvidence(twoMunicipalities, evidence), redacted(['1480']));
    assert.deepEqual(visibleEvidence(other, evidence), redacted(['1402']));
    assert.deepEqual(visibleEvidence(reader, evidence), redacted([]));
    assert.deepEqual(visibleEvidence(anonymous, evidence), redacted([]));
    assert.equal(visibleEvidence(reader, null), null);
  });

  it('suggested participants: the association only', () => {
    assert.deepEqual(suggestedMunicipalities(admin, ['1401', '1480']), ['1401', '1480']);
    for (const v of [own, reader, anonymous]) assert.equal(suggestedMunicipalities(v, ['1480']), undefined);
  });
});
