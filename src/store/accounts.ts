// Accounts, sessions and password resets. Passwords are hashed with argon2id;
// session and reset tokens are random 256-bit values stored only as SHA-256 hashes.
// Failed sign-ins are throttled per (IP, address) (docs/sign-in.md).
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import type { Role } from '../domain/organisation.ts';
import { failuresToConsider, SIGN_IN_THROTTLE, signInWaitSeconds } from '../domain/sign-in-throttle.ts';
import { ruleForEmail, signInRefusal, type SignInMethod, type SignInRefusal } from '../domain/identity/policy.ts';
import { getAccountFacts, listDomainRules } from './identity.ts';

import type { User } from '../domain/accounts.ts';
export type { User };

export const SESSION_HOURS = 12;
export const RESET_LINK_MINUTES = 60;

/** Parameters of every stored password hash, and of the dummy hash unknown accounts are checked against. */
const HASH_OPTIONS = { type: argon2.argon2id } as const;
const hashPassword = (password: string) => argon2.hash(password, HASH_OPTIONS);

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** An account's fields (the User of domain/accounts.ts), over USER_FROM, grouped by u.id. */
const USER_COLUMNS = `
         u.id, u.email, u.name, u.role, u.is_demo AS "isDemo",
         COALESCE(array_agg(um.municipality_code ORDER BY um.municipality_code) FILTER (WHERE um.municipality_code IS NOT NULL), '{}') AS municipalities,
         CASE WHEN u.deactivated_at IS NOT NULL THEN 'deactivated' WHEN u.activated_at IS NULL THEN 'invited' ELSE 'active' END AS status,
         u.password_hash IS NOT NULL AS "hasPassword",
         u.totp_enabled_at IS NOT NULL AS "totpEnabled",
         ARRAY(SELECT DISTINCT ui.provider FROM user_identities ui WHERE ui.user_id = u.id ORDER BY ui.provider) AS "ssoProviders",
         u.association_id AS "associationId",
         ARRAY(SELECT am.code FROM municipalities am WHERE am.association_id = u.association_id ORDER BY am.code) AS "associationMembers"`;
const USER_FROM = 'FROM users u LEFT JOIN user_municipalities um ON um.user_id = u.id';
const USER_SELECT = `SELECT ${USER_COLUMNS} ${USER_FROM}`;

export async function getUser(db: Queryable, id: number): Promise<User | undefined> {
  return (await db.query<User>(`${USER_SELECT} WHERE u.id = $1 GROUP BY u.id`, [id])).rows[0];
}

/**
 * The accounts of one association and the region's analysts (who belong to none): what its förbundsadmin
 * manages. Without `associationId`, every account.
 */
export async function listUsers(db: Queryable, associationId?: number): Promise<User[]> {
  return (
    await db.query<User>(
      `${USER_SELECT} WHERE ($1::int IS NULL OR u.association_id = $1 OR u.role = 'regionanalytiker') GROUP BY u.id ORDER BY u.email`,
      [associationId ?? null],
    )
  ).rows;
}

/**
 * Creates an account. Without a password it signs in by SSO only; `invited` leaves it unactivated
 * until the person accepts the invitation (src/domain/identity/policy.ts).
 */
export async function createUser(
  db: Queryable,
  u: {
    email: string;
    name: string;
    password?: string;
    role: Role;
    municipalities?: string[];
    isDemo?: boolean;
    invited?: boolean;
    /** The account's association; without it the instance's default association (none for a regionanalytiker). */
    associationId?: number | null;
  },
): Promise<User> {
  const hash = u.password === undefined ? null : await hashPassword(u.password);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO users (email, name, password_hash, role, is_demo, activated_at, association_id)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN NULL ELSE now() END,
             CASE WHEN $4 = 'regionanalytiker' THEN NULL ELSE COALESCE($7::int, default_association_id()) END) RETURNING id`,
    [u.email.trim(), u.name, hash, u.role, u.isDemo ?? false, u.invited ?? false, u.associationId ?? null],
  );
  await setUserMunicipalities(db, rows[0].id, u.municipalities ?? []);
  return (await getUser(db, rows[0].id))!;
}

export async function setUserMunicipalities(db: Queryable, userId: number, codes: string[]) {
  await db.query('DELETE FROM user_municipalities WHERE user_id = $1', [userId]);
  for (const code of codes)
    await db.query('INSERT INTO user_municipalities (user_id, municipality_code) VALUES ($1, $2)', [userId, code]);
}

/**
 * Sets an account's role. A regionanalytiker belongs to no association; an account that gets another role
 * keeps its association, or (a former regionanalytiker) gets `associationId`, else the default association.
 */
export async function setUserRole(db: Queryable, userId: number, role: Role, associationId?: number) {
  await db.query(
    `UPDATE users SET role = $2,
            association_id = CASE WHEN $2 = 'regionanalytiker' THEN NULL ELSE COALESCE(association_id, $3::int, default_association_id()) END
      WHERE id = $1`,
    [userId, role, associationId ?? null],
  );
}

/** Deactivates (every session ends in the same statement's transaction) or reactivates an account. */
export async function setDeactivated(db: Queryable, userId: number, deactivated: boolean) {
  await db.query('UPDATE users SET deactivated_at = CASE WHEN $2::boolean THEN now() ELSE NULL END WHERE id = $1', [userId, deactivated]);
  if (deactivated) await revokeUserSessions(db, userId);
}

/** Deletes an account (an invitation that was never accepted: the account holds nothing else). */
export async function deleteUser(db: Queryable, userId: number) {
  await db.query('DELETE FROM users WHERE id = $1', [userId]);
}

/** Active förbundsadmin accounts of the same association as `exceptId`, other than it (every association keeps one). */
export async function countOtherActiveAdmins(db: Queryable, exceptId: number): Promise<number> {
  return (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users
        WHERE role = 'forbundsadmin' AND activated_at IS NOT NULL AND deactivated_at IS NULL AND id <> $1
          AND association_id IS NOT DISTINCT FROM (SELECT association_id FROM users WHERE id = $1)`,
      [exceptId],
    )
  ).rows[0].n;
}

