// Storage of OpenID Connect sign-ins: the flows under way (state hashed, PKCE verifier, nonce; single use,
// ten minutes) and the identities bound to accounts by (provider, subject).
import type { Queryable } from '../db/db.ts';
import { hashToken } from './accounts.ts';

export const OIDC_FLOW_MINUTES = 10;

export interface OidcFlow {
  provider: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string | null;
}

export async function saveOidcFlow(db: Queryable, state: string, f: OidcFlow): Promise<void> {
  await db.query('DELETE FROM oidc_flows WHERE expires_at < now() - interval \'1 day\'');
  await db.query(
    `INSERT INTO oidc_flows (state_hash, provider, code_verifier, nonce, return_to, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [hashToken(state), f.provider, f.codeVerifier, f.nonce, f.returnTo, OIDC_FLOW_MINUTES],
  );
}

/**
 * Takes the flow a state names, once: marks it used and returns it, or says why not (unknown, already
 * used, expired). A replayed callback finds its flow used.
 */
export async function takeOidcFlow(db: Queryable, state: string): Promise<{ flow: OidcFlow } | { problem: 'unknown' | 'used' | 'expired' }> {
  const { rows } = await db.query<OidcFlow & { used: boolean; expired: boolean }>(
    `UPDATE oidc_flows f SET used_at = COALESCE(f.used_at, now())
       FROM (SELECT state_hash, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM oidc_flows WHERE state_hash = $1 FOR UPDATE) old
      WHERE f.state_hash = old.state_hash
      RETURNING f.provider, f.code_verifier AS "codeVerifier", f.nonce, f.return_to AS "returnTo", old.used, old.expired`,
    [hashToken(state)],
  );
  const r = rows[0];
  if (!r) return { problem: 'unknown' };
  if (r.used) return { problem: 'used' };
  if (r.expired) return { problem: 'expired' };
  return { flow: { provider: r.provider, codeVerifier: r.codeVerifier, nonce: r.nonce, returnTo: r.returnTo } };
}

/** The account an identity is bound to (and notes its use). */
export async function identityUser(db: Queryable, provider: string, subject: string): Promise<number | undefined> {
  return (
    await db.query<{ user_id: number }>(
      'UPDATE user_identities SET last_used_at = now() WHERE provider = $1 AND subject = $2 RETURNING user_id',
      [provider, subject],
    )
  ).rows[0]?.user_id;
}

export async function linkIdentity(db: Queryable, provider: string, subject: string, userId: number, email: string | null): Promise<void> {
  await db.query(
    'INSERT INTO user_identities (provider, subject, user_id, email, last_used_at) VALUES ($1, $2, $3, $4, now())',
    [provider, subject, userId, email],
  );
}
