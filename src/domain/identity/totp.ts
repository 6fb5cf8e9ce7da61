// Two-factor authentication for password accounts (issue 13): TOTP codes from an authenticator app
// (RFC 6238 through otplib) and single-use recovery codes. Pure apart from the library and the
// random source; the store keeps the secret, the last accepted time step and the codes' hashes.
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';

/** The name an authenticator app shows above the code. */
export const TOTP_ISSUER = 'samverka';
/** Seconds per time step (what every authenticator app uses). */
export const TOTP_PERIOD = 30;
/** Time steps of clock drift accepted on either side of now. */
export const TOTP_DRIFT_STEPS = 1;

/** A sign-in waiting for its second step lives this long and takes this many wrong codes. */
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_ATTEMPTS = 5;

/** A new random secret, base32 (160 bits, as RFC 4226 recommends). */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app reads from the QR code: issuer samverka, the account's e-mail as label. */
export const totpUri = (secret: string, email: string): string => generateURI({ issuer: TOTP_ISSUER, label: email, secret });

/** The secret in groups of four, for typing it into an app by hand. */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'replayed' };

/**
 * Checks a code typed by the person (spaces allowed) at `epochSeconds`: accepted within ±1 time step,
 * and only for a step after `lastStep` (the last one accepted), so a code is never accepted twice.
 * `secret` is base32, or raw bytes; `digits` is 6 for every app (8 only for the RFC's test vectors).
 */
export function checkTotp(
  secret: string | Uint8Array,
  code: string,
  opts: { lastStep: number | null; epochSeconds: number; digits?: 6 | 8 },
): TotpCheck {
  const digits = opts.digits ?? 6;
  const token = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return { ok: false, reason: 'malformed' };
  const r = verifySync({
    secret,
    token,
    digits,
    period: TOTP_PERIOD,
    epoch: opts.epochSeconds,
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD,
  });
  if (!r.valid || !('timeStep' in r)) return { ok: false, reason: 'wrong' };
  if (opts.lastStep !== null && r.timeStep <= opts.lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: r.timeStep };
}

// ---- Recovery codes ----

/** Codes handed out at a time; each works once. */
export const RECOVERY_CODE_COUNT = 10;
/** Lower-case letters and digits without the look-alikes (i l 1, o 0). */
export const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Characters of a code (31^10 ≈ 2^49.5). */
export const RECOVERY_CODE_LENGTH = 10;

/** `abcdefghjk` → `abcd-efgh-jk`. */
export const formatRecoveryCode = (raw: string): string => raw.replace(/(.{4})(?=.)/g, '$1-');

/** What the person typed, as stored: lower case, without spaces and dashes. */
export const normaliseRecoveryCode = (input: string): string => input.toLowerCase().replace(/[\s\-‐‑–—]+/g, '');

/** True when the input can be a recovery code at all (after normalising). */
export const looksLikeRecoveryCode = (input: string): boolean =>
  new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`).test(normaliseRecoveryCode(input));

/** The stored form: SHA-256 of the normalised code (the codes are random, so no slow hash is needed). */
export const hashRecoveryCode = (input: string): string => createHash('sha256').update(normaliseRecoveryCode(input)).digest('hex');

/** A fresh set of formatted codes; `pick(n)` returns a random integer in [0, n). */
export function newRecoveryCodes(pick: (n: number) => number = randomInt): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    formatRecoveryCode(Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_ALPHABET[pick(RECOVERY_ALPHABET.length)]).join('')),
  );
}
