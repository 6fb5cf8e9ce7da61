// The pure rules of OpenID sign-in (src/domain/identity/policy.ts), the providers from the environment
// (src/config.ts) and the return path rule (src/contracts/sso.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFromEnv, oidcProvidersFromEnv } from '../src/config.ts';
import { returnToRule } from '../src/contracts/sso.ts';
import { oidcAccountDecision, verifiedEmail, type DomainRule } from '../src/domain/identity/policy.ts';

const create: DomainRule = { domain: 'mellerud.se', provisioning: 'create', municipalityCode: '1461', passwordSignIn: true };

test('verifiedEmail: email_verified true, or Entra ID:s xms_edov true; annars ingen adress', () => {
  assert.equal(verifiedEmail({ sub: 's', email: ' Anna@Mellerud.SE ', email_verified: true }), 'anna@mellerud.se');
  assert.equal(verifiedEmail({ sub: 's', email: 'anna@mellerud.se', xms_edov: true }), 'anna@mellerud.se');
  assert.equal(verifiedEmail({ sub: 's', email: 'anna@mellerud.se', email_verified: 'true' }), undefined, 'a string is not true');
  assert.equal(verifiedEmail({ sub: 's', email: 'anna@mellerud.se' }), undefined);
  assert.equal(verifiedEmail({ sub: 's', email: 'inte-en-adress', email_verified: true }), undefined);
});

test('oidcAccountDecision: identitet, sedan bekräftad adress, sedan domänregeln', () => {
  assert.deepEqual(oidcAccountDecision({ identityUserId: 7, rule: undefined }), { kind: 'existing', userId: 7 });
  assert.deepEqual(oidcAccountDecision({ verifiedEmail: undefined, emailUserId: 3, rule: create }), { kind: 'refuse', reason: 'email_unverified' });
  assert.deepEqual(oidcAccountDecision({ verifiedEmail: 'a@mellerud.se', emailUserId: 3, rule: create }), { kind: 'link', userId: 3 });
  assert.deepEqual(oidcAccountDecision({ verifiedEmail: 'a@mellerud.se', rule: create }), { kind: 'create', municipalityCode: '1461' });
  assert.deepEqual(oidcAccountDecision({ verifiedEmail: 'a@mellerud.se', rule: { ...create, provisioning: 'refuse' } }), { kind: 'refuse', reason: 'domain_refused' });
  assert.deepEqual(oidcAccountDecision({ verifiedEmail: 'a@okand.se', rule: undefined }), { kind: 'refuse', reason: 'domain_refused' });
});

test('leverantörer ur miljön: en eller flera, https krävs utom på localhost, fel på svenska', () => {
  assert.deepEqual(configFromEnv({}).oidcProviders, []);
  assert.deepEqual(oidcProvidersFromEnv({ SAMVERKA_OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0', SAMVERKA_OIDC_CLIENT_ID: 'c', SAMVERKA_OIDC_CLIENT_SECRET: 's' }), [
    { id: 'default', issuer: 'https://login.microsoftonline.com/t/v2.0', clientId: 'c', clientSecret: 's', label: 'Logga in med organisationens konto' },
  ]);
  const two = oidcProvidersFromEnv({
    SAMVERKA_OIDC_PROVIDERS: 'Mellerud, amal',
    SAMVERKA_OIDC_MELLERUD_ISSUER: 'https://a.example',
    SAMVERKA_OIDC_MELLERUD_CLIENT_ID: 'a',
    SAMVERKA_OIDC_MELLERUD_CLIENT_SECRET: 'x',
    SAMVERKA_OIDC_MELLERUD_LABEL: 'Mellerudsanställda',
    SAMVERKA_OIDC_AMAL_ISSUER: 'http://127.0.0.1:9000',
    SAMVERKA_OIDC_AMAL_CLIENT_ID: 'b',
    SAMVERKA_OIDC_AMAL_CLIENT_SECRET: 'y',
  });
  assert.deepEqual(two.map((p) => [p.id, p.label]), [['mellerud', 'Mellerudsanställda'], ['amal', 'Logga in med organisationens konto']]);
  const base = { SAMVERKA_OIDC_CLIENT_ID: 'c', SAMVERKA_OIDC_CLIENT_SECRET: 's' };
  assert.throws(() => oidcProvidersFromEnv({ ...base, SAMVERKA_OIDC_ISSUER: 'http://idp.example' }), /SAMVERKA_OIDC_ISSUER måste börja med https:\/\//);
  assert.throws(() => oidcProvidersFromEnv({ ...base, SAMVERKA_OIDC_ISSUER: 'inte en adress' }), /ingen giltig adress/);
  assert.throws(() => oidcProvidersFromEnv({ SAMVERKA_OIDC_ISSUER: 'https://idp.example', SAMVERKA_OIDC_CLIENT_ID: 'c' }), /SAMVERKA_OIDC_CLIENT_SECRET saknas/);
  assert.throws(() => oidcProvidersFromEnv({ SAMVERKA_OIDC_PROVIDERS: 'a,a' }), /samma leverantör två gånger/);
  assert.throws(() => oidcProvidersFromEnv({ SAMVERKA_OIDC_PROVIDERS: 'a_b' }), /inget giltigt namn/);
});

test('returnTo: bara sökvägar inom samverka', () => {
  for (const ok of ['/', '/rundor', '/resultat/3?kommun=1461']) assert.equal(returnToRule.safeParse(ok).success, true, ok);
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'rundor', '/a b', 'javascript:alert(1)']) assert.equal(returnToRule.safeParse(bad).success, false, bad);
});