/**
 * Sets a new password and ends the account's sessions: all of them, or all but `keepSession`
 * (the token of the session that changed its own password).
 */
export async function setPassword(db: Queryable, userId: number, password: string, opts: { keepSession?: string } = {}) {
  await setPasswordHash(db, userId, await hashPassword(password), opts.keepSession);
}

async function setPasswordHash(db: Queryable, userId: number, hash: string, keepSession?: string) {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
  await revokeUserSessions(db, userId, keepSession);
}

export async function findUserIdByEmail(db: Queryable, email: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email.trim()])).rows[0]?.id;
}

/** Whether `password` is the account's password (false for an account without one). */
export async function checkPassword(db: Queryable, userId: number, password: string): Promise<boolean> {
  const hash = (await db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [userId])).rows[0]?.password_hash;
  return !!hash && (await argon2.verify(hash, password).catch(() => false));
}

// Unknown addresses are checked against this hash, made once with the parameters of real ones, so a
// wrong password takes as long for an unknown account as for an existing one. It is started by the
// first sign-in attempt of any kind, so not even the first unknown address stands out.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(newToken()));

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'refused'; refusal: SignInRefusal }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks e-mail + password for an attempt from `ip`. Failures are recorded per (ip, address), for
 * unknown addresses too; while this address owes a delay (src/domain/sign-in-throttle.ts) the attempt
 * is answered `throttled` without looking at the password or the account.
 *
 * The attempt is recorded as a failure before the password is checked (and forgotten with the others
 * on success), under a lock on (ip, address): attempts sent in parallel see each other, so a burst
 * cannot slip past the delay.
 */
export async function verifyLogin(db: Db, email: string, password: string, ip: string): Promise<LoginResult> {
  const address = email.trim();
  void getDummyHash();
  const wait = await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended(lower($1) || ' ' || $2, 0))`, [address, ip]);
    const recent = (
      await tx.query<{ ip: string; at: Date | string; now: Date | string }>(
        `SELECT ip, at, now() AS now FROM login_failures
          WHERE lower(email) = lower($1) AND ip = $2 AND at > now() - make_interval(secs => $3)
          ORDER BY at DESC LIMIT $4`,
        [address, ip, SIGN_IN_THROTTLE.windowSeconds, failuresToConsider()],
      )
    ).rows;
    const w = recent.length
      ? signInWaitSeconds(
          recent.map((f) => ({ ip: f.ip, at: new Date(f.at) })),
          ip,
          new Date(recent[0].now),
        )
      : 0;
    if (w > 0) return w;
    await tx.query('INSERT INTO login_failures (email, ip) VALUES ($1, $2)', [address, ip]);
    // Failures past the window count for nothing; the address's old ones go.
    await tx.query('DELETE FROM login_failures WHERE lower(email) = lower($1) AND at < now() - make_interval(secs => $2)', [
      address,
      SIGN_IN_THROTTLE.windowSeconds,
    ]);
    return 0;
  });
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  const row = (
    await db.query<{ id: number; password_hash: string }>('SELECT id, password_hash FROM users WHERE lower(email) = lower($1)', [address])
  ).rows[0];
  const hash = row?.password_hash ?? (await getDummyHash());
  const ok = (await argon2.verify(hash, password).catch(() => false)) && row !== undefined;
  if (!ok || !row) return { ok: false, reason: 'invalid' };
  await db.query('DELETE FROM login_failures WHERE lower(email) = lower($1) AND ip = $2', [address, ip]);
  // Told only to someone who knows the password: a deactivated account, or a domain that signs in by SSO.
  const refusal = signInRefusal((await getAccountFacts(db, row.id))!, 'password', ruleForEmail(address, await listDomainRules(db)));
  if (refusal) return { ok: false, reason: 'refused', refusal };
  return { ok: true, user: (await getUser(db, row.id))! };
}

/** Forgets every recorded failed sign-in for an address, from every IP (after a password reset). */
async function clearLoginFailures(db: Queryable, email: string) {
  await db.query('DELETE FROM login_failures WHERE lower(email) = lower($1)', [email.trim()]);
}

/** Where a session came from: shown to its owner under Mitt konto → Inloggningar. */
export interface SessionOrigin {
  method?: SignInMethod;
  ip?: string;
  userAgent?: string;
}

export async function createSession(
  db: Queryable,
  userId: number,
  lifetimeSeconds = SESSION_HOURS * 3600,
  origin: SessionOrigin = {},
): Promise<{ token: string; csrfToken: string; expiresInSeconds: number }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, method, ip, user_agent, last_seen_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6, $7, now())`,
    [hashToken(token), userId, csrfToken, lifetimeSeconds, origin.method ?? 'password', origin.ip ?? null, origin.userAgent?.slice(0, 300) ?? null],
  );
  return { token, csrfToken, expiresInSeconds: lifetimeSeconds };
}

