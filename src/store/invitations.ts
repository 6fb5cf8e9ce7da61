// Invitations (issue 13): a link valid INVITATION_DAYS days, single use, stored only as a SHA-256 hash.
// The invited account exists from the invitation on and is activated when the person accepts it, by
// choosing a password through the link or by signing in with SSO while the invitation is valid.
import type { Queryable } from '../db/db.ts';
import { INVITATION_DAYS } from '../domain/identity/policy.ts';
import { hashToken, newToken } from './accounts.ts';

export interface InvitationRow {
  id: number;
  userId: number;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

const SELECT = `SELECT id, user_id AS "userId", created_at AS "createdAt", expires_at AS "expiresAt",
                       accepted_at AS "acceptedAt", revoked_at AS "revokedAt" FROM invitations`;
const VALID = 'accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()';

/** Issues a new link for the account; every older open invitation of it is revoked. Returns the token (shown once, in the mail). */
export async function issueInvitation(db: Queryable, userId: number, createdBy: number | null): Promise<{ token: string; invitation: InvitationRow }> {
  await db.query(`UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [userId]);
  const token = newToken();
  const { rows } = await db.query<InvitationRow>(
    `INSERT INTO invitations (token_hash, user_id, created_by, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))
     RETURNING id, user_id AS "userId", created_at AS "createdAt", expires_at AS "expiresAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"`,
    [hashToken(token), userId, createdBy, INVITATION_DAYS],
  );
  return { token, invitation: rows[0] };
}

/** The open invitation a token names: undefined when unknown, used, revoked or expired. */
export async function findValidInvitation(db: Queryable, token: string): Promise<InvitationRow | undefined> {
  return (await db.query<InvitationRow>(`${SELECT} WHERE token_hash = $1 AND ${VALID}`, [hashToken(token)])).rows[0];
}

/** The account's open invitation, if any (an invited account may accept it by signing in with SSO). */
export async function validInvitationOfUser(db: Queryable, userId: number): Promise<InvitationRow | undefined> {
  return (await db.query<InvitationRow>(`${SELECT} WHERE user_id = $1 AND ${VALID} ORDER BY id DESC LIMIT 1`, [userId])).rows[0];
}

/** The latest invitation of each account (for Administration → Konton). */
export async function latestInvitations(db: Queryable): Promise<InvitationRow[]> {
  return (await db.query<InvitationRow>(`${SELECT} WHERE id IN (SELECT max(id) FROM invitations GROUP BY user_id)`)).rows;
}

/**
 * Accepts an open invitation once (a second call with the same id gets false) and activates its
 * account. Run it in the transaction that sets the password or links the SSO identity.
 */
export async function acceptInvitation(db: Queryable, invitationId: number): Promise<boolean> {
  const { rows } = await db.query<{ user_id: number }>(
    `UPDATE invitations SET accepted_at = now() WHERE id = $1 AND ${VALID} RETURNING user_id`,
    [invitationId],
  );
  if (!rows.length) return false;
  await db.query('UPDATE users SET activated_at = COALESCE(activated_at, now()) WHERE id = $1', [rows[0].user_id]);
  return true;
}

/** Revokes the account's open invitations; true when one was open. */
export async function revokeInvitations(db: Queryable, userId: number): Promise<boolean> {
  return (await db.query(`UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND ${VALID}`, [userId])).rowCount > 0;
}
