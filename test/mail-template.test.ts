// Invitation and reminder texts: placeholders, aliases, unknown placeholders, the defaults.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TEXTS, placeholderError, renderMail, renderTemplate, unknownPlaceholders, type MailValues } from '../src/domain/mail-template.ts';
import { roundDetailsSchema } from '../src/domain/round-details.ts';

const values: MailValues = {
  name: 'Anna Andersson',
  link: 'https://samverka.test/svar/abc',
  deadline: '2026-03-31',
  contact: 'Kim Strateg',
  roundTitle: 'Status 2026',
  instrumentTitle: 'Statusenkät',
  municipality: 'Mellerud',
};

describe('e-posttexter', () => {
  it('platshållare på svenska och engelska, skiftlägesokänsliga', () => {
    assert.equal(
      renderTemplate('Hej {namn}! Länk: {länk} senast {sista dag}. /{Kontaktperson}', values),
      'Hej Anna Andersson! Länk: https://samverka.test/svar/abc senast 2026-03-31. /Kim Strateg',
    );
    assert.equal(renderTemplate('{name} {link} {deadline} {contact} {round} {survey} {municipality}', values),
      'Anna Andersson https://samverka.test/svar/abc 2026-03-31 Kim Strateg Status 2026 Statusenkät Mellerud');
  });

  it('utan namn försvinner platshållaren och mellanslaget före skiljetecken', () => {
    assert.equal(renderTemplate('Hej {namn}!\nHej {namn}\nHej {namn} och välkommen', { ...values, name: null }), 'Hej!\nHej\nHej  och välkommen');
  });

  it('okända platshållare rapporteras (var och en en gång) och lämnas orörda', () => {
    assert.deepEqual(unknownPlaceholders('Hej {namn} {förnamn} {förnamn} {x y}'), ['{förnamn}', '{x y}']);
    assert.equal(renderTemplate('Hej {förnamn}', values), 'Hej {förnamn}');
    assert.match(placeholderError('Inbjudans text', 'Hej {förnamn}')!, /^Inbjudans text: okänd platshållare \{förnamn\}\. Använd \{namn\}, \{länk\}, \{sista dag\}, \{kontaktperson\}/);
    assert.equal(placeholderError('X', 'Hej {namn}'), null);
  });

  it('mätomgångens texter valideras: okänd platshållare är ett fel med fältets svenska namn', () => {
    const bad = roundDetailsSchema.partial().safeParse({ reminderBody: 'Hej {fornamn}' });
    assert.equal(bad.success, false);
    assert.match(bad.error!.issues[0].message, /^Påminnelsens text: okänd platshållare \{fornamn\}/);
    const ok = roundDetailsSchema.partial().safeParse({ invitationSubject: 'Enkät till {kommun}' });
    assert.equal(ok.success, true);
  });

  it('standardtexterna ger dagens inbjudan och påminnelse; egna texter används när de finns', () => {
    const invite = renderMail('invite', {}, values);
    assert.equal(invite.subject, 'Inbjudan: Status 2026');
    assert.equal(
      invite.body,
      [
        'Hej Anna Andersson!',
        '',
        'Du är inbjuden att besvara enkäten "Statusenkät" i mätomgången "Status 2026" för Mellerud.',
        '',
        'Din personliga länk:',
        'https://samverka.test/svar/abc',
        '',
        'Dina svar sparas medan du fyller i. Du kan fortsätta senare via samma länk fram till att mätomgången stänger (sista dag 2026-03-31).',
        'Länken är personlig – dela den inte med någon annan.',
        '',
        'Med vänliga hälsningar',
        'Kim Strateg',
      ].join('\n'),
    );
    assert.equal(renderMail('remind', {}, values).subject, 'Påminnelse: Status 2026');
    assert.equal(unknownPlaceholders(DEFAULT_TEXTS.invite.body + DEFAULT_TEXTS.remind.body).length, 0);
    const own = renderMail('remind', { reminderSubject: 'Glöm inte {enkät}', reminderBody: 'Hej {namn}, svara senast {sista dag}: {länk}', invitationBody: 'x' }, values);
    assert.deepEqual(own, { subject: 'Glöm inte Statusenkät', body: 'Hej Anna Andersson, svara senast 2026-03-31: https://samverka.test/svar/abc' });
  });
});
