// The sign-in rules of src/domain/identity/policy.ts (issue 13): account states, domain rules,
// who may sign in by which method, and when a password sign-in needs a second step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  accountState,
  emailDomain,
  ruleForEmail,
  secondFactorNeeded,
  signInRefusal,
  type AccountFacts,
  type DomainRule,
} from '../src/domain/identity/policy.ts';

const active: AccountFacts = {
  email: 'anna@mellerud.se',
  role: 'lasare',
  activatedAt: '2026-01-01T00:00:00Z',
  deactivatedAt: null,
  hasPassword: true,
  totpEnabled: false,
};
const rule = (domain: string, over: Partial<DomainRule> = {}): DomainRule => ({
  domain,
  provisioning: 'refuse',
  municipalityCode: null,
  passwordSignIn: true,
  ...over,
});

describe('kontots tillstånd', () => {
  test('inbjuden, aktivt, avaktiverat', () => {
    assert.equal(accountState({ activatedAt: null, deactivatedAt: null }), 'invited');
    assert.equal(accountState({ activatedAt: '2026-01-01', deactivatedAt: null }), 'active');
    // Deactivation wins over everything, also for an invitation never accepted.
    assert.equal(accountState({ activatedAt: null, deactivatedAt: '2026-02-01' }), 'deactivated');
    assert.equal(accountState({ activatedAt: '2026-01-01', deactivatedAt: '2026-02-01' }), 'deactivated');
  });
});

describe('e-postdomäner', () => {
  test('domänen ur adressen, gemener, utan blanksteg', () => {
    assert.equal(emailDomain('  Anna.Andersson@Mellerud.SE '), 'mellerud.se');
    assert.equal(emailDomain('inte-en-adress'), '');
    assert.equal(emailDomain('@mellerud.se'), '');
  });

  test('egen domän före överordnad; aldrig en toppdomän', () => {
    const rules = [rule('mellerud.se'), rule('it.mellerud.se', { provisioning: 'create' }), rule('se')];
    assert.equal(ruleForEmail('a@it.mellerud.se', rules)?.domain, 'it.mellerud.se');
    assert.equal(ruleForEmail('a@skola.mellerud.se', rules)?.domain, 'mellerud.se');
    assert.equal(ruleForEmail('a@amal.se', rules), undefined);
  });

  test('en regel gäller bara adresser i sin domän eller dess underdomäner', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.array(fc.array(label, { minLength: 1, maxLength: 3 }), { maxLength: 5 }), (parts, ruleParts) => {
        const domain = [...parts, 'se'].join('.');
        const rules = ruleParts.map((p) => rule([...p, 'se'].join('.')));
        const r = ruleForEmail(`x@${domain}`, rules);
        if (r) assert.ok(domain === r.domain || domain.endsWith(`.${r.domain}`), `${r.domain} för ${domain}`);
        else assert.ok(!rules.some((x) => x.domain === domain));
      }),
    );
  });
});

describe('vem får logga in, och hur', () => {
  test('ett aktivt konto med lösenord får logga in med lösenord och SSO', () => {
    assert.equal(signInRefusal(active, 'password', undefined), undefined);
    assert.equal(signInRefusal(active, 'oidc', rule('mellerud.se')), undefined);
  });

  test('ett avaktiverat konto nekas på alla sätt', () => {
    const a = { ...active, deactivatedAt: '2026-03-01' };
    for (const m of ['password', 'oidc', 'invitation', 'password_reset'] as const)
      assert.equal(signInRefusal(a, m, undefined, { validInvitation: true }), 'deactivated', m);
  });

  test('ett inbjudet konto: bara med inbjudan, eller SSO medan inbjudan gäller', () => {
    const a = { ...active, activatedAt: null, hasPassword: false };
    assert.equal(signInRefusal(a, 'invitation', undefined), undefined);
    assert.equal(signInRefusal(a, 'oidc', undefined, { validInvitation: true }), undefined);
    assert.equal(signInRefusal(a, 'oidc', undefined, { validInvitation: false }), 'not_activated');
    assert.equal(signInRefusal(a, 'password', undefined), 'not_activated');
  });

  test('lösenord avstängt för domänen; konto utan lösenord', () => {
    assert.equal(signInRefusal(active, 'password', rule('mellerud.se', { passwordSignIn: false })), 'password_disabled');
    assert.equal(signInRefusal(active, 'oidc', rule('mellerud.se', { passwordSignIn: false })), undefined);
    assert.equal(signInRefusal({ ...active, hasPassword: false }, 'password', undefined), 'no_password');
  });
});

describe('andra steget vid inloggning med lösenord', () => {
  const off = { requireTotpForAdmins: false, auditRetentionDays: 730 };
  const on = { requireTotpForAdmins: true, auditRetentionDays: 730 };
  test('kod när kontot har TOTP, registrering när förbundet kräver det av administratörer', () => {
    assert.equal(secondFactorNeeded({ role: 'lasare', totpEnabled: true }, 'password', off), 'totp');
    assert.equal(secondFactorNeeded({ role: 'forbundsadmin', totpEnabled: false }, 'password', off), undefined);
    assert.equal(secondFactorNeeded({ role: 'forbundsadmin', totpEnabled: false }, 'password', on), 'totp_setup');
    assert.equal(secondFactorNeeded({ role: 'kommunansvarig', totpEnabled: false }, 'password', on), undefined);
  });
  test('SSO litar på leverantörens tvåstegsverifiering', () => {
    assert.equal(secondFactorNeeded({ role: 'forbundsadmin', totpEnabled: true }, 'oidc', on), undefined);
  });
});
