// A person's own sessions (Mitt konto → Inloggningar): listed with where they came from, ended one by one.
import type { Queryable } from '../db/db.ts';
import type { SignInMethod } from '../domain/identity/policy.ts';
import { hashToken } from './accounts.ts';

export interface SessionRow {
  id: number;
  method: SignInMethod;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  current: boolean;
}

/** The account's live sessions, newest first; `current` marks the one whose token is `currentToken`. */
export async function listUserSessions(db: Queryable, userId: number, currentToken: string): Promise<SessionRow[]> {
  return (
    await db.query<SessionRow>(
      `SELECT id, method, ip, user_agent AS "userAgent", created_at AS "createdAt", last_seen_at AS "lastSeenAt",
              expires_at AS "expiresAt", token_hash = $2 AS current
         FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC, id DESC`,
      [userId, hashToken(currentToken)],
    )
  ).rows;
}

/**
 * Ends one live session of the account. Undefined when the account has no such session (another
 * person's id is no different from an unknown one); else whether it was the session `currentToken` names.
 */
export async function endUserSession(db: Queryable, userId: number, sessionId: number, currentToken: string): Promise<{ current: boolean } | undefined> {
  const { rows } = await db.query<{ current: boolean }>(
    `UPDATE sessions SET revoked_at = now()
      WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()
      RETURNING token_hash = $3 AS current`,
    [sessionId, userId, hashToken(currentToken)],
  );
  return rows[0];
}

/** Ends every live session of the account but the current one; returns how many ended. */
export async function endOtherSessions(db: Queryable, userId: number, currentToken: string): Promise<number> {
  return (
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND token_hash <> $2`, [
      userId,
      hashToken(currentToken),
    ])
  ).rowCount;
}
