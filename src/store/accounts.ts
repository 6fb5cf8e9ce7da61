// Accounts, sessions and password resets. Passwords are hashed with argon2id;
// session and reset tokens are random 256-bit values stored only as SHA-256 hashes.
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import type { Role } from '../domain/organisation.ts';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  isDemo: boolean;
  municipalities: string[];
}

export const SESSION_HOURS = 12;
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const USER_SELECT = `
  SELECT u.id, u.email, u.name, u.role, u.is_demo AS "isDemo",
         COALESCE(array_agg(um.municipality_code ORDER BY um.municipality_code) FILTER (WHERE um.municipality_code IS NOT NULL), '{}') AS municipalities
    FROM users u LEFT JOIN user_municipalities um ON um.user_id = u.id`;

export async function getUser(db: Queryable, id: number): Promise<User | undefined> {
  return (await db.query<User>(`${USER_SELECT} WHERE u.id = $1 GROUP BY u.id`, [id])).rows[0];
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return (await db.query<User>(`${USER_SELECT} GROUP BY u.id ORDER BY u.email`)).rows;
}

export async function createUser(
  db: Queryable,
  u: { email: string; name: string; password: string; role: Role; municipalities?: string[]; isDemo?: boolean },
): Promise<User> {
  const hash = await argon2.hash(u.password, { type: argon2.argon2id });
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO users (email, name, password_hash, role, is_demo) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [u.email.trim(), u.name, hash, u.role, u.isDemo ?? false],
  );
  await setUserMunicipalities(db, rows[0].id, u.municipalities ?? []);
  return (await getUser(db, rows[0].id))!;
}

export async function setUserMunicipalities(db: Queryable, userId: number, codes: string[]) {
  await db.query('DELETE FROM user_municipalities WHERE user_id = $1', [userId]);
  for (const code of codes)
    await db.query('INSERT INTO user_municipalities (user_id, municipality_code) VALUES ($1, $2)', [userId, code]);
}

export async function setUserRole(db: Queryable, userId: number, role: Role) {
  await db.query('UPDATE users SET role = $2 WHERE id = $1', [userId, role]);
}

export async function setPassword(db: Queryable, userId: number, password: string) {
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
}

export async function findUserIdByEmail(db: Queryable, email: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email.trim()])).rows[0]?.id;
}

/** Checks email + password; counts failures per email within a window. */
export async function verifyLogin(
  db: Queryable,
  email: string,
  password: string,
): Promise<{ ok: true; user: User } | { ok: false; reason: 'invalid' | 'locked' }> {
  const failures = (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM login_failures
        WHERE lower(email) = lower($1) AND at > now() - make_interval(mins => $2)`,
      [email.trim(), LOGIN_WINDOW_MINUTES],
    )
  ).rows[0].n;
  if (failures >= LOGIN_MAX_FAILURES) return { ok: false, reason: 'locked' };
  const row = (
    await db.query<{ id: number; password_hash: string }>('SELECT id, password_hash FROM users WHERE lower(email) = lower($1)', [
      email.trim(),
    ])
  ).rows[0];
  const ok = row ? await argon2.verify(row.password_hash, password).catch(() => false) : false;
  if (!row || !ok) {
    await db.query('INSERT INTO login_failures (email) VALUES ($1)', [email.trim()]);
    return { ok: false, reason: failures + 1 >= LOGIN_MAX_FAILURES ? 'locked' : 'invalid' };
  }
  await db.query('DELETE FROM login_failures WHERE lower(email) = lower($1)', [email.trim()]);
  return { ok: true, user: (await getUser(db, row.id))! };
}

export async function createSession(
  db: Queryable,
  userId: number,
  lifetimeSeconds = SESSION_HOURS * 3600,
): Promise<{ token: string; csrfToken: string; expiresInSeconds: number }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [hashToken(token), userId, csrfToken, lifetimeSeconds],
  );
  return { token, csrfToken, expiresInSeconds: lifetimeSeconds };
}

export async function getSession(
  db: Queryable,
  token: string,
): Promise<{ user: User; csrfToken: string; expiresInSeconds: number } | undefined> {
  const s = (
    await db.query<{ user_id: number; csrf_token: string; seconds_left: number }>(
      `SELECT user_id, csrf_token, EXTRACT(EPOCH FROM (expires_at - now()))::float8 AS seconds_left
         FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [hashToken(token)],
    )
  ).rows[0];
  if (!s) return undefined;
  const user = await getUser(db, s.user_id);
  return user ? { user, csrfToken: s.csrf_token, expiresInSeconds: Math.max(0, Math.floor(Number(s.seconds_left))) } : undefined;
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

export async function revokeUserSessions(db: Queryable, userId: number) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

export async function createPasswordReset(db: Queryable, userId: number): Promise<string> {
  const token = newToken();
  await db.query(`INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
    hashToken(token),
    userId,
  ]);
  return token;
}

/** Consumes a reset token once; returns the user id or undefined when unknown, used or expired. */
export async function consumePasswordReset(db: Queryable, token: string): Promise<number | undefined> {
  const { rows } = await db.query<{ user_id: number }>(
    `UPDATE password_resets SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [hashToken(token)],
  );
  return rows[0]?.user_id;
}
