// The two-factor rules (src/domain/identity/totp.ts, policy.ts): TOTP against the RFC 6238 test
// vectors, drift and replay, recovery codes' format and normalisation, who is asked for a second step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SECURITY_SETTINGS, secondFactorNeeded } from '../src/domain/identity/policy.ts';
import {
  checkTotp,
  formatRecoveryCode,
  groupedSecret,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET,
  totpUri,
} from '../src/domain/identity/totp.ts';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890".
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
// The same 20 bytes in base32, as an authenticator app would be given them.
const RFC_SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238)', () => {
  it('accepts the RFC test vectors: T=59 → 94287082 (8 digits), its last six 287082; T=1111111109 → 07081804', () => {
    assert.deepEqual(checkTotp(RFC_SECRET, '94287082', { lastStep: null, epochSeconds: 59, digits: 8 }), { ok: true, step: 1 });
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: null, epochSeconds: 59 }), { ok: true, step: 1 });
    // 1111111109 / 30 = 37037036.96…
    assert.deepEqual(checkTotp(RFC_SECRET, '07081804', { lastStep: null, epochSeconds: 1111111109, digits: 8 }), { ok: true, step: 37037036 });
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '081 804', { lastStep: null, epochSeconds: 1111111109 }), { ok: true, step: 37037036 });
  });

  it('accepts one step of drift either way, not two', () => {
    // The code of step 1 (30–59 s) at 60–89 s (step 2): accepted as step 1; at 0–29 s (step 0) too.
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: null, epochSeconds: 75 }), { ok: true, step: 1 });
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: null, epochSeconds: 10 }), { ok: true, step: 1 });
    // At 95 s (step 3) it is two steps old.
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: null, epochSeconds: 95 }), { ok: false, reason: 'wrong' });
  });

  it('refuses a code of a step already used, and a wrong or malformed code', () => {
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: 1, epochSeconds: 59 }), { ok: false, reason: 'replayed' });
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: 2, epochSeconds: 75 }), { ok: false, reason: 'replayed' });
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287082', { lastStep: 0, epochSeconds: 59 }), { ok: true, step: 1 });
    assert.deepEqual(checkTotp(RFC_SECRET_B32, '287083', { lastStep: null, epochSeconds: 59 }), { ok: false, reason: 'wrong' });
    for (const bad of ['', '28708', '2870822', 'abcdef', '28708x'])
      assert.deepEqual(checkTotp(RFC_SECRET_B32, bad, { lastStep: null, epochSeconds: 59 }), { ok: false, reason: 'malformed' }, bad);
  });

  it('makes an otpauth URI with issuer samverka and the e-mail as label; groups the secret for typing', () => {
    assert.equal(
      totpUri(RFC_SECRET_B32, 'anna@mellerud.se'),
      'otpauth://totp/samverka:anna%40mellerud.se?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=samverka',
    );
    assert.equal(groupedSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
  });
});

describe('reservkoder', () => {
  it('are ten codes like abcd-efgh-jk from the readable alphabet, all different', () => {
    const codes = newRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const c of codes) assert.match(c, /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{2}$/);
    // A fixed random source: index 0 each time → all 'a'.
    assert.deepEqual(newRecoveryCodes(() => 0)[0], 'aaaa-aaaa-aa');
  });

  it('are normalised before hashing: case, spaces and dashes do not matter', () => {
    assert.equal(normaliseRecoveryCode(' ABCD efgh-JK '), 'abcdefghjk');
    assert.equal(hashRecoveryCode('abcd-efgh-jk'), hashRecoveryCode('ABCD EFGH JK'));
    assert.notEqual(hashRecoveryCode('abcd-efgh-jk'), hashRecoveryCode('abcd-efgh-jm'));
    // SHA-256 of "abcdefghjk", computed with `printf abcdefghjk | sha256sum`.
    assert.equal(hashRecoveryCode('abcd-efgh-jk'), '22f3f00d7f9cfe6eeefa9b71bdcb093a9080fcf4981d2dbf932648fa15a2d793');
    assert.equal(looksLikeRecoveryCode('ABCD-EFGH-JK'), true);
    assert.equal(looksLikeRecoveryCode('abcd-efgh-j1'), false);
    assert.equal(looksLikeRecoveryCode('123456'), false);
  });

  it('normalise(format(code)) gives the code back, whatever case and spacing it was typed with', () => {
    const code = fc.string({ unit: fc.constantFrom(...RECOVERY_ALPHABET), minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(code, fc.boolean(), fc.constantFrom('-', ' ', ''), (raw, upper, sep) => {
        const typed = formatRecoveryCode(raw).replaceAll('-', sep);
        assert.equal(normaliseRecoveryCode(upper ? typed.toUpperCase() : typed), raw);
      }),
    );
  });
});

describe('vem som får ett andra steg', () => {
  const admin = { role: 'forbundsadmin' as const, totpEnabled: false };
  const required = { ...DEFAULT_SECURITY_SETTINGS, requireTotpForAdmins: true };
  it('a password sign-in with TOTP on gets a code step; an admin without it, enrolment when required', () => {
    assert.equal(secondFactorNeeded({ role: 'lasare', totpEnabled: true }, 'password', DEFAULT_SECURITY_SETTINGS), 'totp');
    assert.equal(secondFactorNeeded(admin, 'password', DEFAULT_SECURITY_SETTINGS), undefined);
    assert.equal(secondFactorNeeded(admin, 'password', required), 'totp_setup');
    assert.equal(secondFactorNeeded({ role: 'lasare', totpEnabled: false }, 'password', required), undefined);
    assert.equal(secondFactorNeeded({ role: 'kommunansvarig', totpEnabled: false }, 'password', required), undefined);
  });
  it('an SSO sign-in relies on the provider and is never asked', () => {
    assert.equal(secondFactorNeeded(admin, 'oidc', required), undefined);
    assert.equal(secondFactorNeeded({ role: 'forbundsadmin', totpEnabled: true }, 'oidc', required), undefined);
  });
});