export async function getSession(
  db: Queryable,
  token: string,
): Promise<{ user: User; csrfToken: string; expiresInSeconds: number } | undefined> {
  // The session and its account in one statement (every signed-in request asks this).
  const s = (
    await db.query<User & { csrf_token: string; seconds_left: number; stale: boolean }>(
      `SELECT s.csrf_token, EXTRACT(EPOCH FROM (s.expires_at - now()))::float8 AS seconds_left,
              (s.last_seen_at IS NULL OR s.last_seen_at < now() - interval '1 minute') AS stale, ${USER_COLUMNS}
         ${USER_FROM}
         JOIN sessions s ON s.user_id = u.id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.deactivated_at IS NULL
        GROUP BY u.id, s.token_hash`,
      [hashToken(token)],
    )
  ).rows[0];
  if (!s) return undefined;
  // Last use, for the owner's list of sessions: written at most once a minute.
  if (s.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [hashToken(token)]);
  const { csrf_token: csrfToken, seconds_left: secondsLeft, stale: _stale, ...user } = s;
  return { user, csrfToken, expiresInSeconds: Math.max(0, Math.floor(Number(secondsLeft))) };
}

/** Gives a live session a new full lifetime from now; returns the seconds left, or undefined when it has ended. */
export async function extendSession(db: Queryable, token: string, lifetimeSeconds = SESSION_HOURS * 3600): Promise<number | undefined> {
  const { rows } = await db.query<{ id: unknown }>(
    `UPDATE sessions SET expires_at = now() + make_interval(secs => $2)
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING token_hash AS id`,
    [hashToken(token), lifetimeSeconds],
  );
  return rows.length ? lifetimeSeconds : undefined;
}

export async function revokeSession(db: Queryable, token: string) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
}

/** Ends the account's sessions, except the one whose token is `exceptToken`. */
export async function revokeUserSessions(db: Queryable, userId: number, exceptToken?: string) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2', [
    userId,
    exceptToken === undefined ? '' : hashToken(exceptToken),
  ]);
}

// Issues a reset link for the account with the address (none when no account has it) and ends every
// older unused link of that account, in one statement. Ended links are marked used.
const ISSUE_RESET = `
  WITH u AS (SELECT id FROM users WHERE lower(email) = lower($1)),
       older AS (UPDATE password_resets SET used_at = now() WHERE user_id IN (SELECT id FROM u) AND used_at IS NULL),
       issued AS (INSERT INTO password_resets (token_hash, user_id, expires_at)
                  SELECT $2, id, now() + make_interval(mins => $3) FROM u RETURNING user_id)
  SELECT user_id FROM issued`;

/**
 * A reset request for an address, taking the same path whether or not an account has it: a token is
 * made and the same statement runs; `userId` is set only when the address belongs to an account.
 */
export async function requestPasswordReset(db: Queryable, email: string): Promise<{ token: string; userId?: number }> {
  const token = newToken();
  const { rows } = await db.query<{ user_id: number }>(ISSUE_RESET, [
    email.trim(),
    hashToken(token),
    RESET_LINK_MINUTES,
  ]);
  return { token, userId: rows[0]?.user_id };
}

/**
 * Consumes a reset token once; returns the user id, or undefined when unknown, used or expired.
 * Every other unused link of the account stops working too.
 */
export async function consumePasswordReset(db: Queryable, token: string): Promise<number | undefined> {
  const { rows } = await db.query<{ user_id: number }>(
    `UPDATE password_resets SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [hashToken(token)],
  );
  const userId = rows[0]?.user_id;
  if (userId !== undefined)
    await db.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
  return userId;
}

/**
 * Sets a new password with a reset token, in one transaction: the link and every other link of the
 * account end, all the account's sessions end, and its failed sign-ins are forgotten (from every IP).
 * Undefined when the token is unknown, used or expired.
 */
export async function completePasswordReset(db: Db, token: string, password: string): Promise<User | undefined> {
  // Hashed first: the slow part stays outside the transaction.
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumePasswordReset(tx, token);
    if (userId === undefined) return undefined;
    await setPasswordHash(tx, userId, hash);
    const user = (await getUser(tx, userId))!;
    await clearLoginFailures(tx, user.email);
    return user;
  });
}
