// Storage of two-factor authentication: an account's TOTP secret, when it was switched on and the
// last accepted time step; its recovery codes (SHA-256 hashes); sign-ins waiting for their second
// step (token hashed, short-lived, counted attempts). Rules: src/domain/identity/totp.ts.
import argon2 from 'argon2';
import type { Queryable } from '../db/db.ts';
import { CHALLENGE_MAX_ATTEMPTS, CHALLENGE_MINUTES } from '../domain/identity/totp.ts';
import { hashToken, newToken } from './accounts.ts';

export interface TotpState {
  secret: string | null;
  enabled: boolean;
  lastStep: number | null;
  hasPassword: boolean;
}

export async function getTotpState(db: Queryable, userId: number): Promise<TotpState | undefined> {
  const row = (
    await db.query<{ secret: string | null; enabled: boolean; last_step: string | number | null; has_password: boolean }>(
      `SELECT totp_secret AS secret, totp_enabled_at IS NOT NULL AS enabled, totp_last_step AS last_step,
              password_hash IS NOT NULL AS has_password
         FROM users WHERE id = $1`,
      [userId],
    )
  ).rows[0];
  return row && { secret: row.secret, enabled: row.enabled, lastStep: row.last_step === null ? null : Number(row.last_step), hasPassword: row.has_password };
}

/** The secret of an enrolment under way (TOTP not on yet): replaces an earlier unconfirmed one. */
export async function setPendingTotpSecret(db: Queryable, userId: number, secret: string): Promise<void> {
  await db.query('UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND totp_enabled_at IS NULL', [userId, secret]);
}

/**
 * Records `step` as the last accepted one, only if it is later than the stored one: false when a
 * parallel request got there first (the code is then refused as used).
 */
export async function acceptTotpStep(db: Queryable, userId: number, step: number): Promise<boolean> {
  const r = await db.query(
    'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
    [userId, step],
  );
  return r.rowCount > 0;
}

export async function enableTotp(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET totp_enabled_at = now() WHERE id = $1', [userId]);
}

/** Switches TOTP off: the secret, the last step and every recovery code go. */
export async function removeTotp(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1', [userId]);
  await db.query('DELETE FROM totp_recovery_codes WHERE user_id = $1', [userId]);
}

/** A new set of recovery codes (their hashes); the old ones stop working. */
export async function replaceRecoveryCodes(db: Queryable, userId: number, hashes: readonly string[]): Promise<void> {
  await db.query('DELETE FROM totp_recovery_codes WHERE user_id = $1', [userId]);
  for (const h of hashes) await db.query('INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, h]);
}

/** Uses a recovery code once: true when it was unused and now is used. */
export async function useRecoveryCode(db: Queryable, userId: number, hash: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE totp_recovery_codes SET used_at = now()
      WHERE id = (SELECT id FROM totp_recovery_codes WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL LIMIT 1)`,
    [userId, hash],
  );
  return r.rowCount > 0;
}

export async function unusedRecoveryCodes(db: Queryable, userId: number): Promise<number> {
  return (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM totp_recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId])
  ).rows[0].n;
}

/** Does the password match the account's? False for an account without one. */
export async function passwordMatches(db: Queryable, userId: number, password: string): Promise<boolean> {
  const hash = (await db.query<{ h: string | null }>('SELECT password_hash AS h FROM users WHERE id = $1', [userId])).rows[0]?.h;
  return !!hash && (await argon2.verify(hash, password).catch(() => false));
}

// ---- Sign-ins waiting for their second step ----

export type ChallengePurpose = 'totp' | 'totp_setup';

export interface Challenge {
  tokenHash: string;
  userId: number;
  purpose: ChallengePurpose;
}

/** Issues the token of a password sign-in's second step (the account's earlier unused ones end). */
export async function issueChallenge(db: Queryable, userId: number, purpose: ChallengePurpose): Promise<string> {
  const token = newToken();
  await db.query('UPDATE sign_in_challenges SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
  await db.query(
    `INSERT INTO sign_in_challenges (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [hashToken(token), userId, purpose, CHALLENGE_MINUTES],
  );
  return token;
}

const LIVE = `c.used_at IS NULL AND c.expires_at > now() AND c.attempts < $2
  AND EXISTS (SELECT 1 FROM users u WHERE u.id = c.user_id AND u.deactivated_at IS NULL)`;

/** A live challenge: unused, not expired, attempts left, its account not deactivated since. */
export async function findChallenge(db: Queryable, token: string): Promise<Challenge | undefined> {
  return (
    await db.query<Challenge>(
      `SELECT token_hash AS "tokenHash", user_id AS "userId", purpose FROM sign_in_challenges c WHERE c.token_hash = $1 AND ${LIVE}`,
      [hashToken(token), CHALLENGE_MAX_ATTEMPTS],
    )
  ).rows[0];
}

/**
 * Takes one attempt of a live challenge before its code is checked, so that requests sent in
 * parallel cannot try more codes than allowed. Undefined when the challenge is not live.
 */
export async function claimAttempt(db: Queryable, token: string): Promise<(Challenge & { attemptsLeft: number }) | undefined> {
  return (
    await db.query<Challenge & { attemptsLeft: number }>(
      `UPDATE sign_in_challenges c SET attempts = c.attempts + 1 WHERE c.token_hash = $1 AND ${LIVE}
       RETURNING c.token_hash AS "tokenHash", c.user_id AS "userId", c.purpose, ($2 - c.attempts)::int AS "attemptsLeft"`,
      [hashToken(token), CHALLENGE_MAX_ATTEMPTS],
    )
  ).rows[0];
}

/** Uses a challenge up: true only for the one request that did (single use). */
export async function consumeChallenge(db: Queryable, tokenHash: string): Promise<boolean> {
  const r = await db.query('UPDATE sign_in_challenges SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL', [tokenHash]);
  return r.rowCount > 0;
}
